package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"faqbot/feedback"
	"faqbot/internal/dirlock"
)

// runReport lists what moderators should write next: the most frequent
// questions without a confident answer, and the answers with the most 👎.
func runReport(ctx context.Context, a *app, args []string) error {
	fs := a.flags("report", "")
	limit := fs.Int("n", 20, "how many questions and passages to list")
	if err := parse(fs, args); err != nil {
		return err
	}
	if a.cfg.DataDir == "" {
		return usageError("report needs DATA_DIR (where the bot keeps feedback)")
	}
	retention := a.cfg.Retention()
	store, err := feedback.Open(a.cfg.DataDir, "report", retention, time.Now)
	var held *dirlock.HeldError
	switch {
	case errors.As(err, &held):
		return fmt.Errorf("%w; use /faq unanswered in Discord, or stop it", held)
	case err != nil:
		return fmt.Errorf("%w (while the bot runs, use /faq unanswered in Discord)", err)
	}
	defer func() { _ = store.Close() }()
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
