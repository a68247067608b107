package bot

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"faqbot/content"
)

// Button labels name the passage a button shows, so that a member can tell
// the alternatives apart: an FAQ by its question, a paragraph by its
// section and its opening words (the article title, which all paragraphs
// of an article share, says nothing).
const (
	openingWords = 6  // words of a paragraph a label starts with
	moreWords    = 4  // words added while two labels still read the same
	maxSection   = 36 // characters of a section name in a label
	labelSep     = " · "
	// labelSource is how much of a passage's text a label may draw on:
	// far more than 80 characters of words, and it spares reading long
	// paragraphs whole for every reply.
	labelSource = 400
)

// labels returns one label per passage: unique within the list, each at
// most maxButtonLabel characters. Labels that read the same grow by a few
// words of their passage until they differ; passages that cannot be told
// apart even then are numbered.
func labels(ps []content.Passage) []string {
	type item struct {
		prefix string   // the FAQ question, or the paragraph's section
		words  []string // the text the label may quote, in plain words
		n      int      // how many of them it quotes
	}
	items := make([]item, len(ps))
	for i, p := range ps {
		it := item{words: strings.Fields(plain(opening(p.Text, labelSource)))}
		switch {
		case p.Kind == content.KindFAQ && p.Question != "":
			it.prefix = plain(p.Question)
		case p.Section != "" && p.Section != p.Title:
			it.prefix = clipWords(plain(p.Section), maxSection)
			it.n = openingWords
		default:
			it.n = openingWords
		}
		if it.prefix == "" && len(it.words) == 0 {
			it.prefix = heading(p)
		}
		items[i] = it
	}
	render := func(it item) string {
		n := min(it.n, len(it.words))
		s := it.prefix
		if n > 0 {
			if s != "" {
				s += labelSep
			}
			s += strings.Join(it.words[:n], " ")
			if n < len(it.words) {
				s += "…"
			}
		}
		if l := strings.TrimSpace(clipWords(defuse(s), maxButtonLabel)); l != "" {
			return l
		}
		return "Answer" // Discord refuses a button without a label
	}
	out := make([]string, len(items))
	for {
		for i := range items {
			out[i] = render(items[i])
		}
		grew := false
		for _, dup := range duplicates(out) {
			it := &items[dup]
			if it.n < len(it.words) && utf8.RuneCountInString(out[dup]) < maxButtonLabel {
				it.n += moreWords
				grew = true
			}
		}
		if !grew {
			break
		}
	}
	return numbered(out)
}

// duplicates lists the indexes of labels that another label reads the same
// as.
func duplicates(labels []string) []int {
	count := map[string]int{}
	for _, l := range labels {
		count[l]++
	}
	var out []int
	for i, l := range labels {
		if count[l] > 1 {
			out = append(out, i)
		}
	}
	return out
}

// numbered makes labels unique by numbering the second and later of each
// set that reads the same: "label (2)".
func numbered(labels []string) []string {
	seen := map[string]bool{}
	for _, l := range labels {
		seen[l] = true
	}
	first := map[string]bool{}
	for i, l := range labels {
		if !first[l] {
			first[l] = true
			continue
		}
		for k := 2; ; k++ {
			suffix := " (" + strconv.Itoa(k) + ")"
			cand := clip(l, maxButtonLabel-utf8.RuneCountInString(suffix)) + suffix
			if !seen[cand] {
				labels[i], seen[cand] = cand, true
				break
			}
		}
	}
	return labels
}

// opening is the first n characters of s (all of it when shorter).
func opening(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// clipWords is clip that cuts between words where it can (not before half
// of n).
func clipWords(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	head := string([]rune(s)[:n-1])
	if i := strings.LastIndexByte(head, ' '); i >= 0 && utf8.RuneCountInString(head[:i]) >= n/2 {
		return strings.TrimRight(head[:i], " ·,;:") + "…"
	}
	return clip(s, n)
}

// mdMarks are emphasis marks, which mean nothing in a button label
// (Discord shows labels as plain text).
var mdMarks = strings.NewReplacer("**", "", "__", "", "~~", "", "||", "", "`", "", "*", "", "\\", "")

// plain turns a passage's Markdown into the words a label shows: link
// texts without their targets, no emphasis, heading, quote or list marks.
func plain(s string) string {
	s = linkTexts(s)
	var words []string
	for line := range strings.Lines(s) {
		words = append(words, strings.Fields(mdMarks.Replace(lineText(line)))...)
	}
	return strings.Join(words, " ")
}

// linkTexts replaces Markdown links and images, [text](target), by their
// text.
func linkTexts(s string) string {
	if !strings.Contains(s, "](") {
		return s
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '[')
		if open < 0 {
			break
		}
		mid := strings.Index(s[open:], "](")
		if mid < 0 {
			break
		}
		mid += open
		end := strings.IndexByte(s[mid:], ')')
		if end < 0 || strings.ContainsAny(s[open+1:mid], "[]") {
			b.WriteString(s[:open+1])
			s = s[open+1:]
			continue
		}
		end += mid
		b.WriteString(strings.TrimSuffix(s[:open], "!"))
		b.WriteString(s[open+1 : mid])
		s = s[end+1:]
	}
	b.WriteString(s)
	return b.String()
}

// lineText is a line without the mark that makes it a heading, a quote or
// a list item.
func lineText(line string) string {
	t := strings.TrimLeft(line, " \t")
	switch {
	case strings.HasPrefix(t, ">"):
		return t[1:]
	case strings.HasPrefix(t, "#"):
		if rest := strings.TrimLeft(t, "#"); len(t)-len(rest) <= 6 && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return rest
		}
	case len(t) > 1 && strings.ContainsRune("-+*", rune(t[0])) && (t[1] == ' ' || t[1] == '\t'):
		return t[2:]
	}
	if n := len(t) - len(strings.TrimLeft(t, "0123456789")); n > 0 && n+1 < len(t) && (t[n] == '.' || t[n] == ')') && (t[n+1] == ' ' || t[n+1] == '\t') {
		return t[n+2:]
	}
	return line
}
