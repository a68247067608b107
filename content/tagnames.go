package content

import (
	"fmt"
	"path"
	"strings"
)

// tagAlias is an alias tag: names of its own for the tag it names.
type tagAlias struct {
	rel    string   // its path below the root
	file   string   // its name in notes and problems
	line   int      // the line naming its tag
	names  []string // the phrasings it adds: its name and its header's aliases
	target string   // the name of the tag it stands for, as written
}

// tagRef is a tag read in a load: its file's path and its passage's ID.
type tagRef struct {
	rel, id string
}

// tagNames is the namespace that the tags of one load share, as the tags
// of one bot do. A tag is called by its file's name without the extension
// or with the folders above it ("firmware", "faq/firmware"), matched
// without case, as bots match what members type. Alias tags name tags,
// or other alias tags, so; a tag may come after the aliases that name it,
// so they are resolved once every file is read.
type tagNames struct {
	tags    map[string][]tagRef // name key → the tags it calls
	aliases map[string][]int    // name key → the alias tags it calls, by index in list
	list    []tagAlias
}

// add records the tags and alias tags read from f.
func (n *tagNames) add(f *file) {
	if len(f.tags) == 0 && len(f.aliases) == 0 {
		return
	}
	if n.tags == nil {
		n.tags, n.aliases = map[string][]tagRef{}, map[string][]int{}
	}
	for _, id := range f.tags {
		for _, k := range nameKeys(f.rel) {
			n.tags[k] = append(n.tags[k], tagRef{f.rel, id})
		}
	}
	for _, a := range f.aliases {
		for _, k := range nameKeys(a.rel) {
			n.aliases[k] = append(n.aliases[k], len(n.list))
		}
		n.list = append(n.list, a)
	}
}

// apply adds the names of every alias tag to the passages of the tag it
// names. An alias tag that names no tag is a note: the tag it meant may
// be elsewhere, and nothing of the content is lost.
func (n *tagNames) apply(c *Collection) {
	if len(n.list) == 0 {
		return
	}
	parts := map[string][]int{} // tag ID → its passages in c
	for i, p := range c.Passages {
		parts[p.ItemID()] = append(parts[p.ItemID()], i)
	}
	for _, a := range n.list {
		ref, why := n.resolve(a)
		if why == "" && len(parts[ref.id]) == 0 {
			why = fmt.Sprintf("names %q, whose text was not read", a.target)
		}
		if why != "" {
			c.Warnings = append(c.Warnings, Problem{File: a.file, Line: a.line, Msg: "alias tag " + why + ": its name is not added to any tag"})
			continue
		}
		cut := 0
		for _, i := range parts[ref.id] {
			cut = addPhrasings(&c.Passages[i], a.names)
		}
		if cut > 0 {
			c.Problems = append(c.Problems, Problem{File: a.file, Line: a.line,
				Msg: fmt.Sprintf("the tag it names (%s) has more than %d aliases with its names: the first %d are kept", ref.rel, maxAliases, maxAliases)})
		}
	}
}

// resolve finds the tag alias a names, following alias tags that name
// alias tags; why says why there is none.
func (n *tagNames) resolve(a tagAlias) (ref tagRef, why string) {
	from, target := a.rel, a.target
	seen := map[string]bool{}
	for {
		key := nameKey(target)
		if seen[key] {
			return ref, fmt.Sprintf("names %q, an alias tag that leads back to it", a.target)
		}
		seen[key] = true
		if refs := nearest(n.tags[key], from, func(r tagRef) string { return r.rel }); len(refs) == 1 {
			return refs[0], ""
		} else if len(refs) > 1 {
			return ref, fmt.Sprintf("names %q, the name of %d tags (%s): name one with its folder", a.target, len(refs), refList(refs))
		}
		next := nearest(n.aliases[key], from, func(i int) string { return n.list[i].rel })
		if len(next) != 1 {
			return ref, fmt.Sprintf("names %q, which is no tag here", a.target)
		}
		from, target = n.list[next[0]].rel, n.list[next[0]].target
	}
}

// nearest narrows several candidates for a name to those in the folder of
// from, where the bot's author most likely meant; else all of them.
func nearest[T any](cands []T, from string, rel func(T) string) []T {
	if len(cands) < 2 {
		return cands
	}
	var near []T
	for _, c := range cands {
		if path.Dir(rel(c)) == path.Dir(from) {
			near = append(near, c)
		}
	}
	if len(near) == 0 {
		return cands
	}
	return near
}

// refList names the files of some tags, for a note.
func refList(refs []tagRef) string {
	var names []string
	for _, r := range refs[:min(len(refs), 3)] {
		names = append(names, r.rel)
	}
	if len(refs) > 3 {
		names = append(names, "…")
	}
	return strings.Join(names, ", ")
}

// nameKeys are the names a tag file at rel is called by: its path without
// the extension and every tail of it after a "/" ("tags/faq/firmware",
// "faq/firmware", "firmware"), and the same with the extension.
func nameKeys(rel string) []string {
	rel = strings.ToLower(rel)
	var keys []string
	for _, p := range []string{strings.TrimSuffix(rel, path.Ext(rel)), rel} {
		for {
			keys = append(keys, p)
			i := strings.IndexByte(p, '/')
			if i < 0 {
				break
			}
			p = p[i+1:]
		}
	}
	return keys
}

// nameKey is the key of a tag's name as an alias tag writes it.
func nameKey(name string) string {
	return strings.Trim(strings.ToLower(strings.TrimSpace(name)), "/")
}

// addPhrasings adds names to the aliases of tag p, each once and none the
// same as its question, and says how many were left out past maxAliases.
func addPhrasings(p *Passage, names []string) (cut int) {
	all := tagAliases(p.Question, "", append(append([]string(nil), p.Aliases...), names...))
	if len(all) > maxAliases {
		cut, all = len(all)-maxAliases, all[:maxAliases]
	}
	p.Aliases = all
	return cut
}
