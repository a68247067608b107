package main

import (
	"context"
	"fmt"

	"faqbot/content"
)

// runCheck validates content: counts per kind, every problem with its file
// and line, and the FAQ phrasings members asking them as written would not
// get their own entry for (see index.Index.Unreached). It fails (exit 1) when
// there is any problem; notes never fail it.
func runCheck(ctx context.Context, a *app, args []string) error {
	fs := a.flags("check", "")
	path := a.contentFlag(fs)
	if err := parseNoArgs(fs, args); err != nil {
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
	if faqs > 0 {
		if err := a.checkReach(ctx, c); err != nil {
			return err
		}
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

// checkAsks is how many FAQ phrasings check asks at most: all of any real
// FAQ.
const checkAsks = 5000

// checkReach notes the FAQ phrasings of c that, asked as written, are not
// answered from their own entry.
func (a *app) checkReach(ctx context.Context, c *content.Collection) error {
	ix, err := a.openIndex(ctx, c, nil)
	if err != nil {
		return err
	}
	defer func() { _ = ix.Close() }()
	us, asked, err := ix.Unreached(ctx, a.policy(), checkAsks)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	for _, u := range us {
		fmt.Fprintf(a.stdout, "note: %s\n", u)
	}
	switch {
	case len(us) == 1:
		fmt.Fprintf(a.stdout, "note: 1 of %d FAQ questions and aliases, asked as written, is not answered from its own entry: give it words of its own\n", asked)
	case len(us) > 1:
		fmt.Fprintf(a.stdout, "note: %d of %d FAQ questions and aliases, asked as written, are not answered from their own entry: give them words of their own\n", len(us), asked)
	}
	return nil
}
