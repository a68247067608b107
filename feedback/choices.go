package feedback

import (
	"bytes"
	"context"
	"fmt"
	"unicode/utf8"
)

// RecordChoice notes that a member (voter, a VoterKey) showed that passageID
// answers question: they clicked it among the "did you mean" buttons, or
// gave its answer a 👍. One member counts once per phrasing and passage;
// choosing again only renews the time. The question must be a plain
// phrasing (see Plain). It returns the phrasing as it now stands: how many
// members are behind it, and whether moderators already accepted or
// rejected it (then nothing new is stored).
func (s *Store) RecordChoice(ctx context.Context, question, passageID, voter string) (Phrasing, error) {
	fail := func(err error) (Phrasing, error) {
		return Phrasing{}, fmt.Errorf("record choice of %q: %w", passageID, err)
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	q, err := Plain(question, MaxQuestionRunes)
	if err != nil {
		return fail(err)
	}
	if err := checkPassageID(passageID); err != nil {
		return fail(err)
	}
	if err := checkVoter(voter); err != nil {
		return fail(err)
	}
	ph := Phrasing{PassageID: passageID, Text: q, ID: PhrasingID(passageID, q), State: Pending}
	now := s.now()
	err = s.update(func(b buckets) error {
		pk := phrasingKey(passageID, q)
		if d, ok, err := decision(b, pk); err != nil || ok {
			ph.State, ph.By, ph.Decided, ph.Text = d.state(), d.By, d.at(), d.Q
			return err
		}
		ck := append(append(bytes.Clone(pk), 0), voter...)
		if old := b.choices.Get(ck); len(old) >= timeKeyLen {
			if err := b.choicesTime.Delete(bytes.Clone(old[:timeKeyLen])); err != nil {
				return err
			}
		} else if err := addCount(b.meta, metaNumChoices, 1); err != nil {
			return err
		}
		seq, err := b.choicesTime.NextSequence()
		if err != nil {
			return err
		}
		tk := timeKey(now, seq)
		if err := b.choicesTime.Put(tk, ck); err != nil {
			return err
		}
		if err := b.choices.Put(ck, append(tk, q...)); err != nil {
			return err
		}
		if _, err := trimOldest(b.choicesTime, b.choices, b.meta, metaNumChoices, s.lim.maxChoices); err != nil {
			return err
		}
		cut := timeKey(s.cutoff(now), 0)
		c := b.choices.Cursor()
		prefix := append(bytes.Clone(pk), 0)
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if len(v) >= timeKeyLen && bytes.Compare(v[:timeKeyLen], cut) >= 0 {
				ph.Members++
			}
		}
		ph.Last = now
		return nil
	})
	if err != nil {
		return fail(err)
	}
	return ph, nil
}

// WithdrawChoice takes back a member's choices of passageID: of the one
// phrasing question, or of every phrasing when question is "" (a 👎 on the
// passage says it did not help that member after all).
func (s *Store) WithdrawChoice(ctx context.Context, question, passageID, voter string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("withdraw choice of %q: %w", passageID, err)
	}
	if err := checkPassageID(passageID); err != nil {
		return fmt.Errorf("withdraw choice of %q: %w", passageID, err)
	}
	if err := checkVoter(voter); err != nil {
		return fmt.Errorf("withdraw choice of %q: %w", passageID, err)
	}
	prefix := voteKeyPrefix(passageID)
	if question != "" {
		prefix = append(phrasingKey(passageID, normaliseQuestion(question)), 0)
	}
	err := s.update(func(b buckets) error {
		var drop [][]byte
		c := b.choices.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if bytes.HasSuffix(k, []byte(voter)) && len(v) >= timeKeyLen {
				drop = append(drop, bytes.Clone(k), bytes.Clone(v[:timeKeyLen]))
			}
		}
		for i := 0; i < len(drop); i += 2 {
			if err := b.choices.Delete(drop[i]); err != nil {
				return err
			}
			if err := b.choicesTime.Delete(drop[i+1]); err != nil {
				return err
			}
		}
		return addCount(b.meta, metaNumChoices, -len(drop)/2)
	})
	if err != nil {
		return fmt.Errorf("withdraw choice of %q: %w", passageID, err)
	}
	return nil
}

// phrasingKey identifies a phrasing of a passage: the passage id, NUL, and
// the question's group key (so "How do I X?" and "how do i x" are one).
// Normalised questions hold no NUL.
func phrasingKey(passageID, question string) []byte {
	return append(voteKeyPrefix(passageID), groupKey(question)...)
}

// splitChoiceKey is a choice key's phrasing key (without the voter).
func splitChoiceKey(k []byte) ([]byte, bool) {
	n := len(k) - voterKeyLen - 1
	if n <= 0 || k[n] != 0 {
		return nil, false
	}
	return k[:n], true
}

// tooLong reports whether q is over n runes.
func tooLong(q string, n int) bool { return utf8.RuneCountInString(q) > n }
