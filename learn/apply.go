package learn

import (
	"slices"

	"faqbot/content"
	"faqbot/feedback"
)

// Applied is what Apply did with the accepted phrasings.
type Applied struct {
	// Passages are the passages with the phrasings added as aliases; the
	// passages given are not modified.
	Passages []content.Passage
	// Added is how many phrasings became aliases.
	Added int
	// Orphans are the phrasings whose passage is not (or no longer) an FAQ
	// passage of the content.
	Orphans []feedback.Phrasing
	// Shadowed are the phrasings that read like another passage's question
	// or alias: added, they would take that passage's own question away.
	Shadowed []feedback.Phrasing
}

// Apply adds the accepted phrasings to the aliases of their passages (by
// id; the first part of a split FAQ answer carries them). A phrasing its
// passage already has, written in a file or learned twice, is not added
// again.
func Apply(ps []content.Passage, accepted []feedback.Phrasing) Applied {
	out := Applied{Passages: ps}
	if len(accepted) == 0 {
		return out
	}
	at := map[string]int{}
	owner := map[string]string{} // folded question or alias → passage id
	for i, p := range ps {
		if p.Kind != content.KindFAQ || p.ItemID() != p.ID {
			continue
		}
		at[p.ID] = i
		for _, q := range append([]string{p.Question}, p.Aliases...) {
			if f := feedback.Fold(q); f != "" {
				if _, taken := owner[f]; !taken {
					owner[f] = p.ID
				}
			}
		}
	}
	out.Passages = slices.Clone(ps)
	cloned := map[int]bool{}
	for _, ph := range accepted {
		i, ok := at[ph.PassageID]
		if !ok {
			out.Orphans = append(out.Orphans, ph)
			continue
		}
		f := feedback.Fold(ph.Text)
		switch id, taken := owner[f]; {
		case f == "":
			continue
		case taken && id == ph.PassageID:
			continue // already one of its phrasings
		case taken:
			out.Shadowed = append(out.Shadowed, ph)
			continue
		}
		if !cloned[i] {
			out.Passages[i].Aliases = slices.Clone(out.Passages[i].Aliases)
			cloned[i] = true
		}
		out.Passages[i].Aliases = append(out.Passages[i].Aliases, ph.Text)
		owner[f] = ph.PassageID
		out.Added++
	}
	return out
}
