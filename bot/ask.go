package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"
)

// How long a pointer waits for the earlier answer to be sent and its link
// to be found: briefly for an interaction, which Discord wants answered
// within 3 seconds (the pointer then comes with the answer, privately,
// and without the link); longer for a message, which would otherwise get
// the answer as a second public copy.
const (
	pointerTimeout        = 500 * time.Millisecond
	messagePointerTimeout = 3 * time.Second
)

// handleAsk answers /ask question:<text> [private:<bool>].
func (b *Bot) handleAsk(ctx context.Context, i *discordgo.Interaction) response {
	return b.respond(ctx, i, b.answer(ctx, slashQuestion(i, stateNames(b.gateway.states()), b.cfg.MaxQuestionLength)))
}

// handleFindAnswer answers the "Find an answer" app on a member's message.
// A confident answer is posted in the channel, saying which message it
// answers; anything else (not sure, a wait, nothing to look up) only the
// member who used the app sees, as with /ask.
func (b *Bot) handleFindAnswer(ctx context.Context, i *discordgo.Interaction) response {
	q, link := targetQuestion(i, stateNames(b.gateway.states()), b.cfg.MaxQuestionLength)
	if q.text == "" {
		return private(&discordgo.InteractionResponseData{Content: "That message has no words I can look up."})
	}
	d := b.answer(ctx, q)
	if len(d.embeds) > 0 && !d.private && d.pointer == nil && link != "" {
		d.content = "In answer to " + link
	}
	return b.respond(ctx, i, d)
}

// respond turns a decision into an interaction's response (decide never
// leaves one silent: Discord wants a response). A public answer is
// recorded as sent, or failed, so that later askers can be pointed to it;
// an answer that failed gives the member's limit back.
func (b *Bot) respond(ctx context.Context, i *discordgo.Interaction, d decision) response {
	if d.pointer != nil {
		d = d.pointing(b.linkOf(ctx, d.pointer, pointerTimeout))
	}
	r := message(&discordgo.InteractionResponseData{Content: d.content, Embeds: d.embeds, Components: d.components}, d.private)
	if d.post != nil || d.limited != "" {
		r.then = func(_ context.Context, sent error) {
			if sent != nil && d.limited != "" {
				b.limits.release(d.limited)
			}
			switch {
			case d.post == nil:
			case sent != nil:
				d.post.fail()
			default:
				d.post.sentAsResponse(i)
			}
		}
	}
	return r
}

// linkOf waits up to timeout for the earlier answer p and returns its link.
func (b *Bot) linkOf(ctx context.Context, p *post, timeout time.Duration) string {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return p.resolve(ctx, b.originalLink)
}

// originalLink looks up the message an interaction's response became.
func (b *Bot) originalLink(ctx context.Context, i *discordgo.Interaction) (string, error) {
	m, err := b.s.InteractionResponse(i, discordgo.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("fetch the original response of interaction %s: %w", i.ID, err)
	}
	channel := m.ChannelID
	if channel == "" {
		channel = i.ChannelID
	}
	return messageLink(i.GuildID, channel, m.ID), nil
}
