package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"faqbot/content"
	"faqbot/internal/dirlock"
)

// buildingSuffix marks a directory whose build has not finished; such a
// directory is never opened and is removed by Prune.
const buildingSuffix = ".building"

// lockName is the lock file of an index directory. Its name starts with a
// dot, so Prune leaves it alone.
const lockName = ".faqbot-index.lock"

// Store is an index directory (INDEX_DIR) that this process owns: only the
// owner builds, reuses, prunes or removes indexes in it, so two processes
// never delete each other's indexes or wait on each other's Bleve files.
// Ownership is a lock file; it ends with Close or with the process.
type Store struct {
	root string
	lock *dirlock.Lock
}

// OpenStore makes this process the owner of root for command (the faqbot
// command, shown to whoever else tries), creating root if needed. When
// another process owns it the error is a *dirlock.HeldError naming it.
func OpenStore(root, command string) (*Store, error) {
	return openStore(root, func() (*dirlock.Lock, error) { return dirlock.Acquire(root, lockName, command) })
}

// WaitStore is OpenStore waiting while another process owns root, until
// ctx ends (then the error names that process); waiting is told once who
// it waits for.
func WaitStore(ctx context.Context, root, command string, waiting func(*dirlock.HeldError)) (*Store, error) {
	return openStore(root, func() (*dirlock.Lock, error) { return dirlock.AcquireWait(ctx, root, lockName, command, waiting) })
}

func openStore(root string, lock func() (*dirlock.Lock, error)) (*Store, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("index dir %s: %w", root, err)
	}
	l, err := lock()
	if err != nil {
		return nil, err
	}
	return &Store{root: root, lock: l}, nil
}

// Dir is the index directory.
func (s *Store) Dir() string { return s.root }

// Close gives up ownership. Indexes opened from the store stay usable
// until closed.
func (s *Store) Close() error { return s.lock.Release() }

// OpenOrBuild gives an index for passages, one directory per content
// fingerprint: an existing complete index for the same content is reused,
// otherwise a new one is built beside it and moved into place only once
// complete, so a crash mid-build leaves the previous index usable. reused
// reports which happened. opts.Dir is ignored.
func (s *Store) OpenOrBuild(ctx context.Context, passages []content.Passage, opts Options) (ix *Index, reused bool, err error) {
	fp := Fingerprint(passages, opts.Synonyms)
	final := filepath.Join(s.root, fp[:16])
	opts.fingerprint = fp
	opts.Dir = final
	if _, err := os.Stat(final); err == nil {
		ix, err := Open(ctx, passages, opts)
		if err == nil {
			if !ix.analysisSaved {
				// Saved by an older version, or damaged: save it again, so
				// that the next start need not analyse the content.
				_ = os.Remove(filepath.Join(final, analysisFile))
				if err := saveCorpus(final, fp, ix.corpus); err != nil {
					opts.logger().Warn("could not save the analysis beside the index", "dir", final, "err", err)
				}
			}
			return ix, true, nil
		}
		if ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		opts.logger().Warn("index unusable, rebuilding", "dir", final, "err", err)
		if err := os.RemoveAll(final); err != nil {
			return nil, false, fmt.Errorf("remove unusable index %s: %w", final, err)
		}
	}
	tmp, err := os.MkdirTemp(s.root, fp[:16]+"-*"+buildingSuffix)
	if err != nil {
		return nil, false, fmt.Errorf("index dir %s: %w", s.root, err)
	}
	// Bleve wants to create the directory itself.
	if err := os.Remove(tmp); err != nil {
		return nil, false, fmt.Errorf("index dir %s: %w", s.root, err)
	}
	opts.Dir = tmp
	built, err := Build(ctx, passages, opts)
	if err != nil {
		return nil, false, err
	}
	// Close, move into place, reopen: Bleve keeps its path open.
	if err := built.Close(); err != nil {
		_ = os.RemoveAll(tmp)
		return nil, false, err
	}
	if err := os.Rename(tmp, final); err != nil {
		_ = os.RemoveAll(tmp)
		return nil, false, fmt.Errorf("move index into place: %w", err)
	}
	opts.Dir = final
	ix, err = Open(ctx, passages, opts)
	return ix, false, err
}

// Prune removes every index directory in the store except those named in
// keep (full paths), including leftovers of builds that never finished.
func (s *Store) Prune(keep ...string) error {
	entries, err := os.ReadDir(s.root)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("prune index dir %s: %w", s.root, err)
	}
	var errs []error
	for _, e := range entries {
		path := filepath.Join(s.root, e.Name())
		if !e.IsDir() || isKept(path, keep) || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if err := os.RemoveAll(path); err != nil {
			errs = append(errs, fmt.Errorf("prune %s: %w", path, err))
		}
	}
	return errors.Join(errs...)
}

// Remove deletes the directory of an index from the store; the index must
// be closed. An index that is not in the store is left alone.
func (s *Store) Remove(ix *Index) error {
	dir := ix.Dir()
	if rel, err := filepath.Rel(s.root, dir); dir == "" || err != nil || !filepath.IsLocal(rel) || strings.Contains(rel, string(filepath.Separator)) {
		return nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("remove old index %s: %w", dir, err)
	}
	return nil
}

func isKept(path string, keep []string) bool {
	for _, k := range keep {
		if filepath.Clean(k) == filepath.Clean(path) {
			return true
		}
	}
	return false
}
