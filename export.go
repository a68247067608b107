package main

import (
	"context"

	"faqbot/content"
	"faqbot/feedback"
	"faqbot/learn"
)

// runExport prints the parsed passages as JSON Lines (the corpus format
// plus section and source): how the files were split, and a way to convert
// any source to JSON Lines. With -learned it prints the accepted learned
// phrasings in a content format instead.
func runExport(ctx context.Context, a *app, args []string) error {
	fs := a.flags("export", "")
	path := a.contentFlag(fs)
	learned := fs.Bool("learned", false, "print the accepted learned phrasings instead (from DATA_DIR), to move them into the content files")
	format := fs.String("format", "jsonl", "with -learned: jsonl (aliases per passage id) or markdown (Also: lines under each question)")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *format != "jsonl" && *format != "markdown" {
		return usageError("export -format %q: want jsonl or markdown", *format)
	}
	if *format != "jsonl" && !*learned {
		// The passages are JSON Lines only; printing them as such after
		// -format markdown would be a surprise.
		return usageError("export -format %s needs -learned: the passages are exported as JSON Lines only", *format)
	}
	c, err := a.loadContent(ctx, *path)
	if err != nil {
		return err
	}
	a.logProblems(c)
	if !*learned {
		return content.WriteJSONL(a.stdout, c.Passages)
	}
	store, err := a.openFeedback(ctx, "export", "export from a copy of DATA_DIR")
	if err != nil {
		return err
	}
	defer func() { _ = store.Close() }()
	accepted, err := store.Decided(ctx, feedback.Accepted)
	if err != nil {
		return err
	}
	if *format == "markdown" {
		return learn.WriteMarkdown(a.stdout, c.Passages, accepted)
	}
	return learn.WriteJSONL(a.stdout, c.Passages, accepted)
}
