package content

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
)

// stampVersion changes whenever reading content changes what a file gives,
// so that a saved reading of the same files is not reused.
const stampVersion = "faqbot-content-v10"

// ErrTooLarge says that content is past the limits, so that it cannot be
// stamped: it must be loaded, which reports what was left out.
var ErrTooLarge = errors.New("content past the limits")

// Stamp identifies the content at p as LoadPath with opts would read it,
// without parsing it: the options, and every file's path, size,
// modification time and SHA-256, walked as Load walks (hidden names
// skipped) and read through the same root. Equal stamps mean that loading
// would give the same collection, so a saved reading can stand in for
// it; a file changed in any way, even to the same size, changes the stamp.
func Stamp(ctx context.Context, p string, opts Options) (string, error) {
	info, err := os.Stat(p)
	if err != nil {
		return "", fmt.Errorf("stamp %s: %w", p, err)
	}
	s := &stamper{h: sha256.New(), budget: opts.Limits.withDefaults().MaxBytes}
	s.str(stampVersion)
	s.str(opts.BaseURL)
	l := opts.Limits.withDefaults()
	s.num(l.MaxBytes)
	s.num(int64(l.MaxPassages))
	var fsys fs.FS
	var names []string
	rel := func(name string) string { return name } // the name Load reads name under
	if info.IsDir() {
		d, err := openDir(p)
		if err != nil {
			return "", fmt.Errorf("stamp %s: %w", p, err)
		}
		defer d.Close()
		fsys = d
		err = fs.WalkDir(d, ".", func(name string, e fs.DirEntry, err error) error {
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
			if err != nil {
				return err // Load reports it as a problem: load, do not guess
			}
			if name != "." && hidden(e.Name()) {
				if e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !e.IsDir() {
				names = append(names, name)
			}
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("stamp %s: %w", p, err)
		}
	} else {
		real, err := filepath.EvalSymlinks(p)
		if err != nil {
			return "", fmt.Errorf("stamp %s: %w", p, err)
		}
		d, err := openDir(filepath.Dir(real))
		if err != nil {
			return "", fmt.Errorf("stamp %s: %w", p, err)
		}
		defer d.Close()
		fsys = d
		s.str(filepath.Base(p))
		names = []string{filepath.Base(real)}
		rel = func(string) string { return filepath.Base(p) }
	}
	sort.Strings(names)
	// Files are read and hashed on every core at once (hashing is most of
	// the time a reused index takes to start), then stamped in name order.
	// What is left of MaxBytes is shared, so that no more is read in all
	// than a load would read.
	stamps := make([]fileStamp, len(names))
	var left atomic.Int64
	left.Store(s.budget)
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := range work {
				stamps[i] = stampFile(ctx, fsys, names[i], rel(names[i]), &left)
			}
		})
	}
	for i := range names {
		work <- i
	}
	close(work)
	wg.Wait()
	for i, name := range names {
		if err := s.file(name, &stamps[i]); err != nil {
			return "", fmt.Errorf("stamp %s: %w", p, err)
		}
	}
	return hex.EncodeToString(s.h.Sum(nil)), nil
}

// stamper hashes what identifies content.
type stamper struct {
	h      hash.Hash
	buf    []byte
	budget int64 // bytes still to read before the content is past MaxBytes
}

func (s *stamper) str(v string) {
	s.buf = binary.AppendUvarint(s.buf[:0], uint64(len(v)))
	s.h.Write(s.buf)
	s.h.Write([]byte(v))
}

func (s *stamper) num(v int64) {
	s.buf = binary.AppendVarint(s.buf[:0], v)
	s.h.Write(s.buf)
}

// fileStamp is what identifies one file: why it is not read, or its
// size, modification time, length read and SHA-256.
type fileStamp struct {
	unreadable string // the reason, as Load would report it
	dir        bool   // a linked directory, which Load does not enter
	unknown    bool   // not a content file by its name: Load skips it unopened
	tooLarge   bool   // over its file's limit: Load reports its size, unread
	size, mod  int64
	n          int64
	sum        [sha256.Size]byte
	err        error
}

// stampFile reads the file at name, which Load reads as rel, for its
// stamp, reserving its size from left (ErrTooLarge when that is past
// MaxBytes). It reads only what Load would: a file of unknown type is
// stamped by its name, one over its file's limit by its size, and one
// that cannot be opened as a regular file (a FIFO, a link out of the
// root) by the reason, so that no file, however large, makes the stamp
// slower than the load.
func stampFile(ctx context.Context, fsys fs.FS, name, rel string, left *atomic.Int64) (st fileStamp) {
	if st.err = ctx.Err(); st.err != nil {
		return st
	}
	if readerFor(rel) == nil {
		st.unknown = true
		return st
	}
	f, err := fsys.Open(name)
	if err != nil {
		st.unreadable = reason(err)
		return st
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		st.err = err
		return st
	}
	if info.IsDir() {
		st.dir = true
		return st
	}
	limit := MaxFileBytes(rel)
	if info.Size() > limit {
		st.tooLarge, st.size = true, info.Size()
		return st
	}
	if left.Add(-info.Size()) < 0 {
		st.err = ErrTooLarge
		return st
	}
	st.size, st.mod = info.Size(), info.ModTime().UnixNano()
	h := sha256.New()
	st.n, st.err = io.Copy(h, io.LimitReader(f, limit+1))
	h.Sum(st.sum[:0])
	return st
}

// file adds a file's stamp under its name, within the content's budget.
func (s *stamper) file(name string, st *fileStamp) error {
	s.str(name)
	switch {
	case st.err != nil:
		return st.err
	case st.unreadable != "":
		s.str("unreadable: " + st.unreadable)
		return nil
	case st.dir:
		s.str("directory")
		return nil
	case st.unknown:
		s.str("unknown")
		return nil
	case st.tooLarge:
		s.str("too large")
		s.num(st.size)
		return nil
	}
	if st.n > s.budget {
		return ErrTooLarge
	}
	s.budget -= st.n
	s.num(st.size)
	s.num(st.mod)
	s.num(st.n)
	s.h.Write(st.sum[:])
	return nil
}
