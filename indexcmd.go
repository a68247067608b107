package main

import (
	"context"
	"fmt"
)

// runIndex builds the index for the content in INDEX_DIR ahead of time, so
// that the bot starts without building.
func runIndex(ctx context.Context, a *app, args []string) error {
	fs := a.flags("index", "")
	path := a.contentFlag(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if a.cfg.IndexDir == "" {
		return usageError("index needs INDEX_DIR to be set (where to keep the index)")
	}
	store, err := a.indexStore(ctx, "index")
	if err != nil {
		return err
	}
	defer func() { _ = store.Close() }()
	_, ix, err := a.openContent(ctx, *path, store)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "index for %d passages ready in %s\n", ix.Len(), ix.Dir())
	return ix.Close()
}
