package feedback

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Question is a group of unanswered questions that read the same once case,
// punctuation and spacing are ignored.
type Question struct {
	// Text is the most recent phrasing, as asked (normalised for storage).
	Text string
	// Count is how many times the group was asked in the period.
	Count int
	// Last is when it was last asked.
	Last time.Time
	// BestID is the best candidate passage of the most recent record that
	// had one, or "": a hint at which passage a new answer should extend.
	BestID string
}

// unansweredRecord is the stored value of one unanswered question; its time
// is in the key.
type unansweredRecord struct {
	Q    string `json:"q"`
	Best string `json:"best,omitempty"`
}

// RecordUnanswered notes a question that got no confident answer, with the
// best candidate passage id if there was one (else ""). Only the normalised
// question and the time are stored, nothing about who asked. A question
// that is empty once normalised is ErrEmptyQuestion. At most once an hour
// (by the store's clock) it also prunes expired records.
func (s *Store) RecordUnanswered(ctx context.Context, question string, bestID string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("record unanswered question: %w", err)
	}
	q := normaliseQuestion(question)
	if q == "" {
		return fmt.Errorf("record unanswered question: %w", ErrEmptyQuestion)
	}
	if bestID != "" {
		if err := checkPassageID(bestID); err != nil {
			return fmt.Errorf("record unanswered question: best candidate: %w", err)
		}
	}
	val, err := json.Marshal(unansweredRecord{Q: q, Best: bestID})
	if err != nil {
		return fmt.Errorf("record unanswered question: %w", err)
	}

	now := s.now()
	pruneDue := now.Sub(time.Unix(0, s.lastPrune.Load())) >= s.lim.pruneEvery
	err = s.update(func(b buckets) error {
		seq, err := b.unanswered.NextSequence()
		if err != nil {
			return err
		}
		if err := b.unanswered.Put(timeKey(now, seq), val); err != nil {
			return err
		}
		if err := addCount(b.meta, metaNumUnanswered, 1); err != nil {
			return err
		}
		if pruneDue {
			_, err = s.prune(b, now)
			return err
		}
		_, err = trimOldest(b.unanswered, nil, b.meta, metaNumUnanswered, s.lim.maxUnanswered)
		return err
	})
	if err != nil {
		return fmt.Errorf("record unanswered question: %w", err)
	}
	if pruneDue {
		s.lastPrune.Store(now.UnixNano())
	}
	return nil
}

// Unanswered lists the unanswered questions asked since the given time (and
// within the retention), grouped by groupKey: most frequent first, then most
// recently asked, then by text. limit <= 0 means no limit.
func (s *Store) Unanswered(ctx context.Context, since time.Time, limit int) ([]Question, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("list unanswered questions: %w", err)
	}
	if c := s.cutoff(s.now()); since.Before(c) {
		since = c
	}

	var asked []Asked
	err := s.view(func(b buckets) error {
		c := b.unanswered.Cursor()
		for k, v := c.Seek(timeKey(since, 0)); k != nil; k, v = c.Next() {
			var r unansweredRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode record %x: %w", k, err)
			}
			asked = append(asked, Asked{Text: r.Q, BestID: r.Best, At: keyTime(k)})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list unanswered questions: %w", err)
	}
	return GroupUnanswered(asked, limit), nil
}
