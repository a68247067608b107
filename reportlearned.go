package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"faqbot/content"
	"faqbot/feedback"
	"faqbot/internal/dirlock"
)

// openFeedback opens DATA_DIR's store for a command run beside the bot,
// saying what to do instead when the bot owns it.
func (a *app) openFeedback(command, instead string) (*feedback.Store, error) {
	if a.cfg.DataDir == "" {
		return nil, usageError("%s needs DATA_DIR (where the bot keeps feedback)", command)
	}
	store, err := feedback.Open(a.cfg.DataDir, command, a.cfg.Retention(), time.Now)
	var held *dirlock.HeldError
	switch {
	case errors.As(err, &held):
		return nil, fmt.Errorf("%w; %s, or stop it", held, instead)
	case err != nil:
		return nil, fmt.Errorf("%w (while the bot runs, %s)", err, instead)
	}
	return store, nil
}

// writeLearned prints the pending phrasings grouped by passage with the
// members behind each, then the accepted ones and the orphans among them:
// what /faq learned shows.
func writeLearned(ctx context.Context, w io.Writer, store *feedback.Store, ps []content.Passage, limit int) error {
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
