package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"faqbot/feedback"
)

// RecordVote records a 👍 (up) or 👎 vote by voter (a feedback.VoterKey) on
// a passage; a member who votes again replaces their vote and its time.
func (s *Store) RecordVote(ctx context.Context, passageID, voter string, up bool) error {
	if err := feedback.CheckPassageID(passageID); err != nil {
		return fmt.Errorf("record vote on %q: %w", passageID, err)
	}
	if err := feedback.CheckVoter(voter); err != nil {
		return fmt.Errorf("record vote on %q: %w", passageID, err)
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO faqbot_votes (passage_id, voter, up, at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (passage_id, voter) DO UPDATE SET up = excluded.up, at = excluded.at`, passageID, voter, up, s.now())
	if err != nil {
		return fmt.Errorf("record vote on %q: %w", passageID, err)
	}
	return nil
}

// Disliked lists the passages with at least one 👎 within the retention,
// in feedback.SortDisliked's order.
func (s *Store) Disliked(ctx context.Context, limit int) ([]feedback.PassageVotes, error) {
	rows, err := s.pool.Query(ctx, `SELECT passage_id, count(*) FILTER (WHERE up), count(*) FILTER (WHERE NOT up)
		FROM faqbot_votes WHERE at >= $1 GROUP BY passage_id HAVING count(*) FILTER (WHERE NOT up) > 0`, s.cutoff(s.now()))
	if err != nil {
		return nil, fmt.Errorf("list disliked passages: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (feedback.PassageVotes, error) {
		var pv feedback.PassageVotes
		err := r.Scan(&pv.PassageID, &pv.Up, &pv.Down)
		return pv, err
	})
	if err != nil {
		return nil, fmt.Errorf("list disliked passages: %w", err)
	}
	return feedback.SortDisliked(list, limit), nil
}
