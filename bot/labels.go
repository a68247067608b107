package bot

import (
	"regexp"
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
		it := item{words: strings.Fields(plain(p.Text))}
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
		return clipWords(defuse(s), maxButtonLabel)
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

// markup is Markdown that means nothing in a button label, which Discord
// shows as plain text.
var (
	mdLink   = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdMarks  = strings.NewReplacer("**", "", "__", "", "~~", "", "||", "", "`", "", "*", "", "\\", "")
	mdPrefix = regexp.MustCompile(`(?m)^\s*(?:#{1,6}\s+|>\s*|[-+*]\s+|\d+[.)]\s+)`)
)

// plain turns a passage's Markdown into the words a label shows: link
// texts without their targets, no emphasis, heading, quote or list marks.
func plain(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdPrefix.ReplaceAllString(s, "")
	s = mdMarks.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
