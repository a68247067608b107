package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations end in a period but rarely end a sentence, because a name or
// an example follows them. "etc." is missing on purpose: it often does.
var abbreviations = map[string]bool{
	"mr.": true, "mrs.": true, "ms.": true, "dr.": true, "prof.": true,
	"sr.": true, "jr.": true, "st.": true, "mt.": true, "vs.": true,
	"e.g.": true, "i.e.": true, "cf.": true, "approx.": true, "no.": true,
	"nos.": true, "fig.": true, "vol.": true, "ch.": true, "sec.": true,
	"inc.": true, "ltd.": true, "co.": true, "corp.": true, "gen.": true,
	"gov.": true, "sen.": true, "rep.": true, "jan.": true, "feb.": true,
	"mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true,
	"sep.": true, "sept.": true, "oct.": true, "nov.": true, "dec.": true,
}

// Sentences splits text into sentences. A sentence ends at '.', '!', '?' or
// '…' (with any closing quotes or brackets) followed by white space and a
// word that does not start in lower case, at a blank line, and before a line
// that starts a Markdown list item, quote, heading or table row.
// Abbreviations ("e.g.", "Dr."), initials ("U.S.") and decimals ("3.5") stay
// inside their sentence. Every sentence is trimmed and non-empty; joined with
// spaces they give the words of text in order.
func Sentences(text string) []string {
	var out []string
	for _, s := range sentenceSpans(text) {
		out = append(out, strings.TrimSpace(text[s[0]:s[1]]))
	}
	return out
}

// SentenceSpans returns the byte ranges of text's sentences (those of
// Sentences), each trimmed of surrounding white space, in order and without
// overlap.
func SentenceSpans(text string) [][2]int { return sentenceSpans(text) }

// sentenceSpans is SentenceSpans.
func sentenceSpans(text string) [][2]int {
	var spans [][2]int
	start := 0
	add := func(end int) {
		s, e := trimSpan(text, start, end)
		if s < e {
			spans = append(spans, [2]int{s, e})
		}
		start = end
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			if lineBreaksSentence(text[i+1:]) {
				add(i)
			}
			i += size
		case isTerminal(r):
			end := i + size
			for end < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[end:])
				if !isTerminal(r2) && !isCloser(r2) {
					break
				}
				end += s2
			}
			if endsSentence(text, i, end) {
				add(end)
			}
			i = end
		default:
			i += size
		}
	}
	add(len(text))
	return spans
}

// trimSpan narrows text[start:end] to exclude white space at both ends.
func trimSpan(text string, start, end int) (int, int) {
	s := strings.TrimSpace(text[start:end])
	if s == "" {
		return start, start
	}
	start += strings.Index(text[start:end], s)
	return start, start + len(s)
}

func isTerminal(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…' || r == '。' || r == '！' || r == '？'
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '*', '_':
		return true
	}
	return false
}

// lineBreaksSentence reports whether the line after a newline starts a new
// sentence on its own: it is blank, or it starts a Markdown block.
func lineBreaksSentence(rest string) bool {
	line, _, _ := strings.Cut(rest, "\n")
	t := strings.TrimLeft(line, " \t")
	if t == "" {
		return true
	}
	for _, p := range []string{"- ", "* ", "+ ", "> ", "#", "|"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return isNumberedMarker(t)
}

// isNumberedMarker reports whether s starts like an ordered list item: "1. ".
func isNumberedMarker(s string) bool {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n > 0 && n < len(s)-1 && (s[n] == '.' || s[n] == ')') && s[n+1] == ' '
}

// endsSentence decides whether the terminal punctuation text[at:end] ends a
// sentence.
func endsSentence(text string, at, end int) bool {
	if end < len(text) {
		r, _ := utf8.DecodeRuneInString(text[end:])
		if !unicode.IsSpace(r) {
			return false // "3.5", "example.com", "U.S.-Russia"
		}
	}
	next := strings.TrimLeftFunc(text[end:], unicode.IsSpace)
	if next == "" {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(next); unicode.IsLower(r) {
		return false
	}
	if text[at] != '.' || strings.ContainsAny(text[at:end], "!?") {
		return true
	}
	// The word the period belongs to, with its periods.
	wordStart := strings.LastIndexFunc(text[:at], unicode.IsSpace) + 1
	word := strings.TrimLeft(text[wordStart:end], "([{\"'“‘«*_")
	word = strings.TrimRight(word, "\"'”’»)]*_")
	if abbreviations[strings.ToLower(word)] || isInitials(word) {
		return false
	}
	// "1. " at the start of a line is a list marker, not a sentence.
	return !isNumberDot(text[wordStart:end]) || !atLineStart(text, wordStart)
}

// atLineStart reports whether only blanks precede text[i] on its line.
func atLineStart(text string, i int) bool {
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '\t') {
		i--
	}
	return i == 0 || text[i-1] == '\n'
}

// isNumberDot reports whether s is digits and one period: "12.".
func isNumberDot(s string) bool {
	if len(s) < 2 || s[len(s)-1] != '.' {
		return false
	}
	return strings.Trim(s[:len(s)-1], "0123456789") == ""
}

// isInitials reports whether word is letters each followed by a period:
// "U.S.", "e.g.", "J.".
func isInitials(word string) bool {
	if word == "" {
		return false
	}
	letter := false
	for _, r := range word {
		switch {
		case unicode.IsLetter(r) && !letter:
			letter = true
		case r == '.' && letter:
			letter = false
		default:
			return false
		}
	}
	return !letter
}
