package index

import (
	"context"
	"fmt"

	"faqbot/content"
)

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

// Unreached asks the index its FAQ entries' phrasings, at most limit of
// them (spread evenly over all when there are more), and returns those
// policy would not answer from their own entry: another entry answers
// them, or none confidently. Both come from entries whose phrasings use
// the same words, which moderators can set apart with other phrasings.
// asked is how many were asked.
func (ix *Index) Unreached(ctx context.Context, policy Policy, limit int) (out []Unreached, asked int, err error) {
	type phrasing struct {
		entry *content.Passage
		text  string
	}
	var all []phrasing
	ps := ix.Passages()
	for i := range ps {
		if p := &ps[i]; p.Kind == content.KindFAQ && p.ItemID() == p.ID {
			for _, text := range append([]string{p.Question}, p.Aliases...) {
				all = append(all, phrasing{p, text})
			}
		}
	}
	step := max(1, (len(all)+limit-1)/max(limit, 1))
	for k := 0; k < len(all); k += step {
		p, text := all[k].entry, all[k].text
		asked++
		res, err := ix.Search(ctx, text)
		if err != nil {
			return nil, asked, fmt.Errorf("ask %q: %w", text, err)
		}
		res = policy.Apply(res)
		if a := res.Answer(); a != nil && a.Passage.ItemID() == p.ID {
			continue
		}
		u := Unreached{Entry: *p, Phrasing: text, Answered: res.Answered, Confidence: res.Confidence}
		for i := range res.Hits {
			if h := &res.Hits[i]; h.Passage.ItemID() != p.ID {
				u.Rival = &h.Passage
				break
			}
		}
		out = append(out, u)
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
