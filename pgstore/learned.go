package pgstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"faqbot/feedback"
)

// RecordChoice notes that a member (voter, a feedback.VoterKey) showed
// that passageID answers question, as feedback.Store.RecordChoice does:
// one member counts once per phrasing and passage, and a phrasing
// moderators decided on stores nothing new. It returns the phrasing as it
// now stands.
func (s *Store) RecordChoice(ctx context.Context, question, passageID, voter string) (feedback.Phrasing, error) {
	fail := func(err error) (feedback.Phrasing, error) {
		return feedback.Phrasing{}, fmt.Errorf("record choice of %q: %w", passageID, err)
	}
	q, err := feedback.Plain(question, feedback.MaxQuestionRunes)
	if err != nil {
		return fail(err)
	}
	if err := feedback.CheckPassageID(passageID); err != nil {
		return fail(err)
	}
	if err := feedback.CheckVoter(voter); err != nil {
		return fail(err)
	}
	group := feedback.Fold(q)
	ph := feedback.Phrasing{PassageID: passageID, Text: q, ID: feedback.PhrasingID(passageID, q), State: feedback.Pending}
	now := s.now()
	err = s.tx(ctx, func(tx pgx.Tx) error {
		var accepted bool
		var by string
		var at time.Time
		err := tx.QueryRow(ctx, "SELECT question, accepted, decided_by, decided_at FROM faqbot_learned WHERE passage_id = $1 AND group_key = $2",
			passageID, group).Scan(&ph.Text, &accepted, &by, &at)
		switch {
		case err == nil:
			ph.State, ph.By, ph.Decided = stateOf(accepted), by, time.Unix(at.Unix(), 0)
			return nil
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO faqbot_choices (passage_id, group_key, voter, question, phrasing_id, at) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (passage_id, group_key, voter) DO UPDATE SET question = excluded.question, at = excluded.at`,
			passageID, group, voter, q, ph.ID, now); err != nil {
			return err
		}
		ph.Last = now
		return tx.QueryRow(ctx, "SELECT count(*) FROM faqbot_choices WHERE passage_id = $1 AND group_key = $2 AND at >= $3",
			passageID, group, s.cutoff(now)).Scan(&ph.Members)
	})
	if err != nil {
		return fail(err)
	}
	return ph, nil
}

// WithdrawChoice takes back a member's choices of passageID: of the one
// phrasing question, or of every phrasing when question is "".
func (s *Store) WithdrawChoice(ctx context.Context, question, passageID, voter string) error {
	if err := feedback.CheckPassageID(passageID); err != nil {
		return fmt.Errorf("withdraw choice of %q: %w", passageID, err)
	}
	if err := feedback.CheckVoter(voter); err != nil {
		return fmt.Errorf("withdraw choice of %q: %w", passageID, err)
	}
	var err error
	if question == "" {
		_, err = s.pool.Exec(ctx, "DELETE FROM faqbot_choices WHERE passage_id = $1 AND voter = $2", passageID, voter)
	} else {
		_, err = s.pool.Exec(ctx, "DELETE FROM faqbot_choices WHERE passage_id = $1 AND group_key = $2 AND voter = $3",
			passageID, feedback.Fold(question), voter)
	}
	if err != nil {
		return fmt.Errorf("withdraw choice of %q: %w", passageID, err)
	}
	return nil
}

// Pending lists the phrasings members chose within the retention that no
// moderator has decided on, in feedback.SortPending's order; each shows
// its latest wording.
func (s *Store) Pending(ctx context.Context, limit int) ([]feedback.Phrasing, error) {
	rows, err := s.pool.Query(ctx, `SELECT c.passage_id, count(*), max(c.at), (array_agg(c.question ORDER BY c.at DESC, c.voter))[1]
		FROM faqbot_choices c
		WHERE c.at >= $1 AND NOT EXISTS (SELECT 1 FROM faqbot_learned l WHERE l.passage_id = c.passage_id AND l.group_key = c.group_key)
		GROUP BY c.passage_id, c.group_key`, s.cutoff(s.now()))
	if err != nil {
		return nil, fmt.Errorf("list pending phrasings: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (feedback.Phrasing, error) {
		p := feedback.Phrasing{State: feedback.Pending}
		err := r.Scan(&p.PassageID, &p.Members, &p.Last, &p.Text)
		p.ID = feedback.PhrasingID(p.PassageID, p.Text)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("list pending phrasings: %w", err)
	}
	return feedback.SortPending(list, limit), nil
}

// Decided lists the phrasings decided on in the given state (accepted or
// rejected), in feedback.SortDecided's order. They do not expire.
func (s *Store) Decided(ctx context.Context, state feedback.State) ([]feedback.Phrasing, error) {
	rows, err := s.pool.Query(ctx, "SELECT passage_id, question, decided_by, decided_at FROM faqbot_learned WHERE accepted = $1",
		state == feedback.Accepted)
	if err != nil {
		return nil, fmt.Errorf("list %s phrasings: %w", state, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (feedback.Phrasing, error) {
		var p feedback.Phrasing
		var at time.Time
		err := r.Scan(&p.PassageID, &p.Text, &p.By, &at)
		p.ID, p.State, p.Decided = feedback.PhrasingID(p.PassageID, p.Text), state, time.Unix(at.Unix(), 0)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("list %s phrasings: %w", state, err)
	}
	feedback.SortDecided(list)
	return list, nil
}

// Decide accepts or rejects the phrasing with the given id
// (feedback.PhrasingID), pending or decided before, as
// feedback.Store.Decide does; feedback.ErrUnknownPhrasing when there is
// none, feedback.ErrTooManyLearned beyond feedback.MaxLearned.
func (s *Store) Decide(ctx context.Context, id string, accept bool, by string) (feedback.Phrasing, error) {
	fail := func(err error) (feedback.Phrasing, error) {
		return feedback.Phrasing{}, fmt.Errorf("decide on phrasing %s: %w", id, err)
	}
	now := s.now()
	ph := feedback.Phrasing{ID: id}
	err := s.tx(ctx, func(tx pgx.Tx) error {
		// One decision at a time, so that the cap holds across replicas.
		if _, err := tx.Exec(ctx, "LOCK TABLE faqbot_learned IN SHARE ROW EXCLUSIVE MODE"); err != nil {
			return err
		}
		var group string
		decided := true
		err := tx.QueryRow(ctx, "SELECT passage_id, group_key, question FROM faqbot_learned WHERE phrasing_id = $1", id).Scan(&ph.PassageID, &group, &ph.Text)
		if errors.Is(err, pgx.ErrNoRows) {
			decided = false
			err = tx.QueryRow(ctx, `SELECT passage_id, group_key, question FROM faqbot_choices WHERE phrasing_id = $1 AND at >= $2
				ORDER BY at DESC LIMIT 1`, id, s.cutoff(now)).Scan(&ph.PassageID, &group, &ph.Text)
		}
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return feedback.ErrUnknownPhrasing
		case err != nil:
			return err
		}
		if !decided {
			var n int
			if err := tx.QueryRow(ctx, "SELECT count(*) FROM faqbot_learned").Scan(&n); err != nil {
				return err
			}
			if n >= feedback.MaxLearned {
				return feedback.ErrTooManyLearned
			}
		}
		_, err = tx.Exec(ctx, `INSERT INTO faqbot_learned (passage_id, group_key, question, phrasing_id, accepted, decided_by, decided_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (passage_id, group_key) DO UPDATE SET accepted = excluded.accepted, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
			ph.PassageID, group, ph.Text, id, accept, by, now)
		return err
	})
	if err != nil {
		return fail(err)
	}
	ph.State, ph.By, ph.Decided = stateOf(accept), by, time.Unix(now.Unix(), 0)
	return ph, nil
}

func stateOf(accepted bool) feedback.State {
	if accepted {
		return feedback.Accepted
	}
	return feedback.Rejected
}
