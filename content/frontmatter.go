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
	Kind  string // "faq", "article", "tag" or "" (decide by file name)
	// Aliases are the file's other names that are phrasings (a Discord
	// bot's tag names), not paths or links (as Hugo's aliases are).
	Aliases []string
	// embed is set when the file describes a Discord embed ("embed:
	// title: ..."), as the tags of Discord bots do.
	embed      bool
	embedTitle string
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
	const offset = 1 // YAML line 1 is file line 2
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		line, msg := yamlErrorLine(err, strings.Count(text, "\n")+1)
		f.problemf(line+offset, "invalid front matter: %s", msg)
		return frontMatter{}, false
	}
	return readFrontMatter(f, &doc, offset)
}

// readFrontMatter reads the fields faqbot knows from decoded front matter
// (a YAML document whose line 1 is line offset+1 of the file), and records
// its problems on f; ok is false when there were any.
func readFrontMatter(f *file, doc *yaml.Node, offset int) (fm frontMatter, ok bool) {
	if len(doc.Content) == 0 {
		return fm, true // empty front matter
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		f.problemf(m.Line+offset, "invalid front matter: want key: value lines")
		return fm, false
	}
	ok = true
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i], m.Content[i+1]
		var dst *string
		switch strings.ToLower(key.Value) {
		case "embed":
			readEmbed(&fm, val)
			continue
		case "aliases":
			fm.Aliases = phrasings(val)
			continue
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
	if fm.Kind != "" && fm.Kind != "faq" && fm.Kind != "article" && fm.Kind != "tag" {
		f.problemf(kindLine(m)+offset, "invalid front matter: kind %q, want faq, article or tag", fm.Kind)
		ok = false
	}
	if fm.Title == "" {
		fm.Title = fm.embedTitle
	}
	return fm, ok
}

// readEmbed reads the title of a Discord embed described in front matter
// ("embed:" with "title:" under it), which a tag shows as its heading.
// Other embed fields (colour, image, fields) are for Discord's layout.
func readEmbed(fm *frontMatter, val *yaml.Node) {
	if val.Kind != yaml.MappingNode {
		return // another tool's "embed" key
	}
	fm.embed = true
	for i := 0; i+1 < len(val.Content); i += 2 {
		k, v := val.Content[i], val.Content[i+1]
		if strings.EqualFold(k.Value, "title") && v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
			fm.embedTitle = strings.TrimSpace(v.Value)
		}
	}
}

// phrasings are the aliases of front matter that members could ask by: a
// list of text, or one text of comma-separated names ("aliases: a, b", as
// some bots write them). Paths and links ("/old/about/", Hugo's redirects)
// are no phrasings and are left out, as is anything not text.
func phrasings(val *yaml.Node) []string {
	var names []string
	switch val.Kind {
	case yaml.ScalarNode:
		if val.Tag != "!!null" {
			names = strings.Split(val.Value, ",")
		}
	case yaml.SequenceNode:
		for _, c := range val.Content {
			if c.Kind == yaml.ScalarNode && c.Tag != "!!null" {
				names = append(names, c.Value)
			}
		}
	}
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || strings.ContainsAny(n[:1], "/\\") || strings.Contains(n, "://") {
			continue
		}
		out = append(out, n)
	}
	return out
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
