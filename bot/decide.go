package bot

import (
	"errors"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/index"
	"faqbot/metrics"
)

// limits is the state decide consults and updates besides the question:
// members' limits, help channels' limits, and the answers posted lately.
type limits interface {
	// member reports how long the member must still wait (0: they may ask)
	// and whether they were told so before during this wait. A member who
	// may ask and whose question is answered starts their limit, in the
	// same step.
	member(id string, answered bool) (wait time.Duration, toldBefore bool)
	// channel reports how long a help channel must still wait before an
	// unasked answer (0: it may have one, which starts its limit).
	channel(id string) time.Duration
	// claim returns the public answer about item posted in channel moments
	// ago, or else registers the one about to be posted (nil, nil when
	// repeats are not tracked).
	claim(channel, item string) (earlier, mine *post)
	// release gives back the limit a member's answer started when the
	// answer never reached them.
	release(member string)
}

// decision is what the bot does with one question: nothing, or one message
// (shown to the asker alone when private). The senders carry it out.
type decision struct {
	silent     bool
	private    bool // ephemeral: only for /ask, messages cannot be
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent

	held       string // the metrics scope of the limit that held the question back
	unanswered bool   // record the question for the moderators
	post       *post  // a public answer: later askers may be pointed to it
	pointer    *post  // the earlier answer this reply points to; see pointing
	linkOnly   bool   // with pointer: once its link is known, the link replaces the answer
	limited    string // the member whose limit this answer started: released if it is not sent
}

// decide turns a question and what the search found (res, already judged
// by the answer policy, or err) into the bot's reply, for every entry
// point:
//
//   - Thanks get "You're welcome!", asking to ask "Sure, ask away!" and a
//     greeting the hint an empty question gets: none is searched, recorded
//     or limited (see smallTalk). Asking for help ("help", "what can you
//     do?") is searched, for the content may answer it; without a confident
//     answer it gets a line on how to ask instead of the closest passages,
//     and is not recorded. Talk about the bot ("who made you?") is the
//     same, but only an FAQ pair answers it. Where a question without an
//     answer gets nothing (a help channel, unasked; mentions and DMs with
//     NO_ANSWER_MODE=silent), so do they.
//   - An explicit question (/ask, a mention, a DM) gets the answer, or the
//     closest passages when none is confident (mentions and DMs nothing
//     then, with NO_ANSWER_MODE=silent). A member who had an answer less
//     than USER_COOLDOWN ago gets a notice naming the wait instead
//     (privately for /ask; after a mention only the first time in a wait,
//     the rest would be noise). The limit starts only when a question is
//     answered, and is given back when the answer cannot be sent (a channel
//     where the bot may not write): the member had no answer.
//   - A question answered publicly in the same channel within REPEAT_WINDOW
//     gets a pointer to that answer: for /ask privately, with the answer; for
//     a mention as a one-line reply with the link.
//   - An unasked help-channel question is answered only when confident, when
//     the channel had no unasked answer within CHANNEL_COOLDOWN and the
//     answer is not already there; otherwise the bot stays silent.
func decide(q question, res index.Result, err error, cfg Config, st limits) decision {
	unasked := q.via == viaChannel
	switch {
	case unasked && (q.text == "" || q.talk != talkNone || err != nil):
		d := decision{silent: true}
		if errors.Is(err, errBusy) {
			d.held = metrics.ScopeBusy
		}
		return d
	case q.text == "":
		return notice(q, hintText(q.via))
	case q.talk != talkNone && !(err == nil && q.talk.answeredBy(res)):
		// A courtesy: as quiet as a reply without an answer.
		d := notice(q, hintText(q.via))
		switch q.talk {
		case talkThanks:
			d.content = "You're welcome!"
		case talkAsking:
			d.content = askAwayText(q.via)
		case talkHelp, talkBot:
			d.content = helpText(q.via)
		}
		d.silent = cfg.SilentNoAnswer && q.via != viaSlash
		return d
	case errors.Is(err, errBusy):
		d := notice(q, "I'm answering a lot of questions right now. Please ask again in a moment.")
		d.held = metrics.ScopeBusy
		return d
	case err != nil:
		return notice(q, "Sorry, something went wrong while searching. Please try again in a moment.")
	case unasked:
		return decideUnasked(q, res, st)
	}

	if wait, told := st.member(q.member, res.Answered); wait > 0 {
		d := notice(q, fmt.Sprintf("You've just had an answer from me. You can ask again in %s.", inWords(wait)))
		d.held = metrics.ScopeUser
		d.silent = q.via == viaMention && told
		return d
	}
	if !res.Answered {
		return decision{
			silent:     cfg.SilentNoAnswer && q.via != viaSlash,
			private:    q.via == viaSlash,
			content:    noAnswerText(res, cfg.NoAnswerMessage),
			components: alternativeRow(res.Alternatives(), q.key),
			unanswered: true,
		}
	}
	d := decision{limited: q.member}
	d.embeds, d.components = answerMessage(res, q.key)
	if q.via == viaDM || q.private || q.guild == "" {
		// Seen by the asker alone (an /ask in a DM too): nothing to repeat.
		d.private = q.via == viaSlash && q.private
		return d
	}
	earlier, mine := st.claim(q.channel, res.Answer().Passage.ItemID())
	if earlier != nil {
		d.pointer, d.held = earlier, metrics.ScopeRepeat
		d.private = q.via == viaSlash
		d.linkOnly = q.via == viaMention
		return d
	}
	d.post = mine
	return d
}

