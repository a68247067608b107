package bot

import (
	"cmp"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"

	"faqbot/metrics"
)

// via says how a question reached the bot.
type via int

// The ways in. Everything but viaChannel is an explicit question: the
// member asked the bot.
const (
	viaSlash   via = iota // /ask
	viaMention            // a message that mentions the bot's user or its managed role
	viaDM                 // a direct message
	viaChannel            // a help-channel message nobody addressed to the bot
)

// question is one question to the bot, whatever the entry point.
type question struct {
	via     via
	text    string // cleaned: no Discord markup, capped in length
	member  string // the asker's user id
	guild   string // "" in a DM
	channel string
	private bool   // /ask private:True
	key     string // names the question in its buttons' ids (see askedQuestions); may be ""
	talk    talk   // thanks or a greeting rather than a question (see smallTalk)
}

// source is the question's label in metrics and logs.
func (q question) source() string {
	switch q.via {
	case viaSlash:
		return metrics.SourceSlash
	case viaMention:
		return metrics.SourceMention
	case viaDM:
		return metrics.SourceDM
	default:
		return metrics.SourceChannel
	}
}

// slashQuestion reads /ask question:<text> [private:<bool>].
func slashQuestion(i *discordgo.Interaction, names mentionNames, maxLen int) question {
	opts := options(i.ApplicationCommandData().Options)
	text := cleanQuestion(namedMentions(stringOption(opts, optQuestion), i.GuildID, names, nil), maxLen)
	return question{
		via:     viaSlash,
		text:    text,
		member:  userID(i),
		guild:   i.GuildID,
		channel: i.ChannelID,
		private: boolOption(opts, optPrivate),
		talk:    smallTalk(text),
	}
}

// targetQuestion reads the message a member used "Find an answer" on: its
// text is the question, asked by that member (their limit, their buttons),
// as with /ask, and always searched: whoever used the app wants an answer
// to it, even if it reads like thanks. link is the message's link.
func targetQuestion(i *discordgo.Interaction, names mentionNames, maxLen int) (q question, link string) {
	data := i.ApplicationCommandData()
	q = question{via: viaSlash, member: userID(i), guild: i.GuildID, channel: i.ChannelID}
	var m *discordgo.Message
	if data.Resolved != nil {
		m = data.Resolved.Messages[data.TargetID]
	}
	if m == nil {
		return q, ""
	}
	q.text = cleanQuestion(namedMentions(m.Content, i.GuildID, names, nil), maxLen)
	return q, messageLink(i.GuildID, cmp.Or(m.ChannelID, i.ChannelID), m.ID)
}

// addressee is who a message may be for: the bot's user id, the roles that
// stand for the bot in the message's guild, and the help channels; and
// where the message stands when that is a thread: its parent channel, and
// its title when the message starts it (a forum post).
type addressee struct {
	me       string
	roles    []string
	channels map[string]bool
	parent   string // the channel a thread belongs to; "" outside threads
	title    string // the thread's name, for the message that starts it
}

// helpChannel reports whether a message in channel is in a help channel,
// or in a thread of one (a post in a help forum, say).
func (to addressee) helpChannel(channel string) bool {
	return to.channels[channel] || to.parent != "" && to.channels[to.parent]
}

// messageQuestion decides whether a message is a question for the bot, and
// which kind: a mention (of the bot's user or managed role) or a direct
// message, or a question-like message in a help channel or in a thread of
// one (every post of a help forum, its title and its first message read
// as one question). Other bots, the bot itself and everything else are
// not. Channels and roles it mentions are read by their names (see
// namedMentions).
func messageQuestion(m *discordgo.Message, to addressee, names mentionNames, maxLen int) (question, bool) {
	if m == nil || m.Author == nil || m.Author.Bot || to.me == "" || m.Author.ID == to.me {
		return question{}, false
	}
	text := m.Content
	if to.title != "" {
		text = to.title + "\n" + text // a forum post asks in its title
	}
	text = cleanQuestion(namedMentions(text, m.GuildID, names, to.roles), maxLen)
	q := question{member: m.Author.ID, guild: m.GuildID, channel: m.ChannelID, text: text}
	q.talk = smallTalk(q.text)
	switch {
	case m.GuildID == "":
		q.via = viaDM
	case mentionsBot(m, to.me, to.roles):
		q.via = viaMention
	case to.helpChannel(m.ChannelID) && (to.title != "" || looksLikeQuestion(m.Content)):
		// A post in a help forum is a question whatever its wording.
		q.via = viaChannel
	default:
		return question{}, false
	}
	return q, true
}

// mentionsBot reports whether the message mentions the bot: its user, or a
// role that stands for it (the managed role Discord's mention autocomplete
// often picks). Other roles and @everyone do not count.
func mentionsBot(m *discordgo.Message, me string, roles []string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == me {
			return true
		}
	}
	if strings.Contains(m.Content, "<@"+me+">") || strings.Contains(m.Content, "<@!"+me+">") {
		return true
	}
	for _, r := range roles {
		if r != "" && (slices.Contains(m.MentionRoles, r) || strings.Contains(m.Content, "<@&"+r+">")) {
			return true
		}
	}
	return false
}
