package feedback

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normaliseQuestion is the form a question is stored in: trimmed, every run
// of white space or control characters made one space, invalid UTF-8
// dropped, and cut at MaxQuestionRunes. It reads no further than it keeps,
// so a huge message costs no more than a short one.
func normaliseQuestion(q string) string {
	var b strings.Builder
	n, gap := 0, false
	for _, r := range q {
		if r == utf8.RuneError {
			continue
		}
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			gap = b.Len() > 0
			continue
		}
		need := 1
		if gap {
			need = 2 // a rune after a space: never end on the space
		}
		if n+need > MaxQuestionRunes {
			break
		}
		if gap {
			b.WriteByte(' ')
			gap = false
		}
		b.WriteRune(r)
		n += need
	}
	return b.String()
}

// groupKey is what makes two questions "the same" for Unanswered: lower
// case, punctuation dropped, white space collapsed. So "How do I X?" and
// "how do i x" are one group, and so are "what's" and "whats". It is
// computed when reading, not stored, so changing it regroups old records.
func groupKey(q string) string {
	var b strings.Builder
	gap := false
	for _, r := range q {
		switch {
		case unicode.IsSpace(r):
			gap = b.Len() > 0
		case unicode.IsPunct(r):
		default:
			if gap {
				b.WriteByte(' ')
				gap = false
			}
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Fold is the form in which two questions count as one phrasing: lower
// case, punctuation dropped, white space collapsed ("How do I X?" and "how
// do i x" fold alike).
func Fold(q string) string { return groupKey(normaliseQuestion(q)) }
