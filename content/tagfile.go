package content

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Some bots keep each tag in a file of their own format (.ytag, .tag): a
// header of YAML without an opening "---", a line "---", then the tag's
// text in Discord's Markdown, where every line break is a break:
//
//	type: embed
//	embed:
//	    title: Updating the firmware
//	---
//	Hold SHIFT while powering on.
//
// An alias tag ("type: alias" with "other: NAME", or "target: NAME") has no
// text: it gives another tag a second name (see tagNames).

// readTagFile reads a bot's tag file as one tag, or an alias tag as a name
// for another tag.
func readTagFile(f *file) {
	h := splitTagHeader(f.src)
	doc, err := decodeTagHeader(h.text)
	alias := err == nil && strings.EqualFold(headerText(doc, "type").value, "alias")
	switch {
	case !h.sep && !alias:
		f.problemf(h.firstText(), "no --- line between the tag's header and its text: the tag is not read")
		return
	case err != nil:
		line, msg := yamlErrorLine(err, strings.Count(h.text, "\n")+1)
		f.problemf(line+h.offset, "invalid front matter: %s", msg)
		return
	}
	fm, ok := readFrontMatter(f, doc, h.offset)
	if !ok {
		return
	}
	if alias {
		readAliasTag(f, fm, doc, h)
		return
	}
	md, line, msg := parseMarkdown(h.body, h.bodyOffset)
	if msg != "" {
		f.problemf(line, "%s", msg)
		return
	}
	readTag(f, fm, md, f.baseURL(fm.URL))
}

// readAliasTag records alias tag f, whose header is doc, as names for the
// tag it names, which the load finds once every file is read.
func readAliasTag(f *file, fm frontMatter, doc *yaml.Node, h tagSplit) {
	target := headerText(doc, "other", "target")
	if target.value == "" {
		f.problemf(max(target.line, headerText(doc, "type").line)+h.offset, "alias tag names no tag: give its name as other: NAME")
		return
	}
	if h.sep && strings.TrimSpace(h.body) != "" {
		f.warnf(h.bodyOffset+1, "the text of an alias tag is not read: it answers as the tag it names")
	}
	d := draft{Passage: Passage{Aliases: append([]string{tagName(f.rel)}, fm.Aliases...), Line: target.line + h.offset}}
	if !f.phrasingsFit(&d) {
		return
	}
	f.aliases = append(f.aliases, tagAlias{rel: f.rel, file: f.name, line: d.Line, names: d.Aliases, target: target.value})
}

// tagSplit is a tag file cut at the line "---" that ends its header.
type tagSplit struct {
	text       string // the header
	offset     int    // lines of the file before the header's first
	body       string // what follows the "---" line
	bodyOffset int    // lines of the file before the body's first
	sep        bool   // there is a "---" line; else the whole file is the header
}

// splitTagHeader cuts a tag file at its first line "---" (spaces around it
// allowed, as bots read it). A file opening with "---" has its header
// after that line when another "---" line closes it, as Markdown front
// matter does; else its header is empty.
func splitTagHeader(src string) tagSplit {
	lines := strings.Split(src, "\n")
	sep := func(from int) int {
		for i := from; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) == "---" {
				return i
			}
		}
		return -1
	}
	s := tagSplit{}
	end := sep(0)
	if end == 0 {
		if closing := sep(1); closing > 0 {
			s.offset, end = 1, closing
		}
	}
	if end < 0 {
		s.text = src
		return s
	}
	s.text = strings.Join(lines[s.offset:end], "\n")
	s.body = strings.Join(lines[end+1:], "\n")
	s.bodyOffset = end + 1
	s.sep = true
	return s
}

// firstText is the file's line where the header of a file without "---"
// turns into text: the first line that is no "key: value" line, else the
// header's first.
func (s tagSplit) firstText() int {
	for i, l := range strings.Split(s.text, "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") && !headerLine.MatchString(l) {
			return s.offset + i + 1
		}
	}
	return s.offset + 1
}

// headerLine is one "key: value" line of a tag's header, as the bots that
// keep tags in files read them: a key at the start of the line, the rest of
// the line its value.
var headerLine = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_.-]*):(?:[ \t]+(.*))?$`)

// decodeTagHeader decodes a tag's header as YAML; err is YAML's error. A
// header that is not YAML but is made of "key: value" lines only is read
// line by line, each value the text after its key, as the bots themselves
// read their headers ("title: :x: Address in use", "button: [Docs](url)",
// which YAML refuses).
func decodeTagHeader(text string) (*yaml.Node, error) {
	var doc yaml.Node
	err := yaml.Unmarshal([]byte(text), &doc)
	if err == nil {
		return &doc, nil
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Line: 1}
	for i, l := range strings.Split(text, "\n") {
		if t := strings.TrimSpace(l); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		kv := headerLine.FindStringSubmatch(strings.TrimRight(l, " \t"))
		if kv == nil {
			return nil, err
		}
		val := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: kv[2], Line: i + 1}
		if val.Value == "" {
			val.Tag = "!!null"
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: kv[1], Line: i + 1}, val)
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{m}}, nil
}

// headerField is a text value of a header and its line (0 when absent).
type headerField struct {
	value string
	line  int
}

// headerText is the text of the first of keys (matched without case) that
// the header doc has, trimmed; empty when none is text.
func headerText(doc *yaml.Node, keys ...string) headerField {
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return headerField{}
	}
	m := doc.Content[0]
	for _, k := range keys {
		for i := 0; i+1 < len(m.Content); i += 2 {
			key, val := m.Content[i], m.Content[i+1]
			if strings.EqualFold(key.Value, k) && val.Kind == yaml.ScalarNode && val.Tag != "!!null" {
				return headerField{strings.TrimSpace(val.Value), val.Line}
			}
		}
	}
	return headerField{}
}
