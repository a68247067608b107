package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"faqbot/reload"
)

// TestAddTree: every directory of the content is watched but hidden ones;
// one that cannot be watched (the system's limit reached) is counted and
// skipped, and the others are still watched.
func TestAddTree(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"a", "b/c", ".git/objects"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(root, "a", "faq.md")
	if err := os.WriteFile(file, []byte("# FAQ\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rel := func(p string) string { r, _ := filepath.Rel(root, p); return filepath.ToSlash(r) }
	tests := []struct {
		name        string
		path        string
		failOn      string
		want        []string
		wantSkipped int
	}{
		{"all", root, "", []string{".", "a", "b", "b/c"}, 0},
		{"one fails", root, "b", []string{".", "a", "b/c"}, 1},
		{"a file: its directory", file, "", []string{"a"}, 0},
		{"missing", filepath.Join(root, "gone"), "", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var watched []string
			add := func(p string) error {
				if rel(p) == tt.failOn {
					return syscall.ENOSPC
				}
				watched = append(watched, rel(p))
				return nil
			}
			skipped, err := addTree(add, tt.path)
			slices.Sort(watched)
			if !slices.Equal(watched, tt.want) || skipped != tt.wantSkipped || (skipped > 0) != (err != nil) {
				t.Errorf("watched %q, skipped %d (%v); want %q, %d", watched, skipped, err, tt.want, tt.wantSkipped)
			}
			if tt.failOn != "" && !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("err = %v, want the watcher's", err)
			}
		})
	}
}

// countingReloader counts the reloads it is asked for.
type countingReloader struct{ files chan struct{} }

func (r countingReloader) Reload(context.Context) (reload.Report, error) { return reload.Report{}, nil }

func (r countingReloader) ReloadFiles(context.Context) (reload.Report, error) {
	r.files <- struct{}{}
	return reload.Report{}, nil
}

// TestWatchReloadsAfterOverflow: when the system drops change events (its
// queue overflowed in a burst of thousands of changes), which files
// changed is unknown: the content is reloaded all the same, and
// directories made meanwhile are watched.
func TestWatchReloadsAfterOverflow(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "made", "meanwhile"), 0o755); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var watched []string
	add := func(dir string) error {
		mu.Lock()
		defer mu.Unlock()
		r, _ := filepath.Rel(root, dir)
		watched = append(watched, filepath.ToSlash(r))
		return nil
	}
	errs := make(chan error)
	r := countingReloader{files: make(chan struct{}, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		watchLoop(ctx, &app{log: slog.New(slog.NewTextHandler(io.Discard, nil))}, root, changes{add: add, events: make(chan fsnotify.Event), errs: errs}, r)
	}()
	defer func() { cancel(); <-done }()

	errs <- fmt.Errorf("inotify: %w", fsnotify.ErrEventOverflow)
	select {
	case <-r.files:
	case <-time.After(30 * time.Second):
		t.Fatal("no reload after the watcher missed changes")
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Contains(watched, "made/meanwhile") {
		t.Errorf("watched %q after the overflow, want the directories made meanwhile too", watched)
	}
}
