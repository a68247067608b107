package content

import (
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// frontMatter is the YAML block at the top of a Markdown file.
type frontMatter struct {
	Title string
	URL   string
	Kind  string // "faq", "article" or "" (decide by file name)
}

// yamlLine finds the line number yaml.v3 puts in its error messages.
var yamlLine = regexp.MustCompile(`line (\d+): `)

// splitFrontMatter separates optional front matter from the Markdown body.
// The front matter runs from a first line "---" to the next "---" line.
// It returns the body and how many lines precede it; ok is false when the
// front matter is broken (problems are recorded on f), and then the body
// must not be read.
func splitFrontMatter(f *file) (fm frontMatter, body string, lineOffset int, ok bool) {
	first, rest, _ := strings.Cut(f.src, "\n")
	if strings.TrimRight(first, " \t") != "---" {
		return fm, f.src, 0, true
	}
	lines := strings.Split(rest, "\n")
	end := -1
	for i, l := range lines {
		if strings.TrimRight(l, " \t") == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		f.problemf(1, "unterminated front matter: no closing --- line")
		return fm, "", 0, false
	}
	fm, ok = parseFrontMatter(f, strings.Join(lines[:end], "\n"))
	return fm, strings.Join(lines[end+1:], "\n"), end + 2, ok
}

// parseFrontMatter decodes the YAML between the --- lines; its first line is
// line 2 of the file.
func parseFrontMatter(f *file, text string) (frontMatter, bool) {
	var fm frontMatter
	const offset = 1 // YAML line 1 is file line 2
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		line, msg := yamlErrorLine(err, strings.Count(text, "\n")+1)
		f.problemf(line+offset, "invalid front matter: %s", msg)
		return fm, false
	}
	if len(doc.Content) == 0 {
		return fm, true // empty front matter
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		f.problemf(m.Line+offset, "invalid front matter: want key: value lines")
		return fm, false
	}
	ok := true
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		var dst *string
		switch strings.ToLower(key.Value) {
		case "title":
			dst = &fm.Title
		case "url":
			dst = &fm.URL
		case "kind":
			dst = &fm.Kind
		default:
			continue // other tools' keys (date, tags, ...) are fine
		}
		if val.Kind != yaml.ScalarNode {
			f.problemf(val.Line+offset, "invalid front matter: %s must be text", key.Value)
			ok = false
			continue
		}
		if val.Tag != "!!null" {
			*dst = strings.TrimSpace(val.Value)
		}
	}
	fm.Kind = strings.ToLower(fm.Kind)
	if fm.Kind != "" && fm.Kind != "faq" && fm.Kind != "article" {
		f.problemf(kindLine(m)+offset, "invalid front matter: kind %q, want faq or article", fm.Kind)
		ok = false
	}
	return fm, ok
}

// kindLine is the line of the kind value in a front matter mapping.
func kindLine(m *yaml.Node) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if strings.EqualFold(m.Content[i].Value, "kind") {
			return m.Content[i+1].Line
		}
	}
	return m.Line
}

// yamlErrorLine finds the YAML line (1-based, within 1..lines) that a
// yaml.v3 syntax error is about, and the message without it. yaml.v3 counts
// lines from 1 in scanner errors but from 0 in parser errors (those saying
// "did not find expected ..."), and gives no line for errors on the first.
func yamlErrorLine(err error, lines int) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	m := yamlLine.FindStringSubmatchIndex(msg)
	if m == nil {
		return 1, strings.TrimSpace(msg)
	}
	n, _ := strconv.Atoi(msg[m[2]:m[3]])
	msg = strings.TrimSpace(msg[:m[0]] + msg[m[1]:])
	if strings.HasPrefix(msg, "did not find expected") {
		n++
	}
	return max(1, min(n, lines)), msg
}
