package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"faqbot/feedback"
)

// Prune deletes the records older than the retention, the oldest beyond
// feedback.MaxUnanswered, MaxVotes and MaxChoices, and the questions
// behind buttons that expired, and reports how many it deleted.
func (s *Store) Prune(ctx context.Context) (int, error) {
	now := s.now()
	cut := s.cutoff(now)
	var total int64
	err := s.tx(ctx, func(tx pgx.Tx) error {
		for _, q := range []struct {
			sql  string
			args []any
		}{
			{"DELETE FROM faqbot_unanswered WHERE at < $1", []any{cut}},
			{"DELETE FROM faqbot_votes WHERE at < $1", []any{cut}},
			{"DELETE FROM faqbot_choices WHERE at < $1", []any{cut}},
			{"DELETE FROM faqbot_asked WHERE expires <= $1", []any{now}},
			{"DELETE FROM faqbot_unanswered WHERE id <= (SELECT id FROM faqbot_unanswered ORDER BY id DESC OFFSET $1 LIMIT 1)", []any{feedback.MaxUnanswered}},
			{"DELETE FROM faqbot_votes WHERE at <= (SELECT at FROM faqbot_votes ORDER BY at DESC OFFSET $1 LIMIT 1)", []any{feedback.MaxVotes}},
			{"DELETE FROM faqbot_choices WHERE at <= (SELECT at FROM faqbot_choices ORDER BY at DESC OFFSET $1 LIMIT 1)", []any{feedback.MaxChoices}},
		} {
			tag, err := tx.Exec(ctx, q.sql, q.args...)
			if err != nil {
				return err
			}
			total += tag.RowsAffected()
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("prune shared store: %w", err)
	}
	s.lastPrune.Store(now.UnixNano())
	return int(total), nil
}
