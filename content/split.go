package content

import (
	"unicode"
	"unicode/utf8"
)

// MaxTextRunes is the longest passage text, in runes. Longer paragraphs and
// answers are cut at sentence boundaries (a single longer sentence at a word
// boundary) into parts: the first part keeps the passage ID, the others get
// ID+"~2", "~3"... A Discord embed description holds 4096 characters, and
// search ranks shorter passages more sharply.
const MaxTextRunes = 3500

// part is one piece of a split text and where it starts in the original.
type part struct {
	text   string
	offset int
}

// splitText cuts text into parts of at most max runes each, preferring
// sentence boundaries, then word boundaries, and as a last resort cutting a
// word that is longer than max on its own. Each part keeps the original
// formatting of its span of text and is trimmed.
func splitText(text string, max int) []part {
	if utf8.RuneCountInString(text) <= max {
		return []part{{text: text}}
	}
	var parts []part
	flush := func(start, end int) {
		s, e := trimSpan(text, start, end)
		if s < e {
			parts = append(parts, part{text: text[s:e], offset: s})
		}
	}
	// The part being filled, as a byte range, and its length in runes
	// (kept, not recounted: text may hold a great many short sentences).
	cur, curEnd, curRunes := -1, -1, 0
	for _, sp := range sentenceSpans(text) {
		if cur >= 0 {
			if n := curRunes + utf8.RuneCountInString(text[curEnd:sp[1]]); n <= max {
				curEnd, curRunes = sp[1], n
				continue
			}
			flush(cur, curEnd)
			cur = -1
		}
		if n := utf8.RuneCountInString(text[sp[0]:sp[1]]); n <= max {
			cur, curEnd, curRunes = sp[0], sp[1], n
			continue
		}
		for _, w := range splitWords(text, sp[0], sp[1], max) {
			flush(w[0], w[1])
		}
	}
	if cur >= 0 {
		flush(cur, curEnd)
	}
	return parts
}

// splitWords cuts text[start:end] at white space into byte ranges of at
// most max runes each; a word longer than max is cut between runes.
func splitWords(text string, start, end, max int) [][2]int {
	var out [][2]int
	pStart, pEnd, pRunes := -1, -1, 0 // the piece being filled
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		ws := i
		for i < end {
			r, size = utf8.DecodeRuneInString(text[i:end])
			if unicode.IsSpace(r) {
				break
			}
			i += size
		}
		we := i
		wRunes := utf8.RuneCountInString(text[ws:we])
		if pStart >= 0 {
			if n := pRunes + utf8.RuneCountInString(text[pEnd:we]); n <= max {
				pEnd, pRunes = we, n
				continue
			}
			out = append(out, [2]int{pStart, pEnd})
		}
		for wRunes > max {
			cut := ws
			for n := 0; n < max; n++ {
				_, size := utf8.DecodeRuneInString(text[cut:we])
				cut += size
			}
			out = append(out, [2]int{ws, cut})
			ws, wRunes = cut, wRunes-max
		}
		pStart, pEnd, pRunes = ws, we, wRunes
	}
	if pStart >= 0 {
		out = append(out, [2]int{pStart, pEnd})
	}
	return out
}
