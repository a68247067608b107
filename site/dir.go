package site

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// dir is the fetch directory, opened as an os.Root: pages and the fetch
// record are read, written and removed only through it, so that no name,
// symbolic link or ".." can lead a fetch out of the directory (a host
// folder that is a link to /etc is refused, not written through). Files
// are read back as the content loader reads them: opened without
// blocking, regular files only, within a size limit. Errors name files
// relative to the directory.
type dir struct {
	root *os.Root
}

// openDir opens the fetch directory, creating it when it does not exist.
func openDir(path string) (*dir, error) {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(path)
	if err != nil {
		return nil, err
	}
	return &dir{root: root}, nil
}

// Close releases the directory.
func (d *dir) Close() error { return d.root.Close() }

// openFlags open without blocking, so that a FIFO or a device put in the
// place of a saved page cannot hold the fetch up, and without taking a
// terminal as the controlling one.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK | syscall.O_NOCTTY

// Reasons a saved file is not read.
var (
	errNotRegular = errors.New("not a regular file")
	errTooLarge   = errors.New("file too large")
)

// read reads the file at name (slash-separated, relative to the
// directory) when it is a regular file of at most limit bytes.
func (d *dir) read(name string, limit int64) ([]byte, error) {
	f, err := d.root.OpenFile(filepath.FromSlash(name), openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotRegular}
	}
	if info.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errTooLarge}
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit { // it grew since the fstat
		return nil, &fs.PathError{Op: "read", Path: name, Err: errTooLarge}
	}
	return b, nil
}

// write writes the file at name through a hidden temporary file beside
// it, so that a reader (or a reload) never sees half a file.
func (d *dir) write(name string, data []byte) error {
	p := filepath.FromSlash(name)
	if parent := filepath.Dir(p); parent != "." {
		if err := d.root.MkdirAll(parent, 0o755); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	tmp := filepath.Join(filepath.Dir(p), ".tmp-"+rand.Text())
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Chmod(0o644) // whatever the umask
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = d.root.Rename(tmp, p)
	}
	if werr != nil {
		_ = d.root.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, werr)
	}
	return nil
}

// remove deletes the file at name; a link is removed, not what it names.
func (d *dir) remove(name string) error {
	return d.root.Remove(filepath.FromSlash(name))
}
