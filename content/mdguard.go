package content

import (
	"strings"
	"time"
	"unicode/utf8"
)

// MaxMarkdownDepth is how deeply lists and block quotes may nest in a
// Markdown file. Real documents stay under ten levels; the Markdown parser
// takes time that grows with the square of the depth, so a file nested
// deeper (200,000 ">" on a line, a list nested 3,000 levels) is reported
// instead of being handed to it.
const MaxMarkdownDepth = 32

// maxInlineRunes is the longest heading, question or alias: what is shown
// as a title in Discord is far shorter, and the Markdown parser takes time
// that grows faster than the length of the text it reads.
const maxInlineRunes = 1000

// markdownBudget is how long one Markdown file may take to read, its block
// structure and then its inline Markdown (headings, questions, the words
// that links quote). Ordinary files need milliseconds; only text made to
// be slow comes near it. The block structure cannot be interrupted, but
// the size limit keeps it under a second.
const markdownBudget = time.Second

// deepLine finds the first line of body nested more than limit levels
// deep; it returns 0 when there is none. Nothing here is parsed: the
// nesting of a line is estimated from the quote and list markers it starts
// with and from its indentation (two columns per level), which is never
// less than the real nesting, so nothing deeper than limit reaches the
// parser.
func deepLine(body string, limit int) (line, depth int) {
	for n := 1; body != ""; n++ {
		l, rest, _ := strings.Cut(body, "\n")
		if d := lineDepth(l, limit); d > limit {
			return n, d
		}
		body = rest
	}
	return 0, 0
}

// lineDepth estimates how many containers (block quotes, list items) line
// is inside: the markers it starts with, plus its indentation in columns
// divided by two when it starts a list item. It stops counting once past
// limit.
func lineDepth(line string, limit int) int {
	i, indent := 0, 0
	for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		if line[i] == '\t' {
			indent += 4 - indent%4
		} else {
			indent++
		}
	}
	quotes, items := 0, 0
	for i < len(line) && quotes+items <= limit {
		switch n := listMarker(line[i:]); {
		case line[i] == '>':
			quotes++
			i++
		case n > 0:
			if thematicBreak(line[i:]) {
				return quotes // "- - - -" is a rule, not nested lists
			}
			items++
			i += n
		default:
			return depthOf(quotes, items, indent)
		}
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
	}
	return depthOf(quotes, items, indent)
}

func depthOf(quotes, items, indent int) int {
	if items == 0 {
		return quotes // indented text alone is code or a continuation
	}
	return quotes + items + indent/2
}

// listMarker is the length of the list item marker s starts with ("- ",
// "* ", "+ ", "12. ", "3) ", or the marker alone at the end of the line),
// 0 for none.
func listMarker(s string) int {
	n := 0
	switch {
	case s == "":
		return 0
	case s[0] == '-' || s[0] == '*' || s[0] == '+':
		n = 1
	default:
		for n < len(s) && n < 9 && '0' <= s[n] && s[n] <= '9' {
			n++
		}
		if n == 0 || n == len(s) || (s[n] != '.' && s[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0
	}
	return n
}

// thematicBreak reports whether s is a horizontal rule: three or more of
// the same '-', '*' or '_', with spaces between them and nothing else.
func thematicBreak(s string) bool {
	c, n := s[0], 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return (c == '-' || c == '*' || c == '_') && n >= 3
}

// maxLabelRunes is the longest link label CommonMark allows.
const maxLabelRunes = 999

// linkRefs counts the lines at the start of a paragraph that are link
// reference definitions ([label]: url), which are not text, and returns
// the definitions. They are read here, line by line, because the Markdown
// parser's own reading of them takes time that grows with the square of
// their number.
func linkRefs(lines []string) (n int, defs [][3]string) {
	for _, l := range lines {
		label, dest, title, ok := linkRefDef(l)
		if !ok {
			break
		}
		defs = append(defs, [3]string{label, dest, title})
		n++
	}
	return n, defs
}

// linkRefDef reads one line that defines a link reference:
// [label]: destination, or [label]: <destination>, optionally followed by
// a title in "…", '…' or (…). A definition spread over several lines is
// taken as text.
func linkRefDef(l string) (label, dest, title string, ok bool) {
	i := 0
	for i < len(l) && i < 3 && l[i] == ' ' {
		i++
	}
	if i == len(l) || l[i] != '[' {
		return "", "", "", false
	}
	j := i + 1
	for ; j < len(l) && l[j] != ']'; j++ {
		switch l[j] {
		case '\\':
			j++
		case '[':
			return "", "", "", false
		}
	}
	if j >= len(l)-1 || l[j+1] != ':' || strings.TrimSpace(l[i+1:j]) == "" || utf8.RuneCountInString(l[i+1:j]) > maxLabelRunes {
		return "", "", "", false
	}
	label = l[i+1 : j]
	rest := strings.TrimLeft(l[j+2:], " \t")
	switch {
	case rest == "":
		return "", "", "", false
	case rest[0] == '<':
		k := strings.IndexByte(rest, '>')
		if k < 0 || strings.IndexByte(rest[1:k], '<') >= 0 {
			return "", "", "", false
		}
		dest, rest = rest[1:k], rest[k+1:]
	default:
		k := strings.IndexAny(rest, " \t")
		if k < 0 {
			k = len(rest)
		}
		dest, rest = rest[:k], rest[k:]
	}
	t := strings.TrimSpace(rest)
	if t == "" {
		return label, dest, "", true
	}
	if rest[0] != ' ' && rest[0] != '\t' || len(t) < 2 {
		return "", "", "", false
	}
	closing := map[byte]byte{'"': '"', '\'': '\'', '(': ')'}[t[0]]
	if closing == 0 || t[len(t)-1] != closing {
		return "", "", "", false
	}
	return label, dest, t[1 : len(t)-1], true
}
