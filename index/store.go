package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"faqbot/content"
)

// buildingSuffix marks a directory whose build has not finished; such a
// directory is never opened and is removed by Prune.
const buildingSuffix = ".building"

// OpenOrBuild gives an index for passages kept under root (INDEX_DIR), one
// directory per content fingerprint: an existing complete index for the
// same content is reused, otherwise a new one is built beside it and moved
// into place only once complete, so a crash mid-build leaves the previous
// index usable. reused reports which happened. opts.Dir is ignored.
func OpenOrBuild(ctx context.Context, root string, passages []content.Passage, opts Options) (ix *Index, reused bool, err error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, false, fmt.Errorf("index dir %s: %w", root, err)
	}
	fp := Fingerprint(passages, opts.Synonyms)
	final := filepath.Join(root, fp[:16])
	opts.fingerprint = fp
	opts.Dir = final
	if _, err := os.Stat(final); err == nil {
		ix, err := Open(ctx, passages, opts)
		if err == nil {
			return ix, true, nil
		}
		slog.Default().Warn("index unusable, rebuilding", "dir", final, "err", err)
		if err := os.RemoveAll(final); err != nil {
			return nil, false, fmt.Errorf("remove unusable index %s: %w", final, err)
		}
	}
	tmp, err := os.MkdirTemp(root, fp[:16]+"-*"+buildingSuffix)
	if err != nil {
		return nil, false, fmt.Errorf("index dir %s: %w", root, err)
	}
	// Bleve wants to create the directory itself.
	if err := os.Remove(tmp); err != nil {
		return nil, false, fmt.Errorf("index dir %s: %w", root, err)
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

// Prune removes every index directory under root except those named in
// keep (full paths), including leftovers of builds that never finished.
func Prune(root string, keep ...string) error {
	entries, err := os.ReadDir(root)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("prune index dir %s: %w", root, err)
	}
	var errs []error
	for _, e := range entries {
		path := filepath.Join(root, e.Name())
		if !e.IsDir() || isKept(path, keep) || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if err := os.RemoveAll(path); err != nil {
			errs = append(errs, fmt.Errorf("prune %s: %w", path, err))
		}
	}
	return errors.Join(errs...)
}

func isKept(path string, keep []string) bool {
	for _, k := range keep {
		if filepath.Clean(k) == filepath.Clean(path) {
			return true
		}
	}
	return false
}
