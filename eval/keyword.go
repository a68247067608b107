package eval

import (
	"strings"
	"unicode"

	"faqbot/index"
)

// Keyword is the one word of question q that a member in a hurry, or one
// just saying "thanks", might send: one of its words that is no stop word,
// chosen by a hash of q so that a fit is reproducible; "" when q has none.
// A fit asks every question this way too, as the same question (see
// Collect): one word matched somewhere in the content is rarely enough to
// answer, and whole questions of one word are too few in the sets to teach
// that.
func Keyword(q string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	}) {
		if w = strings.Trim(w, "'"); w != "" && !index.IsStopWord(w) {
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return ""
	}
	return words[hash("keyword\x00"+q)%uint64(len(words))]
}
