package bot

import (
	"strings"
	"unicode"
)

// talk is what a message that is no question says: thanks, a greeting,
// or asking whether one may ask. Members thank the bot after an answer,
// greet it and ask to ask before asking; a search for "thanks" or "quick
// question" finds some sentence that says it, and a "not sure" reply to
// such a message, or an entry in /faq unanswered, helps nobody.
type talk int

const (
	talkNone     talk = iota // a question, or anything else: searched as usual
	talkThanks               // "thanks!", "thank you so much", "ok thx"
	talkGreeting             // "hi", "hello everyone", "good morning"
	talkAsking               // "can I ask something?", "anyone here?", "quick question"
)

// thanksWords, greetingWords and askingWords make a message thanks, a
// greeting or asking to ask when every word of it is one of them or a
// filler word, and one of them is there (asking first, then thanks).
var (
	thanksWords   = wordSet("thanks thank thx thnx ty tysm tyvm cheers appreciated appreciate")
	greetingWords = wordSet("hi hello hey heya hiya howdy yo morning afternoon evening")
	askingWords   = wordSet("ask asking question questions anyone anybody someone somebody here around online available")
	fillerWords   = wordSet("ok okay oh ah great cool awesome perfect nice got it you so much a lot very many really " +
		"again that helped helps works worked bot man mate buddy good there all everyone guys folks " +
		"i we for the help answer info " +
		"can could may might me is are have has need quick small simple little one another some something " +
		"please pls plz just still if to do does any u i'm im")
)

// wordSet is the set of the space-separated words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// smallTalk says whether a (cleaned) message is thanks, a greeting or
// asking to ask, and nothing more. A question that starts with one of them
// ("hi, how do I …", "quick question: who can reload?") is a question.
func smallTalk(text string) talk {
	fields := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	})
	var thanks, greeting, asking bool
	for _, w := range fields {
		switch w = strings.Trim(w, "'"); {
		case thanksWords[w]:
			thanks = true
		case greetingWords[w]:
			greeting = true
		case askingWords[w]:
			asking = true
		case fillerWords[w], w == "":
		default:
			return talkNone
		}
	}
	switch {
	case asking:
		return talkAsking
	case thanks:
		return talkThanks
	case greeting:
		return talkGreeting
	}
	return talkNone
}
