package bot

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"
)

// onMessage answers messages that mention the bot (its user or its managed
// role) or are sent to it directly, and questions in the help channels.
func (b *Bot) onMessage(ctx context.Context, mc *discordgo.MessageCreate) {
	q, ok := b.readMessage(mc.Message)
	if !ok {
		return
	}
	if sent := b.sendReply(ctx, mc.Message, b.answer(ctx, q)); sent != nil && q.via != viaChannel {
		b.replies.remember(mc.ID, reply{channel: sent.ChannelID, id: sent.ID, question: q.text})
	}
}

// refuseMessage tells a member whose mention or DM arrives while the bot
// shuts down that it is not answered, as a reply, sent as every reply is
// but within refusalTimeout, so that the shutdown is not held for long. A
// help-channel message nobody addressed to the bot gets nothing, as ever.
func (b *Bot) refuseMessage(ctx context.Context, m *discordgo.Message) {
	q, ok := b.readMessage(m)
	if !ok || q.via == viaChannel {
		return
	}
	b.log.Info("message refused: shutting down", "source", q.source(), "guild", m.GuildID, "channel", m.ChannelID)
	_, _ = b.send(ctx, m, &discordgo.MessageSend{Content: stoppingText}, refusalTimeout) // a failure is logged
}

// readMessage is messageQuestion of m, addressed and with mentions named
// as the shards' states tell.
func (b *Bot) readMessage(m *discordgo.Message) (question, bool) {
	states := b.gateway.states()
	return messageQuestion(m, b.addressee(m, states), stateNames(states), b.cfg.MaxQuestionLength)
}

// addressee is who a message in m's guild may be addressed to, as the
// shards' states tell it.
func (b *Bot) addressee(m *discordgo.Message, states []*discordgo.State) addressee {
	me, _ := b.botID.Load().(string)
	to := addressee{me: me, channels: b.channels}
	if m == nil || m.GuildID == "" {
		return to
	}
	if r := b.roles.of(m.GuildID); r != "" {
		to.roles = append(to.roles, r)
	}
	// Each shard knows the guilds Discord sends it, and their threads.
	for _, st := range states {
		for _, r := range managedRolesOf(st, m.GuildID, me) {
			if !slices.Contains(to.roles, r) {
				to.roles = append(to.roles, r)
			}
		}
		if c, err := st.Channel(m.ChannelID); err == nil && c.IsThread() {
			to.parent = c.ParentID
			if m.ID == c.ID { // a forum post's first message has the thread's id
				to.title = c.Name
			}
		}
	}
	return to
}

// sendReply carries out a decision for a message: a reply to it, or
// nothing. A public answer is recorded as sent (with its link) or failed,
// and an answer that failed gives the member's limit back. It returns the
// reply, nil for none.
func (b *Bot) sendReply(ctx context.Context, m *discordgo.Message, d decision) *discordgo.Message {
	if d.silent {
		return nil
	}
	if d.pointer != nil {
		d = d.pointing(b.linkOf(ctx, d.pointer, messagePointerTimeout))
	}
	sent, err := b.send(ctx, m, &discordgo.MessageSend{Content: d.content, Embeds: d.embeds, Components: d.components}, replyTimeout)
	switch {
	case d.post == nil:
	case err != nil:
		d.post.fail()
	default:
		d.post.sentAsMessage(m.GuildID, m.ChannelID, sent.ID)
	}
	if err != nil {
		if d.limited != "" {
			b.limits.release(d.limited)
		}
		return nil
	}
	return sent
}

// replyTimeout bounds the sending of a reply to a message, its wait for
// its turn included, from when it is ready. discordgo sends one request at
// a time per rate-limit bucket, and all the replies in a channel share one
// (which Discord lets post about five messages per 5 seconds), so in a
// busy channel a reply waits for those before it, well past the handler's
// timeout. A late reply beats none.
const replyTimeout = time.Minute

// send replies to a message (as a Discord reply), fitted to the channel
// (see fit), allowing no mentions, not even of the member replied to,
// within the time given whatever is left of ctx. Where Discord refuses
// replies (the bot may write in the channel but not read its history,
// which a reply needs), the answer goes out as a message of its own: an
// answer without the reply's link to the question beats none.
func (b *Bot) send(ctx context.Context, to *discordgo.Message, msg *discordgo.MessageSend, within time.Duration) (*discordgo.Message, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), within)
	defer cancel()
	hidden, where := b.hidesEmbedsIn(to.GuildID, to.ChannelID)
	msg.Content, msg.Embeds = b.fit(hidden, to.GuildID, where, defuse(msg.Content), msg.Embeds)
	msg.AllowedMentions = noMentions()
	notRequired := false
	msg.Reference = &discordgo.MessageReference{MessageID: to.ID, ChannelID: to.ChannelID, GuildID: to.GuildID, FailIfNotExists: &notRequired}
	var sent *discordgo.Message
	err := withRetry(ctx, false, func() (err error) {
		sent, err = b.s.ChannelMessageSendComplex(to.ChannelID, msg, discordgo.WithContext(ctx))
		if msg.Reference != nil && discordCode(err) == discordgo.ErrCodeCannotReplyWithoutPermissionToReadMessageHistory {
			msg.Reference = nil
			sent, err = b.s.ChannelMessageSendComplex(to.ChannelID, msg, discordgo.WithContext(ctx))
		}
		return err
	})
	if err != nil {
		b.log.Warn("send reply", "channel", to.ChannelID, "guild", to.GuildID, "err", b.apiError(err))
		return nil, fmt.Errorf("send reply in channel %s: %w", to.ChannelID, err)
	}
	return sent, nil
}
