package main

import (
	"context"
	"fmt"

	"faqbot/content"
)

// runCheck validates content: counts per kind, and every problem with its
// file and line. It fails (exit 1) when there is any problem.
func runCheck(ctx context.Context, a *app, args []string) error {
	fs := a.flags("check", "")
	path := a.contentFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	c, err := a.loadContent(ctx, *path)
	if err != nil {
		return err
	}
	faqs, paras := 0, 0
	for _, p := range c.Passages {
		if p.Kind == content.KindFAQ {
			faqs++
		} else {
			paras++
		}
	}
	fmt.Fprintf(a.stdout, "%d files: %d FAQ pairs, %d article paragraphs, %d synonym groups\n",
		c.Files, faqs, paras, len(c.Synonyms))
	for _, w := range c.Warnings {
		fmt.Fprintf(a.stdout, "note: %s\n", w.Error())
	}
	for _, p := range c.Problems {
		fmt.Fprintf(a.stdout, "error: %s\n", p.Error())
	}
	switch n := len(c.Problems); n {
	case 0:
	case 1:
		return &exitError{code: 1, msg: "1 problem in content"}
	default:
		return &exitError{code: 1, msg: fmt.Sprintf("%d problems in content", n)}
	}
	fmt.Fprintln(a.stdout, "ok")
	return nil
}
