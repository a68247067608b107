package content

import (
	"path"
	"regexp"
	"strings"
)

// A tag is one canned answer of a Discord bot, kept as one Markdown file
// whose name is the tag's name (what members type after "!tag"), often
// with front matter giving its embed title and other names:
//
//	---
//	aliases: ["launchday"]
//	embed:
//	    title: "Club launch days"
//	---
//	The club launches on the first Saturday of every month.
//
// Communities bring their tags along when they move to faqbot. A tag is
// one answer however many paragraphs it has, so it is read as one FAQ
// pair: its title the question, its other names and its own name the
// aliases, its whole text the answer.

// isTag reports whether a Markdown file with front matter fm is a tag: its
// front matter says "kind: tag" or describes a Discord embed, or, without
// a kind, it stands in a folder named "tags" (bots keep their tags in
// resources/tags/).
func isTag(f *file, fm frontMatter) bool {
	switch {
	case fm.Kind != "":
		return fm.Kind == "tag"
	case fm.embed:
		return true
	}
	for _, dir := range strings.Split(path.Dir(f.rel), "/") {
		if strings.EqualFold(dir, "tags") {
			return true
		}
	}
	return false
}

// boldLine is a paragraph of one line of bold text, the heading of a tag
// written for Discord, where headings were long not shown.
var boldLine = regexp.MustCompile(`^(\*\*|__)([^*_\n].*)(\*\*|__)$`)

// readTag reads the blocks of tag f as one FAQ pair. Without a title in the
// front matter, a heading or a line of bold text opening the tag is its
// title, else the tag's name.
func readTag(f *file, fm frontMatter, doc *markdownDoc, base string) {
	blocks := doc.blocks
	title, line := fm.Title, 0
	if len(blocks) > 0 {
		if lead := leadTitle(doc, &blocks[0]); lead != "" && (title == "" || strings.EqualFold(lead, title)) {
			title, line = lead, blocks[0].line
			blocks = blocks[1:] // the title, which the answer shows as its heading
		}
	}
	title = strings.TrimSpace(emojiCode.ReplaceAllString(title, ""))
	if title == "" {
		title = f.defaultTitle()
	}
	if len(blocks) == 0 {
		f.problemf(max(line, doc.lineOffset+1), "tag %q has no text", title)
		return
	}
	if line == 0 {
		line = blocks[0].line
	}
	id, before := questionID(f.rel, title, ordinals{}), len(f.passages)
	f.emit(draft{
		Passage: Passage{
			ID:       id,
			Kind:     KindFAQ,
			Question: title,
			Aliases:  tagAliases(title, tagName(f.rel), fm.Aliases),
			Text:     doc.text(blocks[0].start, blocks[len(blocks)-1].end),
			URL:      base,
			Line:     line,
		},
		textLine: blocks[0].line,
		plain:    doc.plain,
	})
	switch {
	case doc.overrun:
		f.passages = f.passages[:before]
		f.problemf(doc.lineOffset+1, "%s", tooSlow)
	case len(f.passages) > before:
		f.tags = append(f.tags, id) // a name alias tags can use
	}
}

// leadTitle is the text of block b when it can be a tag's title: a
// heading, or a line of bold text alone; else "".
func leadTitle(doc *markdownDoc, b *mdBlock) string {
	if b.level > 0 {
		return b.heading
	}
	if !b.para || len(b.lines) != 1 {
		return ""
	}
	src := doc.text(b.start, b.end)
	m := boldLine.FindStringSubmatch(src)
	if m == nil || m[1] != m[3] || strings.Contains(m[2], m[1]) {
		return ""
	}
	return doc.plain(src)
}

// emojiCode is a Discord emoji written by its name (":rocket:"), which
// titles of tags open with and which reads as nothing but its name.
var emojiCode = regexp.MustCompile(`(^|\s):[a-z0-9_+-]+:(\s|$)`)

// tagName is the name a tag is called by: its file's name without the
// extension, words apart ("launch-day.md" is "launch day").
func tagName(rel string) string {
	name := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	return strings.Join(strings.FieldsFunc(name, func(r rune) bool {
		return r == '-' || r == '_' || r == ' '
	}), " ")
}

// tagAliases are the phrasings of a tag: its other names and its own
// name, each once and none the same as its title.
func tagAliases(title, name string, others []string) []string {
	seen := map[string]bool{strings.ToLower(title): true}
	var out []string
	for _, a := range append([]string{name}, others...) {
		a = strings.TrimSpace(a)
		if k := strings.ToLower(a); a != "" && !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	return out
}
