package pgstore

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"faqbot/feedback"
)

// RecordUnanswered notes a question that got no confident answer, with the
// best candidate passage id if there was one (else ""), as
// feedback.Store.RecordUnanswered does. At most once an hour it also
// prunes.
func (s *Store) RecordUnanswered(ctx context.Context, question string, bestID string) error {
	q := feedback.Normalise(question)
	if q == "" {
		return fmt.Errorf("record unanswered question: %w", feedback.ErrEmptyQuestion)
	}
	if bestID != "" {
		if err := feedback.CheckPassageID(bestID); err != nil {
			return fmt.Errorf("record unanswered question: best candidate: %w", err)
		}
	}
	now := s.now()
	if _, err := s.pool.Exec(ctx, "INSERT INTO faqbot_unanswered (at, question, best) VALUES ($1, $2, $3)", now, q, bestID); err != nil {
		return fmt.Errorf("record unanswered question: %w", err)
	}
	if now.Sub(time.Unix(0, s.lastPrune.Load())) >= pruneEvery {
		if _, err := s.Prune(ctx); err != nil {
			return fmt.Errorf("record unanswered question: %w", err)
		}
	}
	return nil
}

// Unanswered lists the unanswered questions asked since the given time (and
// within the retention), grouped as feedback.GroupUnanswered groups them.
func (s *Store) Unanswered(ctx context.Context, since time.Time, limit int) ([]feedback.Question, error) {
	if c := s.cutoff(s.now()); since.Before(c) {
		since = c
	}
	rows, err := s.pool.Query(ctx, "SELECT question, best, at FROM faqbot_unanswered WHERE at >= $1 ORDER BY at, id", since)
	if err != nil {
		return nil, fmt.Errorf("list unanswered questions: %w", err)
	}
	asked, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (feedback.Asked, error) {
		var a feedback.Asked
		err := r.Scan(&a.Text, &a.BestID, &a.At)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("list unanswered questions: %w", err)
	}
	return feedback.GroupUnanswered(asked, limit), nil
}
