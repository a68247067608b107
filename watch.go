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
// settle. It runs until ctx is done, in a goroutine counted in wg.
func watchContent(ctx context.Context, a *app, root string, r reloader, wg *sync.WaitGroup) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch content: %w", err)
	}
	if err := addTree(w, root); err != nil {
		_ = w.Close()
		return fmt.Errorf("watch content %s: %w", root, err)
	}
	a.log.Info("watching content for changes", "dir", root)
	wg.Go(func() {
		defer func() { _ = w.Close() }()
		timer := time.NewTimer(time.Hour)
		timer.Stop()
		for {
			select {
			case <-ctx.Done():
				timer.Stop()
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if ignored(ev.Name) {
					continue
				}
				if ev.Has(fsnotify.Create) {
					if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
						_ = addTree(w, ev.Name)
					}
				}
				timer.Reset(watchDebounce)
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				a.log.Warn("content watcher", "err", err)
			case <-timer.C:
				a.log.Info("content changed: reloading")
				_, _ = r.ReloadFiles(ctx) // no fetch: its saved pages would fire the watcher again
			}
		}
	})
	return nil
}

// addTree watches dir and every directory below it (fsnotify watches one
// directory at a time); a single file is watched through its directory.
func addTree(w *fsnotify.Watcher, root string) error {
	fi, err := os.Stat(root)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return w.Add(filepath.Dir(root))
	}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if err := w.Add(p); err != nil && !errors.Is(err, fsnotify.ErrClosed) {
				return err
			}
		}
		return nil
	})
}

// ignored skips editor and hidden files, which are not content.
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".tmp")
}
