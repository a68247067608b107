package bot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"faqbot/feedback"
	"faqbot/index"
)

// handleButton handles the bot's buttons: an alternative shown to the
// clicker alone, or a vote on an answer.
func (b *Bot) handleButton(ctx context.Context, i *discordgo.Interaction) response {
	id := i.MessageComponentData().CustomID
	if !strings.HasPrefix(id, idLearned) {
		// A member's click waits for the store alone.
		var cancel context.CancelFunc
		ctx, cancel = storeContext(ctx)
		defer cancel()
	}
	switch {
	case strings.HasPrefix(id, idAlternative):
		ref, key := splitKey(strings.TrimPrefix(id, idAlternative))
		return b.showAlternative(ctx, i, ref, key)
	case strings.HasPrefix(id, idVoteUp):
		ref, key := splitKey(strings.TrimPrefix(id, idVoteUp))
		return b.vote(ctx, i, ref, key, true)
	case strings.HasPrefix(id, idVoteDown):
		ref, key := splitKey(strings.TrimPrefix(id, idVoteDown))
		return b.vote(ctx, i, ref, key, false)
	case strings.HasPrefix(id, idLearned):
		return b.handleLearnedButton(ctx, i, strings.TrimPrefix(id, idLearned))
	default:
		return private(&discordgo.InteractionResponseData{Content: "Sorry, that button no longer works. Please ask again with `/ask`."})
	}
}

// showAlternative shows the passage a "did you mean" button names; when the
// member who asked clicks it, the bot learns that it answers their
// question.
func (b *Bot) showAlternative(ctx context.Context, i *discordgo.Interaction, ref, key string) response {
	p, ok := b.answers.ByRef(ref)
	if !ok {
		return private(&discordgo.InteractionResponseData{Content: "That answer is no longer in the FAQ. Please ask again with `/ask`."})
	}
	// Recorded first (a few milliseconds), so that the choice is in
	// /faq learned by the time the member sees the passage.
	b.learnChoice(ctx, i, key, p)
	embed := answerEmbed(index.Hit{Passage: p, Excerpt: p.Text}, -1)
	return private(&discordgo.InteractionResponseData{
		Embeds:     []*discordgo.MessageEmbed{embed},
		Components: []discordgo.MessageComponent{voteRow(p.ID, key)},
	})
}

// vote records a 👍 or 👎 on a passage; a 👍 from the member who asked also
// teaches the bot that it answers their question, and a 👎 takes back what
// their choices taught.
func (b *Bot) vote(ctx context.Context, i *discordgo.Interaction, ref, key string, up bool) response {
	p, ok := b.answers.ByRef(ref)
	if !ok {
		return private(&discordgo.InteractionResponseData{Content: "Thanks! That answer has changed since, so your vote was not counted."})
	}
	b.metrics.Feedback(up)
	if b.record != nil {
		voter := feedback.VoterKey(b.record.Salt(), userID(i))
		if err := b.record.RecordVote(ctx, p.ID, voter, up); err != nil {
			b.log.Warn("record vote", "passage", p.ID, "err", err)
		}
	}
	if up {
		b.learnChoice(ctx, i, key, p)
	} else {
		b.withdrawChoice(ctx, i, key, p)
	}
	b.log.Info("feedback", "passage", p.ID, "up", up)
	msg := "Thanks for the feedback!"
	if !up {
		msg = "Thanks for telling us. The moderators will see that this answer did not help."
	}
	return private(&discordgo.InteractionResponseData{Content: msg})
}
