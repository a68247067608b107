package main

import (
	"context"
	"fmt"
	"time"

	"faqbot/content"
	"faqbot/data"
	"faqbot/index"
)

// loadContent reads the content at path, or the built-in content when path
// is empty.
func (a *app) loadContent(ctx context.Context, path string) (*content.Collection, error) {
	opts := a.contentOptions()
	if path == "" {
		c, err := content.Load(ctx, data.FS, "data", opts)
		if err != nil {
			return nil, fmt.Errorf("load built-in content: %w", err)
		}
		return c, nil
	}
	c, err := content.LoadPath(ctx, path, opts)
	if err != nil {
		return nil, fmt.Errorf("load content %s: %w", path, err)
	}
	return c, nil
}

// contentOptions are the options content is read with.
func (a *app) contentOptions() content.Options {
	return content.Options{BaseURL: a.cfg.ContentBaseURL, Limits: content.Limits{
		MaxBytes:    int64(a.cfg.MaxContentMB) << 20,
		MaxPassages: a.cfg.MaxPassages,
	}}
}

// openIndex gives a search index for the collection: reused from or built
// into the store (INDEX_DIR, owned by this process), else built in memory.
func (a *app) openIndex(ctx context.Context, c *content.Collection, store *index.Store) (*index.Index, error) {
	opts := index.Options{Synonyms: c.Synonyms, Log: a.log}
	start := time.Now()
	if store == nil {
		a.log.Debug("building the index in memory", "passages", len(c.Passages))
		ix, err := index.Build(ctx, c.Passages, opts)
		if err != nil {
			return nil, err
		}
		a.log.Debug("index built in memory", "passages", ix.Len(), "ms", time.Since(start).Milliseconds())
		return ix, nil
	}
	a.log.Debug("opening the index, or building it", "passages", len(c.Passages), "dir", store.Dir())
	ix, reused, err := store.OpenOrBuild(ctx, c.Passages, opts)
	if err != nil {
		return nil, err
	}
	a.log.Info("index ready", "dir", ix.Dir(), "passages", ix.Len(), "reused", reused, "ms", time.Since(start).Milliseconds())
	if err := store.Prune(ix.Dir()); err != nil {
		a.log.Warn("could not remove old indexes", "err", err)
	}
	return ix, nil
}

// openContent reads the content at path and gives its index: what ask,
// index and serve start from. Content problems are logged; the good files
// are served. When the store holds an index built from exactly these files
// (see content.Stamp), its saved reading of them is used and nothing is
// parsed again.
func (a *app) openContent(ctx context.Context, path string, store *index.Store) (*content.Collection, *index.Index, error) {
	var stamp string
	if store != nil && path != "" {
		start := time.Now()
		s, err := content.Stamp(ctx, path, a.contentOptions())
		switch {
		case err != nil:
			a.log.Debug("content not stamped; reading it", "err", err)
		default:
			stamp = s
			c, ix, err := store.OpenSaved(ctx, stamp)
			if err == nil {
				a.logProblems(c)
				a.log.Info("index ready", "dir", ix.Dir(), "passages", ix.Len(), "reused", true, "files", "unchanged",
					"ms", time.Since(start).Milliseconds())
				if err := store.Prune(ix.Dir()); err != nil {
					a.log.Warn("could not remove old indexes", "err", err)
				}
				return c, ix, nil
			}
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
		}
	}
	c, err := a.loadContent(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	a.logProblems(c)
	ix, err := a.openIndex(ctx, c, store)
	if err != nil {
		return nil, nil, err
	}
	if stamp != "" {
		if err := store.SaveContent(ix, stamp, c); err != nil {
			a.log.Warn("could not save the content beside the index", "err", err)
		}
	}
	return c, ix, nil
}

// readContent reads the content at path, or, when the store holds the
// content saved from files of the same stamp (see content.Stamp), takes
// it from there and parses nothing. The stamp ("" for the built-in
// content, or when it could not be made) is for saveContent, and lets a
// reload of files nobody changed skip reading them (reload.Options).
func (a *app) readContent(ctx context.Context, path string, store *index.Store) (*content.Collection, string, error) {
	var stamp string
	if path != "" {
		s, err := content.Stamp(ctx, path, a.contentOptions())
		if err != nil {
			a.log.Debug("content not stamped; reading it", "err", err)
		} else {
			stamp = s
		}
	}
	if store != nil && stamp != "" {
		if c, err := store.SavedContent(stamp); err == nil {
			a.log.Info("content files unchanged: read as saved beside the index", "passages", len(c.Passages))
			return c, stamp, nil
		}
	}
	c, err := a.loadContent(ctx, path)
	return c, stamp, err
}

// saveContent saves c, read from files stamped stamp, beside ix in the
// store unless it is there already; a failure only costs the next start a
// reading of the files.
func (a *app) saveContent(store *index.Store, ix *index.Index, stamp string, c *content.Collection) {
	if store == nil || stamp == "" || store.HasContent(ix, stamp) {
		return
	}
	if err := store.SaveContent(ix, stamp, c); err != nil {
		a.log.Warn("could not save the content beside the index", "err", err)
	}
}

// logProblems logs content problems (the content still loads without the
// broken parts); commands that must fail on them check c.Err themselves.
func (a *app) logProblems(c *content.Collection) {
	for _, p := range c.Problems {
		a.log.Warn("content problem", "at", p.Where(), "problem", p.Msg)
	}
	for _, w := range c.Warnings {
		a.log.Info("content note", "at", w.Where(), "note", w.Msg)
	}
}
