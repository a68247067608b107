package eval

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"faqbot/content"
	"faqbot/feedback"
	"faqbot/index"
	"faqbot/learn"
)

// learnRound is how many members ask before the index is rebuilt with what
// they taught: the bot rebuilds within seconds of an acceptance, so
// members a little later meet the learned phrasings; rebuilding after every
// question would only make the replay slow.
const learnRound = 250

// Learning says what replaying members taught.
type Learning struct {
	// Members is how many questions were replayed, one member each.
	Members int `json:"members"`
	// Chose is how many found their passage among those shown and picked
	// it; Accepted how many phrasings became aliases.
	Chose    int `json:"chose"`
	Accepted int `json:"accepted"`
	// NotPlain is how many choices were refused as phrasings (mentions,
	// links, Markdown, too long).
	NotPlain int `json:"not_plain"`
	// Rebuilds is how many times the index was rebuilt.
	Rebuilds int `json:"rebuilds"`
}

// LearnResult is a set evaluated before and after learning from members.
type LearnResult struct {
	Before   SetResult `json:"before"`
	After    SetResult `json:"after"`
	Learning Learning  `json:"learning"`
}

// Suites are the result before and after learning as suites of one set,
// for WriteSuite.
func (r LearnResult) Suites(policy index.Policy) (before, after SuiteResult) {
	one := func(s SetResult) SuiteResult {
		sets := []SetResult{s}
		return SuiteResult{Threshold: policy.MinConfidence, Sets: sets, Macro: macro(sets)}
	}
	return one(r.Before), one(r.After)
}

// RunLearned evaluates a set, then replays val as members through the
// bot's own learning (a feedback store, accepted phrasings added as aliases
// by Apply, the index rebuilt), and evaluates the set again on the learned
// content.
func RunLearned(ctx context.Context, s Set, val []Query, policy index.Policy, progress io.Writer) (LearnResult, error) {
	var out LearnResult
	cases, err := s.Cases(ctx, false)
	if err != nil {
		return out, err
	}
	if len(cases) != 1 {
		return out, fmt.Errorf("set %s: learning needs one content, not one per article", s.Name)
	}
	if out.Before, err = runCases(ctx, s.Name, cases, policy, progress); err != nil {
		return out, err
	}
	learned, lrn, err := Learn(ctx, cases[0].Passages, cases[0].Synonyms, val, policy, progress)
	out.Learning = lrn
	if err != nil {
		return out, fmt.Errorf("set %s: %w", s.Name, err)
	}
	cases[0].Passages = learned
	if out.After, err = runCases(ctx, s.Name, cases, policy, progress); err != nil {
		return out, err
	}
	return out, nil
}

// Learn replays questions as members, each a different one: a member whose
// right passage is among what the bot shows (the answer, if policy gives
// one, and the alternatives) picks it, and the phrasing is accepted at
// once (as with LEARN_AUTO_ACCEPT=1). It returns the passages with the
// accepted phrasings as aliases.
func Learn(ctx context.Context, passages []content.Passage, synonyms []content.Synonym, val []Query, policy index.Policy, progress io.Writer) ([]content.Passage, Learning, error) {
	var lrn Learning
	store, err := feedback.Open("", "eval", 24*time.Hour, nil)
	if err != nil {
		return nil, lrn, err
	}
	defer func() { _ = store.Close() }()
	cur := passages
	for start := 0; start < len(val); start += learnRound {
		ix, err := index.Build(ctx, cur, index.Options{Synonyms: synonyms})
		if err != nil {
			return nil, lrn, fmt.Errorf("learn: %w", err)
		}
		lrn.Rebuilds++
		err = learnRoundOn(ctx, ix, store, val[start:min(start+learnRound, len(val))], start, policy, &lrn)
		_ = ix.Close()
		if err != nil {
			return nil, lrn, err
		}
		accepted, err := store.Decided(ctx, feedback.Accepted)
		if err != nil {
			return nil, lrn, fmt.Errorf("learn: %w", err)
		}
		applied := learn.Apply(passages, accepted)
		cur, lrn.Accepted = applied.Passages, applied.Added
		if progress != nil {
			fmt.Fprintf(progress, "learn: %d/%d members, %d phrasings accepted\n", min(start+learnRound, len(val)), len(val), lrn.Accepted)
		}
	}
	return cur, lrn, nil
}

// learnRoundOn replays one round of members on ix.
func learnRoundOn(ctx context.Context, ix *index.Index, store *feedback.Store, qs []Query, first int, policy index.Policy, lrn *Learning) error {
	for i, q := range qs {
		lrn.Members++
		res, err := ix.Search(ctx, q.Query)
		if err != nil {
			return fmt.Errorf("learn: %w", err)
		}
		res = policy.Apply(res)
		shown := res.Alternatives()
		if a := res.Answer(); a != nil {
			shown = append([]index.Hit{*a}, shown...)
		}
		pick := slices.IndexFunc(shown, func(h index.Hit) bool {
			return h.Passage.Kind == content.KindFAQ && slices.Contains(q.Relevant, h.Passage.ItemID())
		})
		if pick < 0 {
			continue
		}
		lrn.Chose++
		member := feedback.VoterKey(store.Salt(), "member-"+strconv.Itoa(first+i))
		ph, err := store.RecordChoice(ctx, q.Query, shown[pick].Passage.ItemID(), member)
		if errors.Is(err, feedback.ErrNotPlain) {
			lrn.NotPlain++
			continue
		}
		if err != nil {
			return fmt.Errorf("learn: %w", err)
		}
		if ph.State == feedback.Accepted || ph.State == feedback.Rejected {
			continue
		}
		if _, err := store.Decide(ctx, ph.ID, true, "auto"); err != nil {
			return fmt.Errorf("learn: %w", err)
		}
	}
	return nil
}