// decideUnasked decides on a help-channel question nobody asked the bot.
func decideUnasked(q question, res index.Result, st limits) decision {
	if !res.Answered {
		return decision{silent: true}
	}
	if st.channel(q.channel) > 0 {
		return decision{silent: true, held: metrics.ScopeChannel}
	}
	earlier, mine := st.claim(q.channel, res.Answer().Passage.ItemID())
	if earlier != nil {
		return decision{silent: true, held: metrics.ScopeRepeat}
	}
	d := decision{post: mine}
	d.embeds, d.components = answerMessage(res, q.key)
	return d
}

// notice is a short text reply: private for /ask.
func notice(q question, text string) decision {
	return decision{private: q.via == viaSlash, content: text}
}

// askAwayText answers a member who asks whether they may ask.
func askAwayText(v via) string {
	if v == viaSlash {
		return "Sure, ask away: type the whole question, e.g. `/ask question: how do I …?`"
	}
	return "Sure, ask away! Write the whole question and I'll look it up."
}

// helpText answers a member who asks how to use the bot, when the content
// has no answer of its own.
func helpText(v via) string {
	const what = "I answer questions from this server's FAQ and articles, with a link to the source. "
	switch v {
	case viaSlash:
		return what + "Type a whole question, e.g. `/ask question: how do I …?`"
	case viaDM:
		return what + "Send me a whole question here, or use `/ask` in the server."
	default:
		return what + "Mention me with a whole question, send it in a DM, or use `/ask`."
	}
}

func hintText(v via) string {
	switch v {
	case viaSlash:
		return "Please type a question, e.g. `/ask question: how do I …?`"
	case viaDM:
		return "Hi! Send me your question in words, or use `/ask`."
	default:
		return "Hi! Ask me a question after the mention, or use `/ask`."
	}
}

// pointing fills in a pointer once the earlier answer's link is known (""
// when it is not): the link alone replaces the answer for a mention, and
// leads the private copy for /ask. Without a link a mention gets the answer
// itself.
func (d decision) pointing(link string) decision {
	switch {
	case link != "" && d.linkOnly:
		d.content = "I've just answered this here: " + link
		d.embeds, d.components = nil, nil
	case link != "":
		d.content = "I've just answered this here: " + link + " Here it is again, just for you."
	case !d.linkOnly:
		d.content = "I've just answered this in this channel. Here it is again, just for you."
	}
	return d
}
