package main

import (
	"context"
	"fmt"
	"time"
)

// runReport lists what moderators should write next: the most frequent
// questions without a confident answer, and the answers with the most 👎.
func runReport(ctx context.Context, a *app, args []string) error {
	fs := a.flags("report", "")
	limit := fs.Int("n", 20, "how many questions and passages to list")
	learned := fs.Bool("learned", false, "list the phrasings members taught instead (pending, accepted, orphaned), as /faq learned does")
	path := a.contentFlag(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	instead := "use /faq unanswered in Discord"
	if *learned {
		instead = "use /faq learned in Discord"
	}
	store, err := a.openFeedback(ctx, "report", instead)
	if err != nil {
		return err
	}
	defer func() { _ = store.Close() }()
	if *learned {
		c, err := a.loadContent(ctx, *path)
		if err != nil {
			return err
		}
		a.logProblems(c)
		return writeLearned(ctx, a.stdout, store, c.Passages, *limit)
	}
	retention := a.cfg.Retention()
	qs, err := store.Unanswered(ctx, time.Now().Add(-retention), *limit)
	if err != nil {
		return err
	}
	disliked, err := store.Disliked(ctx, *limit)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Questions without a confident answer (last %d days):\n", a.cfg.RetentionDays)
	if len(qs) == 0 {
		fmt.Fprintln(a.stdout, "  none")
	}
	for i, q := range qs {
		fmt.Fprintf(a.stdout, "%3d. %s  (asked %d×, last %s)\n", i+1, q.Text, q.Count, q.Last.Format("2006-01-02"))
	}
	fmt.Fprintln(a.stdout, "\nAnswers with the most thumbs down:")
	if len(disliked) == 0 {
		fmt.Fprintln(a.stdout, "  none")
	}
	for _, d := range disliked {
		fmt.Fprintf(a.stdout, "  %s  (down %d, up %d)\n", d.PassageID, d.Down, d.Up)
	}
	return nil
}
