package main

import (
	"context"
	"fmt"
	"log/slog"

	"faqbot/content"
	"faqbot/feedback"
	"faqbot/learn"
	"faqbot/reload"
)

// learnedStep adds the phrasings accepted in store to the passages of every
// content read, as aliases (see package learn). Orphans and shadowed
// phrasings are logged; they stay in the store.
func learnedStep(store interface {
	Decided(ctx context.Context, state feedback.State) ([]feedback.Phrasing, error)
}, log *slog.Logger) reload.Learned {
	return func(ctx context.Context, ps []content.Passage) ([]content.Passage, error) {
		accepted, err := store.Decided(ctx, feedback.Accepted)
		if err != nil {
			return nil, fmt.Errorf("read learned phrasings: %w", err)
		}
		a := learn.Apply(ps, accepted)
		log.Info("learned phrasings", "accepted", len(accepted), "added", a.Added, "orphaned", len(a.Orphans), "shadowed", len(a.Shadowed))
		for _, o := range a.Orphans {
			log.Debug("orphaned phrasing: its passage is not in the content", "passage", o.PassageID, "phrasing", o.ID)
		}
		for _, o := range a.Shadowed {
			log.Info("learned phrasing not searched: another passage has it as its question", "passage", o.PassageID, "phrasing", o.ID)
		}
		return a.Passages, nil
	}
}
