package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"faqbot/config"
	"faqbot/index"
)

// TestReadContentTakesSavedContent checks what serve starts from: content
// saved beside an index is taken instead of parsing unchanged files, reads
// as the files do, and a changed file is parsed again.
func TestReadContentTakesSavedContent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "faq.md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("# Library\n\n## How do I renew a book?\n\nAt the front desk, or online.\n")
	var log bytes.Buffer
	a := &app{cfg: config.Config{MaxContentMB: 100, MaxPassages: 1000}, log: slog.New(slog.NewTextHandler(&log, nil))}
	store, err := index.OpenStore(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	const taken = "content files unchanged"

	parsed, stamp, err := a.readContent(ctx, dir, store)
	if err != nil || stamp == "" || strings.Contains(log.String(), taken) {
		t.Fatalf("first read: stamp %q, err %v, log %s", stamp, err, log.String())
	}
	ix, err := a.openIndex(ctx, parsed, store)
	if err != nil {
		t.Fatal(err)
	}
	a.saveContent(store, ix, stamp, parsed)
	_ = ix.Close()

	saved, again, err := a.readContent(ctx, dir, store)
	if err != nil || again != stamp || !strings.Contains(log.String(), taken) {
		t.Fatalf("second read did not take the saved content: stamp %q, err %v, log %s", again, err, log.String())
	}
	if !reflect.DeepEqual(saved.Passages, parsed.Passages) {
		t.Errorf("saved content reads as %+v, the files as %+v", saved.Passages, parsed.Passages)
	}

	write("# Library\n\n## How do I renew a book?\n\nAt the back desk, or online.\n")
	log.Reset()
	changed, _, err := a.readContent(ctx, dir, store)
	if err != nil || strings.Contains(log.String(), taken) || !strings.Contains(changed.Passages[0].Text, "back desk") {
		t.Errorf("a changed file was not read again: err %v, log %s", err, log.String())
	}
}
