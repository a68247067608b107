package bot

import (
	"context"
	"errors"

	"github.com/bwmarrin/discordgo"

	"faqbot/content"
	"faqbot/feedback"
	"faqbot/metrics"
)

// Who decided on a phrasing, as the store keeps it.
const (
	byModerator = "moderator"
	byAuto      = "auto"
)

// learnChoice records that the member who asked the question behind key
// chose passage p for it: the phrasing moderators see in /faq learned.
// Only the asker's own choice counts (anyone may click a public answer's
// buttons, but only the asker knows what they meant), only for an FAQ
// passage (paragraphs have no other phrasings), and only for a plain
// question. With LEARN_AUTO_ACCEPT it may accept the phrasing at once.
func (b *Bot) learnChoice(ctx context.Context, i *discordgo.Interaction, key string, p content.Passage) {
	if b.record == nil || key == "" || p.Kind != content.KindFAQ {
		return
	}
	question, asker, ok, err := b.asked.RecallAsked(ctx, key)
	if err != nil {
		b.log.Warn("recall the question behind the buttons", "err", err)
		return
	}
	voter := feedback.VoterKey(b.record.Salt(), userID(i))
	if !ok || asker != voter {
		return
	}
	text, err := feedback.Plain(question, b.cfg.MaxQuestionLength)
	if err != nil {
		b.log.Debug("choice not learned", "passage", p.ID, "reason", err)
		return
	}
	ph, err := b.record.RecordChoice(ctx, text, p.ItemID(), voter)
	if err != nil {
		b.log.Warn("record choice", "passage", p.ID, "err", err)
		return
	}
	b.metrics.Learned(metrics.LearnChoice)
	b.log.Info("choice recorded", "passage", ph.PassageID, "phrasing", ph.ID, "members", ph.Members, "state", ph.State)
	if n := b.cfg.LearnAutoAccept; n > 0 && ph.State == feedback.Pending && ph.Members >= n {
		if _, err := b.record.Decide(ctx, ph.ID, true, byAuto); err != nil {
			b.log.Warn("accept phrasing automatically", "phrasing", ph.ID, "err", err)
			return
		}
		b.metrics.Learned(metrics.LearnAccepted)
		b.log.Info("phrasing accepted automatically", "passage", ph.PassageID, "phrasing", ph.ID, "members", ph.Members)
		b.relearnSoon()
	}
}

// withdrawChoice takes back what the clicker's choices of p taught: of the
// question behind key when the clicker asked it, else of every question.
func (b *Bot) withdrawChoice(ctx context.Context, i *discordgo.Interaction, key string, p content.Passage) {
	if b.record == nil || p.Kind != content.KindFAQ {
		return
	}
	voter := feedback.VoterKey(b.record.Salt(), userID(i))
	question, asker, ok, err := b.asked.RecallAsked(ctx, key)
	if err != nil {
		b.log.Warn("recall the question behind the buttons", "err", err)
	}
	if !ok || asker != voter {
		question = "" // not the asker's own: all of their choices of p
	}
	if err := b.record.WithdrawChoice(ctx, question, p.ItemID(), voter); err != nil {
		b.log.Warn("withdraw choice", "passage", p.ID, "err", err)
	}
}

// relearnSoon asks relearnLoop to rebuild the index; requests made while a
// rebuild runs are served by one more rebuild.
func (b *Bot) relearnSoon() {
	select {
	case b.relearn <- struct{}{}:
	default:
	}
}

// relearnLoop rebuilds the index whenever a phrasing was accepted or
// removed, until the bot stops. Without a reloader the phrasings are
// applied when the bot next starts.
func (b *Bot) relearnLoop() {
	for {
		select {
		case <-b.stopping.Done():
			return
		case <-b.relearn:
		}
		if b.reloader == nil {
			continue
		}
		ctx, cancel := context.WithTimeout(b.stopping, reloadTimeout)
		_, err := b.reloader.Relearn(ctx)
		cancel()
		if err != nil && !errors.Is(err, context.Canceled) {
			b.log.Warn("learned phrasings not applied; they are at the next reload", "err", err)
		}
	}
}
