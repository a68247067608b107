package main

import (
	"context"

	"faqbot/content"
)

// runExport prints the parsed passages as JSON Lines (the corpus format
// plus section and source): how the files were split, and a way to convert
// any source to JSON Lines.
func runExport(ctx context.Context, a *app, args []string) error {
	fs := a.flags("export", "")
	path := a.contentFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	c, err := a.loadContent(ctx, *path)
	if err != nil {
		return err
	}
	a.logProblems(c)
	return content.WriteJSONL(a.stdout, c.Passages)
}
