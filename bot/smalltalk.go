package bot

import (
	"slices"
	"strings"
	"unicode"

	"faqbot/content"
	"faqbot/index"
)

// talk is what a message that is no question says: thanks, a greeting,
// asking whether one may ask, or asking how to use the bot. Members thank
// the bot after an answer, greet it, ask to ask before asking and type
// "help" to see what it does; a search for "thanks" or "quick question"
// finds some sentence that says it, and a "not sure" reply to such a
// message, or an entry in /faq unanswered, helps nobody.
type talk int

const (
	talkNone     talk = iota // a question, or anything else: searched as usual
	talkThanks               // "thanks!", "thank you so much", "ok thx"
	talkGreeting             // "hi", "hello everyone", "good morning"
	talkAsking               // "can I ask something?", "anyone here?", "quick question"
	talkHelp                 // "help", "what can you do?", "how do I use this bot?"
	talkBot                  // "who made you?", "how old are you", "bad bot": about the bot itself
	talkNoise                // "ok", "test", "whatever", "yes": no words a question is made of
)

// searched says whether a message of this kind is searched: a question,
// asking for help or about the bot, which the content may answer itself
// ("How do I use the bot?", "Who made the bot?"); the rest never are.
func (t talk) searched() bool { return t == talkNone || t == talkHelp || t == talkBot }

// answeredBy says whether res, a confident answer from the content, is the
// reply to a message of this kind. Asking for help takes any answer. Talk
// about the bot takes an FAQ pair only: no paragraph of an article is
// about the bot, and one always says some word of "who made you?" or "can
// you sing?" ("the remarks were made after …").
func (t talk) answeredBy(res index.Result) bool {
	switch t {
	case talkNone, talkHelp:
		return res.Answered
	case talkBot:
		return res.Answered && res.Answer().Passage.Kind == content.KindFAQ
	}
	return false
}

// thanksWords, greetingWords, askingWords and helpWords make a message
// thanks, a greeting, asking to ask or asking for help when every word of
// it is one of them, a usage word or a filler word, and one of them is
// there (asking first, then thanks, then help). usageWords ask for help
// only together ("what can you do", "how does this work"): alone
// they are the start of some question. A message of nothing but filler
// and noiseWords says nothing to look up. A message that speaks to the bot
// (youWords, "bot") with aboutWords and nothing but filler is about the
// bot, as is "are you a bot".
var (
	thanksWords   = wordSet("thanks thank thx thnx ty tysm tyvm cheers appreciated appreciate")
	greetingWords = wordSet("hi hello hey heya hiya howdy yo morning afternoon evening")
	askingWords   = wordSet("ask asking question questions anyone anybody someone somebody here around online available")
	helpWords     = wordSet("help commands command usage")
	usageWords    = wordSet("what what's whats how use using work works you your this does")
	fillerWords   = wordSet("ok okay oh ah great cool awesome perfect nice got it you so much a lot very many really " +
		"again that helped helps works worked bot man mate buddy good there all everyone guys folks " +
		"i we for the help answer info " +
		"can could may might me is are have has need quick small simple little one another some something " +
		"please pls plz just still if to do does any u i'm im lol lmao haha hahaha xd")
	noiseWords = wordSet("test testing tested ping pong yes no yeah yep yup nope nah sure whatever everything " +
		"anything nothing random stuff same idk hm hmm hmmm meh wow oof bruh k kk nvm nevermind")
	youWords   = wordSet("you your yours yourself you're youre u ur")
	aboutWords = wordSet("who who's whos made make created create built build wrote write programmed coded designed " +
		"own owns owner old age name called real human robot ai alive sentient person conscious " +
		"smart clever dumb stupid useless useful bad funny boring annoying broken cute " +
		"sing dance joke jokes feel feeling doing sleep eat think like love hate miss " +
		"favourite favorite colour color food song movie happy sad married marry live from where")
)

// wordSet is the set of the space-separated words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// smallTalk says whether a (cleaned) message is thanks, a greeting, asking
// to ask or asking for help, and nothing more. A question that starts with
// one of them ("hi, how do I …", "quick question: who can reload?") is a
// question.
func smallTalk(text string) talk {
	text = strings.ReplaceAll(strings.ToLower(text), "’", "'") // phones type a curly apostrophe
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	})
	var thanks, greeting, asking, help, about, you, bot, said bool
	usage := map[string]bool{}
	asksMore := false // a usage word that is no filler: "what is this"
	for _, w := range fields {
		w = strings.Trim(w, "'")
		you, bot = you || youWords[w], bot || w == "bot"
		switch {
		case thanksWords[w]:
			thanks = true
		case greetingWords[w]:
			greeting = true
		case askingWords[w]:
			asking = true
		case helpWords[w]:
			help = true
		case aboutWords[w]:
			about = true
		case usageWords[w]:
			usage[w] = true
			asksMore = asksMore || !fillerWords[w]
		case fillerWords[w], youWords[w], noiseWords[w]:
			said = true
		case w == "":
		default:
			return talkNone
		}
	}
	switch {
	case asking:
		return talkAsking
	case thanks:
		return talkThanks
	case help, usesBot(usage, fields):
		return talkHelp
	case about && (you || bot), you && bot: // "who made you", "bad bot", "are you a bot"
		return talkBot
	case asksMore:
		return talkNone // "what is this", "how does it go": some question
	case greeting:
		return talkGreeting
	case said && !about: // not "food", "where", "love": some topic
		return talkNoise
	}
	return talkNone
}

// usesBot says whether the usage words of a message (all its other words
// being filler) ask what the bot does or how to use it: "what can you
// do", "how do I use you", "how does this work".
func usesBot(usage map[string]bool, fields []string) bool {
	can := slices.Contains(fields, "can") || slices.Contains(fields, "do")
	switch {
	case usage["what"] && usage["you"] && can:
		return true
	case usage["how"] && (usage["use"] || usage["using"] || usage["work"] || usage["works"]):
		return true
	}
	return false
}
