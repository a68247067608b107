package feedback

import (
	"bytes"
	"context"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Prune deletes the records older than the retention, and the oldest
// records beyond MaxUnanswered and MaxVotes, and reports how many it
// deleted. The store also prunes when it opens and, at most once an hour,
// while recording questions, so calling Prune is never required.
func (s *Store) Prune(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("prune feedback: %w", err)
	}
	now := s.now()
	var n int
	err := s.update(func(b buckets) error {
		var err error
		n, err = s.prune(b, now)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune feedback: %w", err)
	}
	s.lastPrune.Store(now.UnixNano())
	return n, nil
}

// prune is Prune within a write transaction.
func (s *Store) prune(b buckets, now time.Time) (int, error) {
	cut := timeKey(s.cutoff(now), 0)
	expired := func(k []byte, _ int) bool { return bytes.Compare(k, cut) < 0 }

	total := 0
	for _, step := range []struct {
		idx, also *bolt.Bucket
		counter   string
		drop      func(k []byte, left int) bool
	}{
		{b.unanswered, nil, metaNumUnanswered, expired},
		{b.votesTime, b.votes, metaNumVotes, expired},
		{b.unanswered, nil, metaNumUnanswered, overCap(s.lim.maxUnanswered)},
		{b.votesTime, b.votes, metaNumVotes, overCap(s.lim.maxVotes)},
		{b.choicesTime, b.choices, metaNumChoices, expired},
		{b.choicesTime, b.choices, metaNumChoices, overCap(s.lim.maxChoices)},
	} {
		n, err := dropOldest(step.idx, step.also, b.meta, step.counter, step.drop)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

// trimOldest deletes the oldest records of a time-keyed bucket beyond limit.
func trimOldest(idx, also, meta *bolt.Bucket, counter string, limit int) (int, error) {
	return dropOldest(idx, also, meta, counter, overCap(limit))
}

func overCap(limit int) func(k []byte, left int) bool {
	return func(_ []byte, left int) bool { return left > limit }
}

// dropOldest deletes records from the old end of the time-keyed bucket idx
// for as long as drop says so (given the key and the records left), keeping
// the counter in step. If also is set, idx is the votes time index and each
// of its values is the key of a vote (or choice) in also, deleted with it.
func dropOldest(idx, also, meta *bolt.Bucket, counter string, drop func(k []byte, left int) bool) (int, error) {
	left := count(meta, counter)
	n := 0
	c := idx.Cursor()
	// Re-seek after each delete: a bbolt cursor skips an item if Next
	// follows Delete.
	for k, v := c.First(); k != nil && drop(k, left); k, v = c.First() {
		if also != nil {
			if err := also.Delete(bytes.Clone(v)); err != nil {
				return n, fmt.Errorf("delete vote: %w", err)
			}
		}
		if err := c.Delete(); err != nil {
			return n, fmt.Errorf("delete record %x: %w", k, err)
		}
		n++
		left--
	}
	if n == 0 {
		return 0, nil
	}
	return n, putUint(meta, counter, uint64(max(left, 0)))
}
