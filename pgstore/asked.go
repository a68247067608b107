package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// RememberAsked keeps the question behind a reply's buttons under key
// until the given time, for whichever replica a click on them reaches.
// member is who asked, as the bot names them (a voter key, never a raw
// user id).
func (s *Store) RememberAsked(ctx context.Context, key, question, member string, until time.Time) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO faqbot_asked (key, question, member, expires) VALUES ($1, $2, $3, $4)
		ON CONFLICT (key) DO UPDATE SET question = excluded.question, member = excluded.member, expires = excluded.expires`,
		key, question, member, until)
	if err != nil {
		return fmt.Errorf("remember asked question: %w", err)
	}
	return nil
}

// RecallAsked is the question remembered under key and who asked it, ok
// false when there is none or it expired.
func (s *Store) RecallAsked(ctx context.Context, key string) (question, member string, ok bool, err error) {
	err = s.pool.QueryRow(ctx, "SELECT question, member FROM faqbot_asked WHERE key = $1 AND expires > $2", key, s.now()).Scan(&question, &member)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		return "", "", false, nil
	case err != nil:
		return "", "", false, fmt.Errorf("recall asked question: %w", err)
	}
	return question, member, true, nil
}
