package main

import (
	"context"
	"fmt"

	"faqbot/content"
	"faqbot/index"
)

// maxReachAsks bounds the phrasings check asks: every one of any real FAQ,
// and a check of the largest content still ends in seconds.
const maxReachAsks = 5000

// unreached is an FAQ phrasing (the question or an alias) that, asked as
// written, is not answered from its own entry.
type unreached struct {
	entry    content.Passage
	phrasing string
	// rival is the other entry that answers it (answered), or the closest
	// other entry when none answers it confidently; nil for none.
	rival      *content.Passage
	answered   bool
	confidence float64
}

// unreachedPhrasings asks the index every FAQ entry's phrasings (at most
// maxReachAsks) and returns those the answer policy would not answer from
// their own entry: another entry answers them, or none confidently. Both
// come from entries whose phrasings use the same words, which moderators
// can set apart with other phrasings. asked is how many were asked.
func unreachedPhrasings(ctx context.Context, ix *index.Index, policy index.Policy) (out []unreached, asked int, err error) {
	for _, p := range ix.Passages() {
		if p.Kind != content.KindFAQ || p.ItemID() != p.ID {
			continue
		}
		for _, phrasing := range append([]string{p.Question}, p.Aliases...) {
			if asked == maxReachAsks {
				return out, asked, nil
			}
			asked++
			res, err := ix.Search(ctx, phrasing)
			if err != nil {
				return nil, asked, fmt.Errorf("ask %q: %w", phrasing, err)
			}
			res = policy.Apply(res)
			if a := res.Answer(); a != nil && a.Passage.ItemID() == p.ID {
				continue
			}
			u := unreached{entry: p, phrasing: phrasing, answered: res.Answered, confidence: res.Confidence}
			for i := range res.Hits {
				if h := &res.Hits[i]; h.Passage.ItemID() != p.ID {
					u.rival = &h.Passage
					break
				}
			}
			out = append(out, u)
		}
	}
	return out, asked, nil
}

// String says what members asking the phrasing get, and why, for check's
// notes.
func (u unreached) String() string {
	rival := ""
	if u.rival != nil {
		rival = fmt.Sprintf("%q (%s)", label(*u.rival), u.rival.Source())
	}
	switch {
	case u.answered:
		return fmt.Sprintf("%s: %q, asked as written, is answered from %s instead", u.entry.Source(), u.phrasing, rival)
	case rival != "":
		return fmt.Sprintf("%s: %q, asked as written, gets no confident answer (%.2f): %s uses the same words", u.entry.Source(), u.phrasing, u.confidence, rival)
	default:
		return fmt.Sprintf("%s: %q, asked as written, gets no confident answer (%.2f)", u.entry.Source(), u.phrasing, u.confidence)
	}
}

// label names a passage for a moderator: an FAQ pair by its question, a
// paragraph by its section or title.
func label(p content.Passage) string {
	for _, s := range []string{p.Question, p.Section, p.Title} {
		if s != "" {
			return s
		}
	}
	return p.ID
}
