package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Options for loading.
type Options struct {
	// BaseURL (CONTENT_BASE_URL) is where the content tree is published; it
	// is used to build links for files that do not declare their own url.
	BaseURL string
}

// Collection is everything read from a content tree.
type Collection struct {
	// Passages in a deterministic order: files in lexical path order, then
	// the order within each file.
	Passages []Passage
	// Synonyms from synonyms.txt files, in the same order.
	Synonyms []Synonym
	// Problems are errors, each with file:line. The passages of the files
	// (and lines) without problems are still in Passages.
	Problems []Problem
	// Warnings are not errors, such as a file of unknown type that was
	// skipped.
	Warnings []Problem
	// Files is the number of content files read.
	Files int
}

// Err returns nil when there are no problems, else an error listing every
// problem, one per line.
func (c *Collection) Err() error {
	if len(c.Problems) == 0 {
		return nil
	}
	errs := make([]error, len(c.Problems))
	for i, p := range c.Problems {
		errs[i] = p
	}
	return errors.Join(errs...)
}

// reader reads one file format.
type reader func(*file)

// readerFor picks the reader for a file by its name, or nil for a file of
// unknown type.
func readerFor(name string) reader {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown":
		return readMarkdown
	case ".txt":
		if strings.EqualFold(path.Base(name), "synonyms.txt") {
			return readSynonyms
		}
		return readScraped
	case ".jsonl":
		return readJSONL
	case ".csv":
		return readCSV
	case ".html", ".htm":
		return readHTML
	}
	return nil
}

// Load reads every content file below the root of fsys, recursively,
// skipping hidden files and directories (names starting with "."). name is
// the display prefix of file names in passages and problems ("content",
// "data", or "" for none): Passage.File is path.Join(name, rel), while IDs
// and links use only rel, the path below the root, so they do not depend on
// where the tree is mounted. The error is for a failure to walk the tree at
// all; problems in files are in Collection.Problems.
func Load(fsys fs.FS, name string, opts Options) (*Collection, error) {
	c := &Collection{}
	var files []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			c.Problems = append(c.Problems, Problem{File: path.Join(name, p), Msg: fmt.Sprintf("read: %v", err)})
			return nil
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", displayRoot(name), err)
	}
	sort.Strings(files)
	d := dedup{}
	for _, rel := range files {
		c.add(readFile(fsys, rel, path.Join(name, rel), opts), &d)
	}
	return c, nil
}

// LoadPath loads a file or a directory on disk. A directory is loaded like
// Load with the path as display name; a single file is read alone, shown by
// the path as given, with its base name as rel for IDs and links.
func LoadPath(p string, opts Options) (*Collection, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", p, err)
	}
	if info.IsDir() {
		return Load(os.DirFS(p), filepath.ToSlash(p), opts)
	}
	c := &Collection{}
	dir, base := filepath.Split(p)
	if dir == "" {
		dir = "."
	}
	c.add(readFile(os.DirFS(dir), base, filepath.ToSlash(p), opts), &dedup{})
	return c, nil
}

// displayRoot names the root of a tree in errors.
func displayRoot(name string) string {
	if name == "" {
		return "."
	}
	return name
}

// readFile reads one file of fsys at rel, shown as name.
func readFile(fsys fs.FS, rel, name string, opts Options) *file {
	f := &file{rel: rel, name: name, opts: opts}
	read := readerFor(rel)
	if read == nil {
		f.warnf(0, "unknown file type, skipped")
		return f
	}
	raw, err := readLimited(fsys, rel)
	if err != nil {
		f.problemf(0, "%v", err)
		return f
	}
	src, line, err := decode(raw)
	if err != nil {
		f.problemf(line, "%v", err)
		return f
	}
	f.src = src
	read(f)
	return f
}

// readLimited reads a file, but no more than one byte past maxFileBytes, so
// a huge file is reported without being loaded into memory.
func readLimited(fsys fs.FS, rel string) ([]byte, error) {
	h, err := fsys.Open(rel)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	if info, err := h.Stat(); err == nil && info.Size() > maxFileBytes {
		return nil, fmt.Errorf("file too large (%d bytes, limit %d MiB)", info.Size(), maxFileBytes>>20)
	}
	return io.ReadAll(io.LimitReader(h, maxFileBytes+1))
}
