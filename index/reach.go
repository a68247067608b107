package index

import (
	"context"
	"fmt"

	"faqbot/content"
)

// maxReachAsks bounds the phrasings Unreached asks: every one of any real
// FAQ, and the largest content is still done in seconds.
const maxReachAsks = 5000

// Unreached is an FAQ phrasing (the question or an alias) that, asked as
// written, is not answered from its own entry.
type Unreached struct {
	// Entry is the FAQ pair the phrasing belongs to.
	Entry content.Passage
	// Phrasing is its question or one of its aliases, as written.
	Phrasing string
	// Rival is the other entry that answers it (Answered), or the closest
	// other entry when none answers it confidently; nil for none.
	Rival *content.Passage
	// Answered says whether another entry is the confident answer.
	Answered bool
	// Confidence is the search's confidence in its best passage.
	Confidence float64
}

// Unreached asks the index every FAQ entry's phrasings (at most
// maxReachAsks) and returns those policy would not answer from their own
// entry: another entry answers them, or none confidently. Both come from
// entries whose phrasings use the same words, which moderators can set
// apart with other phrasings. asked is how many were asked.
func (ix *Index) Unreached(ctx context.Context, policy Policy) (out []Unreached, asked int, err error) {
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
			u := Unreached{Entry: p, Phrasing: phrasing, Answered: res.Answered, Confidence: res.Confidence}
			for i := range res.Hits {
				if h := &res.Hits[i]; h.Passage.ItemID() != p.ID {
					u.Rival = &h.Passage
					break
				}
			}
			out = append(out, u)
		}
	}
	return out, asked, nil
}

// String says, for a moderator, what members asking the phrasing get, and
// why.
func (u Unreached) String() string {
	rival := ""
	if u.Rival != nil {
		rival = fmt.Sprintf("%q (%s)", entryLabel(*u.Rival), u.Rival.Source())
	}
	switch {
	case u.Answered:
		return fmt.Sprintf("%s: %q, asked as written, is answered from %s instead", u.Entry.Source(), u.Phrasing, rival)
	case rival != "":
		return fmt.Sprintf("%s: %q, asked as written, gets no confident answer (%.2f): %s uses the same words", u.Entry.Source(), u.Phrasing, u.Confidence, rival)
	default:
		return fmt.Sprintf("%s: %q, asked as written, gets no confident answer (%.2f)", u.Entry.Source(), u.Phrasing, u.Confidence)
	}
}

// entryLabel names a passage for a moderator: an FAQ pair by its question, a
// paragraph by its section or title.
func entryLabel(p content.Passage) string {
	for _, s := range []string{p.Question, p.Section, p.Title} {
		if s != "" {
			return s
		}
	}
	return p.ID
}
