package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"faqbot/eval"
)

// runEval measures answer quality and speed on a corpus and its queries,
// through the same search and threshold the bot uses.
func runEval(ctx context.Context, a *app, args []string) error {
	fs := a.flags("eval", "")
	path := fs.String("content", a.cfg.ContentDir, "corpus: content file or directory (e.g. corpus.jsonl)")
	queries := fs.String("queries", "", "queries file (JSON Lines: query, relevant)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *queries == "" {
		fs.Usage()
		return usageError("eval needs -queries FILE")
	}
	f, err := os.Open(*queries)
	if err != nil {
		return fmt.Errorf("eval: %w", err)
	}
	qs, err := eval.ReadQueries(f, *queries)
	_ = f.Close()
	if err != nil {
		return err
	}
	start := time.Now()
	c, err := a.loadContent(ctx, *path)
	if err != nil {
		return err
	}
	a.logProblems(c)
	loaded := time.Now()
	store, err := a.indexStore(ctx, "eval")
	if err != nil {
		return err
	}
	if store != nil {
		defer func() { _ = store.Close() }()
	}
	ix, err := a.openIndex(ctx, c, store)
	if err != nil {
		return err
	}
	defer func() { _ = ix.Close() }()
	built := time.Now()
	fmt.Fprintf(a.stderr, "eval: %d passages indexed in %v; asking %d questions\n", ix.Len(), built.Sub(loaded).Round(time.Millisecond), len(qs))
	rep, err := eval.Run(ctx, ix, qs, a.policy(), a.stderr)
	if err != nil {
		return err
	}
	rep.Passages = ix.Len()
	rep.LoadMs = float64(loaded.Sub(start).Milliseconds())
	rep.BuildMs = float64(built.Sub(loaded).Milliseconds())
	if *asJSON {
		return writeJSON(a.stdout, rep)
	}
	eval.WriteText(a.stdout, rep)
	return nil
}
