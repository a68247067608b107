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
	"sort"
	"strings"
)

// stampVersion changes whenever reading content changes what a file gives,
// so that a saved reading of the same files is not reused.
const stampVersion = "faqbot-content-v1"

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
			if name != "." && strings.HasPrefix(e.Name(), ".") {
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
	}
	sort.Strings(names)
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		if err := s.file(fsys, name); err != nil {
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

// file hashes a file's name, size, modification time and content. A file
// that cannot be opened as a regular file (a FIFO, a link out of the root)
// is stamped by its name and the reason, as Load would report it.
func (s *stamper) file(fsys fs.FS, name string) error {
	s.str(name)
	f, err := fsys.Open(name)
	if err != nil {
		s.str("unreadable: " + reason(err))
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.IsDir() {
		s.str("directory") // a linked directory, which Load does not enter
		return nil
	}
	if info.Size() > s.budget {
		return ErrTooLarge
	}
	s.num(info.Size())
	s.num(info.ModTime().UnixNano())
	n, err := io.Copy(s.h, io.LimitReader(f, s.budget+1))
	if err != nil {
		return err
	}
	if n > s.budget {
		return ErrTooLarge
	}
	s.budget -= n
	s.num(n)
	return nil
}
