package content

import (
	"context"
	"errors"
	"fmt"
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
	// Limits bound how much is read; the zero value means the defaults.
	Limits Limits
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
	case ".json":
		return readJSON
	case ".yaml", ".yml":
		return readYAML
	case ".csv", ".tsv":
		return readCSV
	case ".html", ".htm":
		return readHTML
	case ".ytag", ".tag":
		return readTagFile
	}
	return nil
}

// Load reads every content file below the root of fsys, recursively,
// skipping hidden files and directories (names starting with "."). name is
// the display prefix of file names in passages and problems ("data", or ""
// for none): Passage.File is path.Join(name, rel), while IDs and links use
// only rel, the path below the root, so they do not depend on where the
// tree is mounted.
//
// Only regular files are read. A symbolic link is followed when it and
// every link after it stay inside the root (where fsys can say: see
// fs.ReadLinkFS); links that lead out, loops, FIFOs, devices and sockets
// are problems, and none of them is opened. Linked directories are not
// entered. The error is for a failure to walk the tree at all or for ctx
// ending (the load stops between two reads); problems in files are in
// Collection.Problems.
func Load(ctx context.Context, fsys fs.FS, name string, opts Options) (*Collection, error) {
	l := &loader{ctx: ctx, fsys: fsys, name: name, opts: opts, budget: newBudget(opts.Limits), c: &Collection{}}
	var entries []entry
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			if p == "." {
				return err
			}
			l.c.Problems = append(l.c.Problems, Problem{File: path.Join(name, p), Msg: "cannot be read: " + reason(err)})
			return nil
		}
		if p != "." && hidden(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			entries = append(entries, entry{rel: p, open: p, typ: d.Type()})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", displayRoot(name), err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].rel < entries[j].rel })
	return l.read(entries)
}

// LoadPath loads a file or a directory on disk, which it opens as an
// os.Root: no path, link or ".." can lead the load out of it. Names in
// passages and problems are relative to the directory (for a single file,
// its base name), so that what moderators see never shows where the
// content lives on the server.
func LoadPath(ctx context.Context, p string, opts Options) (*Collection, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", p, err)
	}
	if info.IsDir() {
		d, err := openDir(p)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", p, err)
		}
		defer d.Close()
		return Load(ctx, d, "", opts)
	}
	// A single file is the operator's own choice, link or not.
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", p, err)
	}
	d, err := openDir(filepath.Dir(real))
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", p, err)
	}
	defer d.Close()
	l := &loader{ctx: ctx, fsys: d, opts: opts, budget: newBudget(opts.Limits), c: &Collection{}}
	return l.read([]entry{{rel: filepath.Base(p), open: filepath.Base(real), typ: info.Mode().Type()}})
}

// hidden reports whether a file or directory name is hidden: not content,
// and never read (a .env, .git, an editor's swap file), whether the walk
// or a symbolic link leads to it.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// displayRoot names the root of a tree in errors.
func displayRoot(name string) string {
	if name == "" {
		return "."
	}
	return name
}

// loader is one load in progress.
type loader struct {
	ctx    context.Context
	fsys   fs.FS
	name   string
	opts   Options
	budget *budget
	c      *Collection
}

// entry is one file found in the tree: its path (for IDs and names), the
// path to open (another for a single file reached through a link) and its
// type from the listing.
type entry struct {
	rel, open string
	typ       fs.FileMode
}

// read reads the files in order, until a limit is reached.
func (l *loader) read(entries []entry) (*Collection, error) {
	d := dedup{}
	var names tagNames // across files: alias tags may come before the tags they name
	for _, e := range entries {
		if err := l.ctx.Err(); err != nil {
			return nil, fmt.Errorf("load %s: %w", displayRoot(l.name), err)
		}
		f, err := l.readFile(e)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", displayRoot(l.name), err)
		}
		l.c.add(f, &d)
		names.add(f)
		if l.budget.exhausted {
			break
		}
	}
	names.apply(l.c)
	return l.c, nil
}

// readFile reads one file: the decisions about what may be opened are
// made from its type, before opening it. The error is only for ctx ending.
func (l *loader) readFile(e entry) (*file, error) {
	f := &file{rel: e.rel, name: path.Join(l.name, e.rel), opts: l.opts, budget: l.budget}
	read := readerFor(e.rel)
	if read == nil {
		f.warnf(0, "unknown file type, skipped")
		return f, nil
	}
	f.known = true
	target, typ := e.open, e.typ
	if typ&fs.ModeSymlink != 0 {
		t, info, err := resolveLink(l.fsys, e.open)
		if err != nil {
			f.problemf(0, "symbolic link %v, skipped", err)
			return f, nil
		}
		target, typ = t, info.Mode().Type()
	}
	switch kind := special(typ); {
	case typ.IsDir():
		f.warnf(0, "symbolic link to a directory, not followed")
		return f, nil
	case kind != "":
		f.problemf(0, "%s, not a regular file: skipped", kind)
		return f, nil
	}
	raw, err := l.readBytes(f, target)
	if err != nil || raw == nil {
		return f, err
	}
	src, line, err := decode(raw)
	if err != nil {
		f.problemf(line, "%v", err)
		return f, nil
	}
	f.src = src
	read(f)
	if len(f.passages) == 0 && len(f.synonyms) == 0 && len(f.aliases) == 0 && len(f.problems) == 0 && len(f.warnings) == 0 {
		// An empty file, only headings or only page debris, that its
		// reader said nothing of: worth a word, since a moderator who
		// added it expects answers from it.
		f.warnf(0, "nothing to index: no question or paragraph of text found")
	}
	return f, nil
}

// readBytes opens a regular file and reads it within the limits; nil bytes
// (and a problem on f) when it must not be read. The error is only for ctx
// ending.
func (l *loader) readBytes(f *file, name string) ([]byte, error) {
	h, err := l.fsys.Open(name)
	if err != nil {
		if errors.Is(err, errNotRegular) {
			f.problemf(0, "not a regular file: skipped")
		} else {
			f.problemf(0, "cannot be read: %s", reason(err))
		}
		return nil, nil
	}
	defer h.Close()
	info, err := h.Stat()
	if err != nil {
		f.problemf(0, "cannot be read: %s", reason(err))
		return nil, nil
	}
	if !info.Mode().IsRegular() {
		// fstat of what was opened: it may have been swapped since the
		// listing.
		f.problemf(0, "%s, not a regular file: skipped", special(info.Mode()))
		return nil, nil
	}
	limit := MaxFileBytes(f.rel)
	if info.Size() > limit {
		f.problemf(0, "%s", tooLarge(info.Size(), limit))
		return nil, nil
	}
	if ok, msg := l.budget.takeBytes(info.Size()); !ok {
		if msg != "" {
			f.limitf(0, msg)
		}
		return nil, nil
	}
	raw, err := readBounded(l.ctx, h, limit)
	switch {
	case l.ctx.Err() != nil:
		return nil, l.ctx.Err()
	case errors.Is(err, errTooLarge):
		f.problemf(0, "%s", tooLarge(limit+1, limit))
		return nil, nil
	case err != nil:
		f.problemf(0, "cannot be read: %s", reason(err))
		return nil, nil
	}
	return raw, nil
}

// tooLarge says a file is over its size limit.
func tooLarge(size, limit int64) string {
	msg := fmt.Sprintf("file too large (%d bytes, limit %s)", size, SizeText(limit))
	if limit == maxMarkdownBytes {
		msg += ": split it into smaller Markdown files"
	}
	return msg
}
