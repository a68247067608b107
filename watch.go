package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchDebounce is how long the content must stay unchanged before a
// reload: editors and git write several files in a burst.
const watchDebounce = time.Second

// watchContent reloads whenever a file under root changes, once changes
// settle. It runs until ctx is done, in a goroutine counted in wg. A
// directory that cannot be watched (the system's limit on watches reached,
// a directory that cannot be read) is logged and left unwatched: the bot
// still serves, and /faq reload or SIGHUP still read it.
func watchContent(ctx context.Context, a *app, root string, r reloader, wg *sync.WaitGroup) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch content: %w", err)
	}
	if n, err := addTree(w.Add, root); err != nil {
		a.log.Warn("content directories not watched: changes there need /faq reload or SIGHUP", "dirs", n, "first_err", err)
	}
	a.log.Info("watching content for changes", "dir", root)
	wg.Go(func() {
		defer func() { _ = w.Close() }()
		watchLoop(ctx, a, root, changes{add: w.Add, events: w.Events, errs: w.Errors}, r)
	})
	return nil
}

// changes is what a watcher reports: its events and errors, and how to
// watch one more directory.
type changes struct {
	add    func(dir string) error
	events <-chan fsnotify.Event
	errs   <-chan error
}

// watchLoop reloads the content under root, through r, once the changes
// c reports have settled, until ctx is done or c ends.
func watchLoop(ctx context.Context, a *app, root string, c changes, r reloader) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-c.events:
			if !ok {
				return
			}
			if ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					if n, err := addTree(c.add, ev.Name); err != nil {
						a.log.Warn("content directories not watched: changes there need /faq reload or SIGHUP", "dirs", n, "first_err", err)
					}
				}
			}
			timer.Reset(watchDebounce)
		case err, ok := <-c.errs:
			if !ok {
				return
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				a.log.Warn("content watcher", "err", err)
				continue
			}
			// The system dropped events (thousands of changes at once):
			// which files changed is unknown, and new directories may be
			// unwatched. Reload all of it once the burst settles.
			a.log.Warn("content watcher missed changes: reloading everything", "err", err)
			if n, err := addTree(c.add, root); err != nil {
				a.log.Warn("content directories not watched: changes there need /faq reload or SIGHUP", "dirs", n, "first_err", err)
			}
			timer.Reset(watchDebounce)
		case <-timer.C:
			a.log.Info("content changed: reloading")
			_, _ = r.ReloadFiles(ctx) // no fetch: its saved pages would fire the watcher again
		}
	}
}

// addTree watches root and every directory below it with add (fsnotify
// watches one directory at a time; a single file is watched through its
// directory), skipping hidden ones. A directory that cannot be read or
// watched is skipped and the rest are still watched: it returns how many
// were skipped and the first error.
func addTree(add func(string) error, root string) (skipped int, first error) {
	fail := func(err error) {
		if skipped++; first == nil {
			first = err
		}
	}
	fi, err := os.Stat(root)
	if err != nil {
		fail(err)
		return skipped, first
	}
	if !fi.IsDir() {
		if err := add(filepath.Dir(root)); err != nil {
			fail(err)
		}
		return skipped, first
	}
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			fail(err)
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
		case !d.IsDir():
		case p != root && strings.HasPrefix(d.Name(), "."):
			return filepath.SkipDir
		default:
			if err := add(p); err != nil && !errors.Is(err, fsnotify.ErrClosed) {
				fail(fmt.Errorf("watch %s: %w", p, err))
			}
		}
		return nil
	})
	return skipped, first
}

// ignored skips editor and hidden files, which are not content.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".tmp")
}
