package bot

import (
	"context"
	"fmt"
	"math"
	"time"

	"faqbot/feedback"
	"faqbot/index"
)

// searchTimeout bounds the wait for a search slot and the search itself:
// an interaction must be answered within Discord's 3 seconds, and the
// reply needs some of them too.
const searchTimeout = 2 * time.Second

// storeTimeout bounds each wait of a member's question or click for the
// feedback store (DATABASE_URL's PostgreSQL, DATA_DIR's file): the
// interaction must still be answered within Discord's 3 seconds, so a store
// that is slow or locked loses a record (and says so in the log), never
// the answer.
const storeTimeout = time.Second

// storeContext is ctx bounded by storeTimeout.
func storeContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, storeTimeout)
}

// answer searches for a question (when there is one) and decides the
// reply: the one path every entry point takes. It also counts what the
// decision held back and records unanswered questions.
func (b *Bot) answer(ctx context.Context, q question) decision {
	return b.answerWith(ctx, q, b.limits)
}

// answerWith is answer under the limits lim.
func (b *Bot) answerWith(ctx context.Context, q question, lim limits) decision {
	var (
		res index.Result
		err error
	)
	if q.text != "" && q.talk.searched() {
		res, err = b.search(ctx, q)
		if b.record != nil && q.member != "" {
			q.key = newAskedKey()
		}
	}
	d := decide(q, res, err, b.cfg, lim)
	if q.key != "" && len(d.components) > 0 && !d.silent {
		voter := feedback.VoterKey(b.record.Salt(), q.member)
		sctx, cancel := storeContext(ctx)
		err := b.asked.RememberAsked(sctx, q.key, q.text, voter, time.Now().Add(askedWindow))
		cancel()
		if err != nil {
			b.log.Warn("remember the question behind the buttons", "err", err)
		}
	}
	if d.held != "" {
		b.metrics.Cooldown(d.held)
		b.log.Debug("question held back", "source", q.source(), "scope", d.held, "silent", d.silent)
	}
	if d.unanswered {
		b.unanswered(ctx, res)
	}
	return d
}

// search asks the answerer, waiting for a free slot first, all within
// searchTimeout; it counts the question and applies the answer policy.
func (b *Bot) search(ctx context.Context, q question) (index.Result, error) {
	source := q.source()
	b.metrics.Question(source)
	ctx, cancel := context.WithTimeout(ctx, searchTimeout)
	defer cancel()
	start := time.Now()
	leave, err := b.gate.enter(ctx)
	if err != nil {
		b.log.Warn("no search slot in time", "source", source, "waited", time.Since(start), "err", err)
		return index.Result{}, err
	}
	res, err := b.answers.Search(ctx, q.text)
	leave()
	b.metrics.Latency(source, time.Since(start))
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("%w: %w", errBusy, err)
		}
		b.log.Error("search failed", "source", source, "query_len", len(q.text), "err", err)
		return res, err
	}
	res = b.policy(q.via).Apply(res)
	if res.Answered {
		b.metrics.Answered(source)
	} else {
		b.metrics.Abstained(source)
	}
	b.log.Debug("question", "source", source, "query_len", len(q.text), "answered", res.Answered, "confidence", res.Confidence)
	return res, nil
}

// policy is the answer policy for questions that came via v: help-channel
// messages nobody asked the bot are answered only at the stricter
// AUTO_ANSWER_CONFIDENCE.
func (b *Bot) policy(v via) index.Policy {
	if v == viaChannel {
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
	ctx, cancel := storeContext(ctx)
	defer cancel()
	if err := b.record.RecordUnanswered(ctx, res.Question, best); err != nil {
		b.log.Warn("record unanswered question", "err", err)
	}
}

// inWords names a wait as members read it, rounded up: "a second", "4
// seconds" up to a minute, then "2 minutes", "an hour", "3 hours" (a
// USER_COOLDOWN of an hour is not "3600 seconds").
func inWords(d time.Duration) string {
	units := []struct {
		one, many string
		size      time.Duration
		upTo      float64 // the most counted in this unit
	}{
		{"a second", "seconds", time.Second, 60},
		{"a minute", "minutes", time.Minute, 59},
		{"an hour", "hours", time.Hour, math.Inf(1)},
	}
	for _, u := range units {
		n := math.Ceil(float64(d) / float64(u.size))
		switch {
		case n > u.upTo:
			continue
		case n <= 1:
			return u.one
		}
		return fmt.Sprintf("%d %s", int(n), u.many)
	}
	return ""
}
