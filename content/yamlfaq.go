package content

import (
	"errors"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// readYAML reads passages from a YAML file (.yaml, .yml), as many bots
// keep their FAQ: a list of entries with the fields of the JSON Lines
// format (question, answer or text, aliases, url, ...), a mapping holding
// such a list under some key ("faq:"), or one entry; a file of several
// documents ("---" between them) holds one of these in each. A bad entry
// is reported on its line and skipped; the others are still read.
func readYAML(f *file) {
	dec := yaml.NewDecoder(strings.NewReader(f.src))
	ords := ordinals{}
	var unread unreadEntries
	defer unread.report(f)
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return // the end, or an empty file: Load notes that nothing was indexed
		}
		if err != nil {
			line, msg := yamlErrorLine(err, strings.Count(f.src, "\n")+1)
			f.problemf(line, "invalid YAML: %s", msg)
			return
		}
		if len(doc.Content) > 0 && doc.Content[0].Tag != "!!null" { // not a document of comments
			readYAMLDocument(f, doc.Content[0], ords, &unread)
		}
	}
}

// readYAMLDocument reads the entries of one YAML document, whose top node
// is root.
func readYAMLDocument(f *file, root *yaml.Node, ords ordinals, unread *unreadEntries) {
	entries := []*yaml.Node{root}
	switch root.Kind {
	case yaml.SequenceNode:
		entries = root.Content
	case yaml.MappingNode:
		entries = yamlEntries(root)
	default:
		f.problemf(root.Line, "want a list of entries, or key: value lines")
		return
	}
	for _, e := range entries {
		r, ok := yamlEntry(f, e)
		if !ok {
			continue
		}
		readEntry(f, r, e.Line, ords, unread)
	}
}

// yamlEntries are the entries of a mapping at the top of a file: the
// mapping itself when it is one entry, else the first list it holds that
// starts with an entry (tags and other lists stand beside it), else none
// when it holds an empty list ("faq: []", a list with no entries yet, as
// readJSON reads it), else the mapping itself when one of its keys names a
// field of an entry and holds its text (the list is the entry's aliases or
// tags), else the first list.
func yamlEntries(m *yaml.Node) []*yaml.Node {
	var first []*yaml.Node
	empty := false
	for i := 0; i+1 < len(m.Content); i += 2 {
		if entryKey(m.Content[i].Value) {
			return []*yaml.Node{m}
		}
		v := m.Content[i+1]
		if v.Kind != yaml.SequenceNode {
			continue
		}
		if len(v.Content) == 0 {
			empty = true
			continue
		}
		if v.Content[0].Kind == yaml.MappingNode {
			return v.Content
		}
		if first == nil {
			first = v.Content
		}
	}
	switch {
	case empty:
		return nil // Load notes that nothing was indexed
	case first == nil || namesField(m):
		return []*yaml.Node{m}
	}
	return first
}

// namesField reports whether some key of mapping m is a field name of an
// entry and holds text ("title: ...").
func namesField(m *yaml.Node) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if f, _ := lookupField(m.Content[i].Value, inEntries); f != fieldNone && m.Content[i+1].Kind == yaml.ScalarNode {
			return true
		}
	}
	return false
}

// yamlEntry reads one entry's fields through the field vocabulary,
// reporting a field of the wrong shape under its own name ("question:
// [a]"). Keys it does not know (tags, dates, other tools' own), and other
// names of a field with a shape it does not have ("category: {id: 3}"),
// are left alone. A problem
// names the line where the entry or field stands, also when it is an alias
// ("*list") of a node defined elsewhere.
func yamlEntry(f *file, e *yaml.Node) (jsonlRecord, bool) {
	var r jsonlRecord
	line := e.Line
	if e.Kind == yaml.AliasNode {
		e = e.Alias
	}
	if e.Kind != yaml.MappingNode {
		f.problemf(line, "want an entry of key: value lines")
		return r, false
	}
	pairs := yamlPairs(e)
	for i := 0; i+1 < len(pairs); i += 2 {
		name, val := pairs[i].Value, pairs[i+1]
		at := val.Line
		if val.Kind == yaml.AliasNode {
			val = val.Alias
		}
		fd, rank := lookupField(name, inEntries)
		r.note(name, fd)
		own := ownName(name, fd)
		switch {
		case fd == fieldNone:
		case fd == fieldAliases:
			aliases, ok := yamlStrings(val)
			if ok {
				r.setAliases(rank, aliases)
			} else if own {
				f.problemf(at, "%s must be a list of text", name)
				return r, false
			}
		case val.Kind != yaml.ScalarNode:
			if own {
				f.problemf(at, "%s must be text", name)
				return r, false
			}
		case val.Tag != "!!null":
			r.set(fd, rank, val.Value)
		}
	}
	return r, true
}

// Merge keys copy pairs into an entry: how deep they are followed, and
// how many keys an entry may gather, so that a few anchors merged into
// each other cannot multiply into millions of pairs.
const (
	maxMergeDepth = 8
	maxEntryKeys  = 256
)

// yamlPairs are the key and value nodes of mapping m, with the pairs of
// the mappings its merge keys ("<<: *defaults") name first, so that its
// own keys override them, as YAML merges them; at most maxEntryKeys pairs
// besides its own.
func yamlPairs(m *yaml.Node) []*yaml.Node {
	budget := maxEntryKeys
	return mergePairs(m, 0, &budget)
}

// mergePairs is yamlPairs of m at merge depth depth, taking its pairs
// from budget.
func mergePairs(m *yaml.Node, depth int, budget *int) []*yaml.Node {
	var merged, own []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		if key.Value != "<<" || key.Tag != "!!merge" || depth >= maxMergeDepth {
			if depth == 0 || *budget > 0 {
				own = append(own, key, val) // an entry's own keys are all read
				*budget--
			}
			continue
		}
		sources := []*yaml.Node{val}
		if val.Kind == yaml.SequenceNode {
			sources = val.Content
		}
		for _, src := range sources {
			if src.Kind == yaml.AliasNode {
				src = src.Alias
			}
			if src.Kind == yaml.MappingNode && *budget > 0 {
				merged = append(merged, mergePairs(src, depth+1, budget)...)
			}
		}
	}
	return append(merged, own...)
}

// yamlStrings is a list of text, or one text as a list of one.
func yamlStrings(n *yaml.Node) ([]string, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		return []string{n.Value}, true
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind == yaml.AliasNode {
				c = c.Alias
			}
			if c.Kind != yaml.ScalarNode {
				return nil, false
			}
			out = append(out, c.Value)
		}
		return out, true
	}
	return nil, false
}
