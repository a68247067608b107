package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// onMessage answers messages that mention the bot or are sent to it
// directly, and questions in the configured help channels.
func (b *Bot) onMessage(ctx context.Context, mc *discordgo.MessageCreate) {
	m := mc.Message
	if m == nil || m.Author == nil || m.Author.Bot {
		return
	}
	me, _ := b.botID.Load().(string)
	if me == "" || m.Author.ID == me {
		return
	}
	switch {
	case mentions(m, me) || m.GuildID == "":
		b.answerMention(ctx, m)
	case b.channels[m.ChannelID] && looksLikeQuestion(m.Content):
		b.answerInChannel(ctx, m)
	}
}

// mentions reports whether the message mentions the bot user (not a role
// or @everyone).
func mentions(m *discordgo.Message, me string) bool {
	for _, u := range m.Mentions {
		if u != nil && u.ID == me {
			return true
		}
	}
	return strings.Contains(m.Content, "<@"+me+">") || strings.Contains(m.Content, "<@!"+me+">")
}

// answerMention replies to a message that asks the bot directly.
func (b *Bot) answerMention(ctx context.Context, m *discordgo.Message) {
	q := cleanQuestion(m.Content, b.cfg.MaxQuestionLength)
	if q == "" {
		b.send(ctx, m, &discordgo.MessageSend{Content: "Hi! Ask me a question after the mention, or use `/ask`."})
		return
	}
	if ok, _ := b.users.allow(m.Author.ID); !ok {
		// No public notice: it would be the very noise cooldowns prevent.
		b.metrics.Cooldown("user")
		return
	}
	res, err := b.search(ctx, "mention", q)
	if err != nil {
		b.send(ctx, m, &discordgo.MessageSend{Content: "Sorry, something went wrong while searching. Please try again in a moment."})
		return
	}
	if res.Answered {
		if ok, _ := b.chans.allow(m.ChannelID); !ok {
			b.metrics.Cooldown("channel")
			return
		}
		embeds, comps := answerMessage(res)
		b.send(ctx, m, &discordgo.MessageSend{Embeds: embeds, Components: comps})
		return
	}
	b.unanswered(ctx, res)
	if b.cfg.SilentNoAnswer {
		return
	}
	b.send(ctx, m, &discordgo.MessageSend{Content: b.noAnswerContent(res), Components: alternativeRow(res.Alternatives())})
}

// answerInChannel answers a question in a help channel that nobody asked
// the bot: only when it is very sure, otherwise it stays silent.
func (b *Bot) answerInChannel(ctx context.Context, m *discordgo.Message) {
	q := cleanQuestion(m.Content, b.cfg.MaxQuestionLength)
	res, err := b.search(ctx, sourceChannel, q)
	if err != nil || !res.Answered {
		return
	}
	if ok, _ := b.users.allow(m.Author.ID); !ok {
		b.metrics.Cooldown("user")
		return
	}
	if ok, _ := b.chans.allow(m.ChannelID); !ok {
		b.metrics.Cooldown("channel")
		return
	}
	embeds, comps := answerMessage(res)
	b.send(ctx, m, &discordgo.MessageSend{Embeds: embeds, Components: comps})
}

// send replies to a message (as a Discord reply), allowing no mentions, not
// even of the member replied to.
func (b *Bot) send(ctx context.Context, to *discordgo.Message, msg *discordgo.MessageSend) {
	msg.Content = defuse(msg.Content)
	msg.AllowedMentions = noMentions()
	notRequired := false
	msg.Reference = &discordgo.MessageReference{MessageID: to.ID, ChannelID: to.ChannelID, GuildID: to.GuildID, FailIfNotExists: &notRequired}
	if _, err := b.s.ChannelMessageSendComplex(to.ChannelID, msg, discordgo.WithContext(ctx)); err != nil {
		b.log.Warn("send reply", "channel", to.ChannelID, "guild", to.GuildID, "err", err)
	}
}
