package bot

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/index"
)

// sourceChannel names questions read in help channels, unasked.
const sourceChannel = "channel"

// searchTimeout bounds a search inside a handler: an interaction must be
// answered within Discord's 3 seconds.
const searchTimeout = 2 * time.Second

// handleAsk answers /ask question:<text> [private:<bool>].
func (b *Bot) handleAsk(ctx context.Context, i *discordgo.Interaction) {
	opts := options(i.ApplicationCommandData().Options)
	q := cleanQuestion(stringOption(opts, optQuestion), b.cfg.MaxQuestionLength)
	private := boolOption(opts, optPrivate)
	if q == "" {
		b.reply(ctx, i, &discordgo.InteractionResponseData{Content: "Please type a question, e.g. `/ask question: how do I …?`"}, true)
		return
	}
	if ok, wait := b.users.allow(userID(i)); !ok {
		b.metrics.Cooldown("user")
		b.reply(ctx, i, &discordgo.InteractionResponseData{Content: fmt.Sprintf("You're asking a little fast. Please try again in %s.", seconds(wait))}, true)
		return
	}
	if !private {
		if ok, wait := b.chans.allow(i.ChannelID); !ok {
			b.metrics.Cooldown("channel")
			b.reply(ctx, i, &discordgo.InteractionResponseData{Content: fmt.Sprintf("This channel just got an answer. Please try again in %s, or ask with `private: True`.", seconds(wait))}, true)
			return
		}
	}
	res, err := b.search(ctx, "slash", q)
	if err != nil {
		b.reply(ctx, i, &discordgo.InteractionResponseData{Content: "Sorry, something went wrong while searching. Please try again in a moment."}, true)
		return
	}
	if res.Answered {
		embeds, comps := answerMessage(res)
		b.reply(ctx, i, &discordgo.InteractionResponseData{Embeds: embeds, Components: comps}, private)
		return
	}
	b.unanswered(ctx, res)
	b.reply(ctx, i, &discordgo.InteractionResponseData{Content: b.noAnswerContent(res), Components: alternativeRow(res.Alternatives())}, true)
}

// search asks the answerer with a bounded time, counting the question.
func (b *Bot) search(ctx context.Context, source, q string) (index.Result, error) {
	b.metrics.Question(source)
	ctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	start := time.Now()
	res, err := b.answers.Search(ctx, q)
	b.metrics.Latency(source, time.Since(start))
	if err != nil {
		b.log.Error("search failed", "source", source, "query_len", len(q), "err", err)
		return res, err
	}
	res = b.policy(source).Apply(res)
	if res.Answered {
		b.metrics.Answered(source)
	} else {
		b.metrics.Abstained(source)
	}
	b.log.Debug("question", "source", source, "query_len", len(q), "answered", res.Answered, "confidence", res.Confidence)
	return res, nil
}

// policy is the answer policy for questions from source: help-channel
// messages nobody asked the bot are answered only at the stricter
// AUTO_ANSWER_CONFIDENCE.
func (b *Bot) policy(source string) index.Policy {
	if source == sourceChannel {
		return index.Policy{MinConfidence: b.cfg.AutoAnswerConfidence}
	}
	return index.Policy{MinConfidence: b.cfg.MinConfidence}
}

// unanswered records a question that got no confident answer, so that
// moderators see what to write next.
func (b *Bot) unanswered(ctx context.Context, res index.Result) {
	if b.record == nil || res.Reason == index.ReasonNoTerms {
		return
	}
	best := ""
	if len(res.Hits) > 0 {
		best = res.Hits[0].Passage.ID
	}
	if err := b.record.RecordUnanswered(ctx, res.Question, best); err != nil {
		b.log.Warn("record unanswered question", "err", err)
	}
}

func seconds(d time.Duration) string {
	n := int(math.Ceil(d.Seconds()))
	if n <= 1 {
		return "a second"
	}
	return fmt.Sprintf("%d seconds", n)
}
