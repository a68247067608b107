package feedback

import (
	"bytes"
	"context"
	"fmt"
)

// PassageVotes are the 👍 (Up) and 👎 (Down) votes on a passage, one per
// member.
type PassageVotes struct {
	PassageID string
	Up, Down  int
}

// Stored vote value: a direction byte, then the key of the vote's entry in
// the time index.
const (
	voteDown byte = 0
	voteUp   byte = 1
)

// RecordVote records a 👍 (up) or 👎 vote by voter on a passage. voter must
// be a VoterKey; a member who votes again on the same passage replaces their
// vote (and its time).
func (s *Store) RecordVote(ctx context.Context, passageID, voter string, up bool) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("record vote on %q: %w", passageID, err)
	}
	if err := checkPassageID(passageID); err != nil {
		return fmt.Errorf("record vote on %q: %w", passageID, err)
	}
	if err := checkVoter(voter); err != nil {
		return fmt.Errorf("record vote on %q: %w", passageID, err)
	}
	dir := voteDown
	if up {
		dir = voteUp
	}
	now := s.now()
	err := s.update(func(b buckets) error {
		vk := voteKey(passageID, voter)
		if old := b.votes.Get(vk); len(old) == 1+timeKeyLen {
			// A replaced vote leaves the time index, or pruning would
			// later delete the new vote at the old one's time.
			if err := b.votesTime.Delete(bytes.Clone(old[1:])); err != nil {
				return err
			}
		} else if err := addCount(b.meta, metaNumVotes, 1); err != nil {
			return err
		}
		seq, err := b.votesTime.NextSequence()
		if err != nil {
			return err
		}
		tk := timeKey(now, seq)
		if err := b.votesTime.Put(tk, vk); err != nil {
			return err
		}
		if err := b.votes.Put(vk, append([]byte{dir}, tk...)); err != nil {
			return err
		}
		_, err = trimOldest(b.votesTime, b.votes, b.meta, metaNumVotes, s.lim.maxVotes)
		return err
	})
	if err != nil {
		return fmt.Errorf("record vote on %q: %w", passageID, err)
	}
	return nil
}

// Votes returns the votes on one passage within the retention (zero counts
// for a passage nobody voted on).
func (s *Store) Votes(ctx context.Context, passageID string) (PassageVotes, error) {
	pv := PassageVotes{PassageID: passageID}
	if err := ctx.Err(); err != nil {
		return pv, fmt.Errorf("count votes on %q: %w", passageID, err)
	}
	if err := checkPassageID(passageID); err != nil {
		return pv, fmt.Errorf("count votes on %q: %w", passageID, err)
	}
	cut := timeKey(s.cutoff(s.now()), 0)
	prefix := voteKeyPrefix(passageID)
	err := s.view(func(b buckets) error {
		c := b.votes.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			pv.add(v, cut)
		}
		return nil
	})
	if err != nil {
		return pv, fmt.Errorf("count votes on %q: %w", passageID, err)
	}
	return pv, nil
}

// Disliked lists the passages with at least one 👎 within the retention:
// most 👎 first, then fewest 👍, then by id. limit <= 0 means no limit.
func (s *Store) Disliked(ctx context.Context, limit int) ([]PassageVotes, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("list disliked passages: %w", err)
	}
	cut := timeKey(s.cutoff(s.now()), 0)
	var list []PassageVotes
	err := s.view(func(b buckets) error {
		// Votes on a passage are adjacent (they share the key prefix), so
		// one pass builds each passage's counts in turn.
		var cur PassageVotes
		flush := func() {
			if cur.Down > 0 {
				list = append(list, cur)
			}
		}
		c := b.votes.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			i := bytes.IndexByte(k, 0)
			if i < 0 {
				return fmt.Errorf("malformed vote key %x", k)
			}
			if id := string(k[:i]); id != cur.PassageID {
				flush()
				cur = PassageVotes{PassageID: id}
			}
			cur.add(v, cut)
		}
		flush()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list disliked passages: %w", err)
	}
	return SortDisliked(list, limit), nil
}

// add counts a stored vote value unless it is older than the cutoff key.
func (pv *PassageVotes) add(v, cut []byte) {
	if len(v) != 1+timeKeyLen || bytes.Compare(v[1:], cut) < 0 {
		return
	}
	if v[0] == voteUp {
		pv.Up++
	} else {
		pv.Down++
	}
}
