package main

import (
	"context"
	"fmt"
	"io"

	"faqbot/content"
	"faqbot/feedback"
)

// writeLearned prints the pending phrasings grouped by passage with the
// members behind each, then the accepted ones and the orphans among them:
// what /faq learned shows.
func writeLearned(ctx context.Context, w io.Writer, store feedbackStore, ps []content.Passage, limit int) error {
	byID := map[string]content.Passage{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	name := func(id string) (string, bool) {
		p, ok := byID[id]
		if !ok {
			return id, false
		}
		return fmt.Sprintf("%s  (%s)", heading(p.Title, p.Section, p.Question), id), true
	}
	pending, err := store.Pending(ctx, limit)
	if err != nil {
		return err
	}
	accepted, err := store.Decided(ctx, feedback.Accepted)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "Phrasings members taught, waiting for a decision (/faq learned):")
	if len(pending) == 0 {
		fmt.Fprintln(w, "  none")
	}
	last := ""
	for _, ph := range pending {
		if ph.PassageID != last {
			last = ph.PassageID
			n, ok := name(ph.PassageID)
			if !ok {
				n += "  (orphaned: not in the content)"
			}
			fmt.Fprintf(w, "  %s\n", n)
		}
		fmt.Fprintf(w, "    %3d× %s\n", ph.Members, ph.Text)
	}
	fmt.Fprintln(w, "\nAccepted phrasings (searched as aliases):")
	var orphans []feedback.Phrasing
	last = ""
	shown := 0
	for _, ph := range accepted {
		n, ok := name(ph.PassageID)
		if !ok {
			orphans = append(orphans, ph)
			continue
		}
		if ph.PassageID != last {
			last = ph.PassageID
			fmt.Fprintf(w, "  %s\n", n)
		}
		fmt.Fprintf(w, "    %s  (%s, %s)\n", ph.Text, acceptedBy(ph.By), ph.Decided.Format("2006-01-02"))
		shown++
	}
	if shown == 0 {
		fmt.Fprintln(w, "  none")
	}
	if len(orphans) > 0 {
		fmt.Fprintln(w, "\nOrphaned accepted phrasings (their passage is no longer in the content; kept, and searched again if it comes back):")
		for _, ph := range orphans {
			fmt.Fprintf(w, "  %s: %s\n", ph.PassageID, ph.Text)
		}
	}
	return nil
}

func acceptedBy(by string) string {
	if by == "auto" {
		return "accepted automatically"
	}
	return "accepted by a moderator"
}
