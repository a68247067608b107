package bot

import (
	"strings"
	"unicode"
)

// talk is what a message that is no question says: thanks, or a greeting.
// Members thank the bot after an answer and greet it before asking; a
// search for "thanks" finds some sentence that says it, and a "not sure"
// reply to a thank-you, or an entry in /faq unanswered, helps nobody.
type talk int

const (
	talkNone     talk = iota // a question, or anything else: searched as usual
	talkThanks               // "thanks!", "thank you so much", "ok thx"
	talkGreeting             // "hi", "hello everyone", "good morning"
)

// thanksWords and greetingWords make a message thanks or a greeting when
// every word of it is one of them or a filler word, and one of them is
// there.
var (
	thanksWords   = wordSet("thanks thank thx thnx ty tysm tyvm cheers appreciated appreciate")
	greetingWords = wordSet("hi hello hey heya hiya howdy yo morning afternoon evening")
	fillerWords   = wordSet("ok okay oh ah great cool awesome perfect nice got it you so much a lot very many really " +
		"again that helped helps works worked bot man mate buddy good there all everyone guys folks " +
		"i we for the help answer info")
)

// wordSet is the set of the space-separated words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// smallTalk says whether a (cleaned) message is thanks or a greeting and
// nothing more. A question that starts with either ("hi, how do I …")
// is a question.
func smallTalk(text string) talk {
	fields := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	})
	var thanks, greeting bool
	for _, w := range fields {
		switch w = strings.Trim(w, "'"); {
		case thanksWords[w]:
			thanks = true
		case greetingWords[w]:
			greeting = true
		case fillerWords[w], w == "":
		default:
			return talkNone
		}
	}
	switch {
	case thanks:
		return talkThanks
	case greeting:
		return talkGreeting
	}
	return talkNone
}
