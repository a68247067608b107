package feedback

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// State is where a learned phrasing stands with the moderators.
type State string

// The states of a phrasing.
const (
	// Pending phrasings wait for a moderator (or for LEARN_AUTO_ACCEPT).
	Pending State = "pending"
	// Accepted phrasings are searched as aliases of their passage.
	Accepted State = "accepted"
	// Rejected phrasings are not suggested again.
	Rejected State = "rejected"
)

// Phrasing is a way members asked for a passage, learned from their
// choices.
type Phrasing struct {
	// ID is PhrasingID(PassageID, Text): short enough for a button.
	ID string
	// PassageID is the passage members chose.
	PassageID string
	// Text is the latest wording (phrasings that differ only in case,
	// punctuation and spacing are one).
	Text string
	// Members is how many members chose the passage for it (pending
	// phrasings; within the retention).
	Members int
	// Last is when a member last chose it.
	Last time.Time
	// State is Pending, Accepted or Rejected; By says who decided
	// ("moderator", "auto") and Decided when.
	State   State
	By      string
	Decided time.Time
}

// learnedRecord is the stored value of a decided phrasing.
type learnedRecord struct {
	Q        string `json:"q"`
	Accepted bool   `json:"accepted"`
	By       string `json:"by,omitempty"`
	At       int64  `json:"at"` // unix seconds
}

func (r learnedRecord) state() State {
	if r.Accepted {
		return Accepted
	}
	return Rejected
}

func (r learnedRecord) at() time.Time { return time.Unix(r.At, 0) }

// PhrasingID is a short, stable id of a phrasing of a passage (16 hex
// digits), the same for wordings that differ only in case, punctuation and
// spacing.
func PhrasingID(passageID, question string) string {
	sum := sha256.Sum256(phrasingKey(passageID, normaliseQuestion(question)))
	return hex.EncodeToString(sum[:8])
}

// decision reads the moderators' decision on a phrasing key, if any.
func decision(b buckets, pk []byte) (learnedRecord, bool, error) {
	v := b.learned.Get(pk)
	if v == nil {
		return learnedRecord{}, false, nil
	}
	var r learnedRecord
	if err := json.Unmarshal(v, &r); err != nil {
		return r, false, fmt.Errorf("decode learned phrasing %x: %w", pk, err)
	}
	return r, true, nil
}

// Pending lists the phrasings members chose that no moderator has decided
// on yet, grouped by passage: the passages with the most members behind a
// phrasing first, and within a passage the most chosen phrasing first.
// limit <= 0 means no limit.
func (s *Store) Pending(ctx context.Context, limit int) ([]Phrasing, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("list pending phrasings: %w", err)
	}
	cut := timeKey(s.cutoff(s.now()), 0)
	var list []Phrasing
	err := s.view(func(b buckets) error {
		var cur *Phrasing
		var curKey []byte
		c := b.choices.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			pk, ok := splitChoiceKey(k)
			if !ok || len(v) < timeKeyLen || bytes.Compare(v[:timeKeyLen], cut) < 0 {
				continue
			}
			if cur == nil || !bytes.Equal(pk, curKey) {
				if _, decided, err := decision(b, pk); err != nil {
					return err
				} else if decided {
					continue
				}
				i := bytes.IndexByte(pk, 0)
				list = append(list, Phrasing{PassageID: string(pk[:i]), State: Pending})
				cur, curKey = &list[len(list)-1], bytes.Clone(pk)
			}
			cur.Members++
			if t := keyTime(v[:timeKeyLen]); !t.Before(cur.Last) {
				cur.Last, cur.Text = t, string(v[timeKeyLen:])
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list pending phrasings: %w", err)
	}
	for i := range list {
		list[i].ID = PhrasingID(list[i].PassageID, list[i].Text)
	}
	return SortPending(list, limit), nil
}

// Decided lists the phrasings moderators (or LEARN_AUTO_ACCEPT) decided on
// in the given state (Accepted or Rejected), by passage id, then text. They
// do not expire: an accepted phrasing is content now, and a rejected one
// must not be suggested again.
func (s *Store) Decided(ctx context.Context, state State) ([]Phrasing, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("list %s phrasings: %w", state, err)
	}
	var list []Phrasing
	err := s.view(func(b buckets) error {
		return b.learned.ForEach(func(k, v []byte) error {
			var r learnedRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode learned phrasing %x: %w", k, err)
			}
			if r.state() != state {
				return nil
			}
			i := bytes.IndexByte(k, 0)
			if i < 0 {
				return fmt.Errorf("malformed learned phrasing key %x", k)
			}
			id := string(k[:i])
			list = append(list, Phrasing{ID: PhrasingID(id, r.Q), PassageID: id, Text: r.Q, State: r.state(), By: r.By, Decided: r.at()})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list %s phrasings: %w", state, err)
	}
	SortDecided(list)
	return list, nil
}

// Decide accepts or rejects the phrasing with the given id (PhrasingID),
// pending or decided before: rejecting an accepted phrasing removes it
// from the search, and it is not suggested again. by says who decided
// ("moderator", "auto"). It returns the phrasing as decided, or
// ErrUnknownPhrasing.
func (s *Store) Decide(ctx context.Context, id string, accept bool, by string) (Phrasing, error) {
	fail := func(err error) (Phrasing, error) { return Phrasing{}, fmt.Errorf("decide on phrasing %s: %w", id, err) }
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	ph, ok, err := s.find(ctx, id)
	if err != nil {
		return fail(err)
	}
	if !ok {
		return fail(ErrUnknownPhrasing)
	}
	now := s.now()
	err = s.update(func(b buckets) error {
		pk := phrasingKey(ph.PassageID, ph.Text)
		if b.learned.Get(pk) == nil && b.learned.Stats().KeyN >= s.lim.maxLearned {
			return ErrTooManyLearned
		}
		v, err := json.Marshal(learnedRecord{Q: ph.Text, Accepted: accept, By: by, At: now.Unix()})
		if err != nil {
			return err
		}
		return b.learned.Put(pk, v)
	})
	if err != nil {
		return fail(err)
	}
	ph.State, ph.By, ph.Decided = Rejected, by, time.Unix(now.Unix(), 0)
	if accept {
		ph.State = Accepted
	}
	return ph, nil
}

// find looks a phrasing up by its id among the pending and decided ones.
func (s *Store) find(ctx context.Context, id string) (Phrasing, bool, error) {
	for _, list := range []func() ([]Phrasing, error){
		func() ([]Phrasing, error) { return s.Pending(ctx, 0) },
		func() ([]Phrasing, error) { return s.Decided(ctx, Accepted) },
		func() ([]Phrasing, error) { return s.Decided(ctx, Rejected) },
	} {
		ps, err := list()
		if err != nil {
			return Phrasing{}, false, err
		}
		for _, p := range ps {
			if p.ID == id {
				return p, true, nil
			}
		}
	}
	return Phrasing{}, false, nil
}
