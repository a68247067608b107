package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// dirFS is a content directory on disk. Everything is opened through an
// os.Root, which refuses any path, symbolic link or ".." that leads out of
// the directory, and nothing is opened that could block: directories and
// files are opened non-blocking and checked with fstat before a byte is
// read, so a FIFO swapped in after the walk looked at it is still refused.
type dirFS struct {
	root *os.Root
	// paths are the directory's absolute path as given and with symbolic
	// links resolved: an absolute link into the directory is read as the
	// relative one.
	paths []string
}

// openDir opens the directory dir for loading; Close releases it.
func openDir(dir string) (*dirFS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	var real string
	if err == nil {
		real, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		_ = root.Close()
		return nil, err
	}
	return &dirFS{root: root, paths: []string{abs, real}}, nil
}

// Close releases the directory.
func (d *dirFS) Close() error { return d.root.Close() }

// openFlags open without blocking (a FIFO or a device returns at once) and
// without taking a terminal as the controlling one.
const openFlags = os.O_RDONLY | syscall.O_NONBLOCK | syscall.O_NOCTTY

// Open opens a directory or a regular file; anything else is refused.
func (d *dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := d.root.OpenFile(filepath.FromSlash(name), openFlags, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	if !info.IsDir() && !info.Mode().IsRegular() {
		_ = f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: errNotRegular}
	}
	return f, nil
}

// ReadDir lists a directory in name order.
func (d *dirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := d.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dir, ok := f.(fs.ReadDirFile)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: syscall.ENOTDIR}
	}
	entries, err := dir.ReadDir(-1)
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, err
}

// Stat describes name, following links that stay inside the directory.
func (d *dirFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	return d.root.Stat(filepath.FromSlash(name))
}

// Lstat describes name itself, a link included.
func (d *dirFS) Lstat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid}
	}
	return d.root.Lstat(filepath.FromSlash(name))
}

// ReadLink returns the target of the link at name, slash-separated; an
// absolute target inside the directory is returned relative to it, so
// that it can be followed.
func (d *dirFS) ReadLink(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	target, err := d.root.Readlink(filepath.FromSlash(name))
	if err != nil {
		return "", err
	}
	if filepath.IsAbs(target) {
		for _, p := range d.paths {
			if rel, err := filepath.Rel(p, target); err == nil && filepath.IsLocal(rel) {
				// Relative to name's directory, as link targets are.
				up := strings.Repeat("../", strings.Count(name, "/"))
				return up + filepath.ToSlash(rel), nil
			}
		}
	}
	return filepath.ToSlash(target), nil
}

// errNotRegular refuses to open what is neither a regular file nor a
// directory.
var errNotRegular = errors.New("not a regular file")

// Reasons a symbolic link is not followed.
var (
	errLinkOutside = errors.New("points outside the content directory")
	errLinkLoop    = errors.New("is part of a loop of symbolic links")
	errLinkBroken  = errors.New("points to nothing (broken symbolic link)")
	errLinkHidden  = errors.New("points to a hidden file, which is not content")
	errLinkViaLink = errors.New("goes through a linked directory, which is not entered")
)

// maxLinkHops is how many links in a row are followed before giving up, as
// the kernel does (ELOOP).
const maxLinkHops = 40

// resolveLink follows the symbolic link at name to what it finally names,
// without opening anything: the target's path (slash-separated, relative to
// the root of fsys) and its description, or why it is not followed. A link
// is followed only while every target stays inside the root, is not hidden
// and is reached without a linked directory on the way: what the walk does
// not read (a .env, .git) is not read through a link either. For a dirFS
// the os.Root below enforces this again whatever happens in between; here
// it is decided from the link texts, to say clearly why a link is skipped.
func resolveLink(fsys fs.FS, name string) (string, fs.FileInfo, error) {
	cur := name
	for range maxLinkHops {
		target, err := fs.ReadLink(fsys, cur)
		if err != nil {
			return "", nil, linkErr(err)
		}
		if path.IsAbs(target) {
			return "", nil, errLinkOutside
		}
		next := path.Join(path.Dir(cur), target)
		if !fs.ValidPath(next) {
			return "", nil, errLinkOutside // "..", "../x" or worse
		}
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return "", nil, linkErr(err)
		}
		if err := linkPathErr(fsys, next); err != nil {
			return "", nil, err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			return next, info, nil
		}
		cur = next
	}
	return "", nil, errLinkLoop
}

// linkPathErr says why the target p of a link, inside the root, is not
// followed: a hidden name on its path, or a linked directory on the way
// (which could lead to a hidden one); nil when neither.
func linkPathErr(fsys fs.FS, p string) error {
	for dir, rest := "", p; rest != ""; {
		elem, after, _ := strings.Cut(rest, "/")
		if hidden(elem) {
			return errLinkHidden
		}
		if after == "" {
			return nil
		}
		dir, rest = path.Join(dir, elem), after
		info, err := fs.Lstat(fsys, dir)
		if err != nil {
			return linkErr(err)
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			return errLinkViaLink
		}
	}
	return nil
}

// linkErr says why a link's target could not be looked at. os.Root refuses
// a path that escapes it (through a linked directory on the way) with an
// error of its own; anything but a missing target, a loop, a permission
// denied or a name that is not UTF-8 is taken as that, which is the only
// other way a lookup inside the root fails.
func linkErr(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errLinkBroken
	case errors.Is(err, syscall.ELOOP):
		return errLinkLoop
	case errors.Is(err, fs.ErrPermission), errors.Is(err, fs.ErrInvalid):
		return fmt.Errorf("cannot be followed: %s", reason(err))
	}
	return errLinkOutside
}

// special names what a file of this type is when it is not a regular file
// (a FIFO, a device, a socket, a directory), or "" for a regular file. The
// type comes from the directory listing or lstat, so nothing is opened to
// find out.
func special(mode fs.FileMode) string {
	switch t := mode.Type(); {
	case t == 0:
		return ""
	case t&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		return "a socket"
	case t&fs.ModeCharDevice != 0:
		return "a character device"
	case t&fs.ModeDevice != 0:
		return "a device"
	case t&fs.ModeDir != 0:
		return "a directory"
	case t&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// reason is an I/O error for a moderator: what went wrong, without the
// path (the problem names the file already) or the system call.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, fs.ErrNotExist):
		return "it disappeared while being read"
	case errors.Is(err, fs.ErrInvalid):
		// The only invalid names a listing gives: fs.ValidPath wants UTF-8.
		return "its name is not valid UTF-8: rename it"
	}
	return err.Error()
}
