package index

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"faqbot/content"
)

// contentFile is the file beside Bleve's in an index directory holding the
// content collection the index was built from, under the stamp of the
// files it was read from (see content.Stamp): a restart with unchanged
// files takes the passages from it instead of parsing every file again.
const contentFile = "faqbot-content.bin"

// contentVersion changes whenever savedContent changes shape.
const contentVersion = 1

// contentMagic opens a saved content file.
const contentMagic = "faqbot-content"

// SaveContent records, in the index's directory, that the files stamped
// stamp read as c, the collection ix was built from. The index must be in
// the store.
func (s *Store) SaveContent(ix *Index, stamp string, c *content.Collection) error {
	if !s.holds(ix.Dir()) {
		return fmt.Errorf("save content: index %s is not in %s", ix.Dir(), s.root)
	}
	tmp, err := os.CreateTemp(ix.Dir(), contentFile+".*.tmp")
	if err != nil {
		return fmt.Errorf("save content: %w", err)
	}
	err = encodeFile(tmp, func(e *encoder) {
		e.str(contentMagic)
		e.uint(contentVersion)
		e.str(stamp)
		e.str(ix.fingerprint)
		encodeCollection(e, c)
	})
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(ix.Dir(), contentFile))
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("save content in %s: %w", ix.Dir(), err)
	}
	return nil
}

// HasContent reports whether the content saved beside ix is of files
// stamped stamp, so that saving it again can be skipped.
func (s *Store) HasContent(ix *Index, stamp string) bool {
	if !s.holds(ix.Dir()) {
		return false
	}
	_, f, _, err := openSaved(filepath.Join(ix.Dir(), contentFile), stamp)
	if err != nil {
		return false
	}
	_ = f.Close()
	return true
}

// ErrNotSaved says that no index in the store was built from files of that
// stamp: the content must be loaded.
var ErrNotSaved = errors.New("no saved content for these files")

// OpenSaved opens the index built from the files stamped stamp, with the
// collection they were read as, when the store holds one (else
// ErrNotSaved): a restart with unchanged files parses nothing.
func (s *Store) OpenSaved(ctx context.Context, stamp string) (*content.Collection, *Index, error) {
	entries, err := os.ReadDir(s.root)
	if err != nil {
		return nil, nil, fmt.Errorf("index dir %s: %w", s.root, err)
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), buildingSuffix) {
			continue
		}
		dir := filepath.Join(s.root, e.Name())
		d, f, fp, err := openSaved(filepath.Join(dir, contentFile), stamp)
		if err != nil {
			continue
		}
		// The analysis is read on another core while the content is.
		analysis := make(chan loadedCorpus, 1)
		go func() {
			c, err := loadCorpus(dir, fp, -1)
			analysis <- loadedCorpus{c, err}
		}()
		c := decodeCollection(d)
		_ = f.Close()
		if d.err != nil {
			<-analysis
			continue
		}
		ix, err := Open(ctx, c.Passages, Options{Dir: dir, Synonyms: c.Synonyms, fingerprint: fp, savedCorpus: analysis})
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			continue
		}
		return c, ix, nil
	}
	return nil, nil, ErrNotSaved
}

// SavedContent gives the collection that files stamped stamp were read as,
// when an index in the store was saved with it (else ErrNotSaved), without
// opening that index: for serve, which indexes the content with the
// learned phrasings added, so that a restart with unchanged files parses
// nothing either.
func (s *Store) SavedContent(stamp string) (*content.Collection, error) {
	entries, err := os.ReadDir(s.root)
	if err != nil {
		return nil, fmt.Errorf("index dir %s: %w", s.root, err)
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), buildingSuffix) {
			continue
		}
		d, f, _, err := openSaved(filepath.Join(s.root, e.Name(), contentFile), stamp)
		if err != nil {
			continue
		}
		c := decodeCollection(d)
		_ = f.Close()
		if d.err == nil {
			return c, nil
		}
	}
	return nil, ErrNotSaved
}

// loadedCorpus is the outcome of loadCorpus.
type loadedCorpus struct {
	c   *corpus
	err error
}

// openSaved opens the content saved in path when it is of stamp, and gives
// the fingerprint of the index built from it; the collection follows
// from d (decodeCollection); the caller closes f.
func openSaved(path, stamp string) (d *decoder, f *os.File, fp string, err error) {
	f, err = os.Open(path)
	if err != nil {
		return nil, nil, "", err
	}
	info, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, nil, "", err
	}
	d = newDecoder(f, info.Size())
	if d.str() != contentMagic || d.uint() != contentVersion || d.str() != stamp || d.err != nil {
		_ = f.Close()
		return nil, nil, "", ErrNotSaved
	}
	if fp = d.str(); d.err != nil || fp == "" {
		_ = f.Close()
		return nil, nil, "", ErrNotSaved
	}
	return d, f, fp, nil
}

// encodeCollection writes the passages field by field (see encoder); the
// rest, small, as gob.
func encodeCollection(e *encoder, c *content.Collection) {
	n := len(c.Passages)
	col := func(get func(p *content.Passage) string) {
		s := make([]string, n)
		for i := range c.Passages {
			s[i] = get(&c.Passages[i])
		}
		e.strs(s)
	}
	col(func(p *content.Passage) string { return p.ID })
	col(func(p *content.Passage) string { return string(p.Kind) })
	col(func(p *content.Passage) string { return p.Title })
	col(func(p *content.Passage) string { return p.Section })
	col(func(p *content.Passage) string { return p.Question })
	col(func(p *content.Passage) string { return p.Text })
	col(func(p *content.Passage) string { return p.URL })
	col(func(p *content.Passage) string { return p.File })
	lines, aliasCount := make([]uint32, n), make([]uint32, n)
	var aliases []string
	for i := range c.Passages {
		p := &c.Passages[i]
		lines[i] = uint32(max(p.Line, 0))
		aliasCount[i] = uint32(len(p.Aliases))
		aliases = append(aliases, p.Aliases...)
	}
	e.u32s(lines)
	e.u32s(aliasCount)
	e.strs(aliases)
	var rest bytes.Buffer
	if err := gob.NewEncoder(&rest).Encode(collectionRest{c.Synonyms, c.Problems, c.Warnings, c.Files}); err != nil && e.err == nil {
		e.err = err
	}
	e.u8s(rest.Bytes())
}

// collectionRest is what a collection holds besides its passages.
type collectionRest struct {
	Synonyms           []content.Synonym
	Problems, Warnings []content.Problem
	Files              int
}

func decodeCollection(d *decoder) *content.Collection {
	var cols [8][]string
	for k := range cols {
		cols[k] = d.strs()
	}
	lines, aliasCount, aliases := d.u32s(), d.u32s(), d.strs()
	rest := d.u8s()
	if d.err != nil {
		return nil
	}
	n := len(cols[0])
	for _, c := range cols {
		if len(c) != n {
			d.fail(errors.New("passage counts do not match"))
			return nil
		}
	}
	if len(lines) != n || len(aliasCount) != n {
		d.fail(errors.New("passage counts do not match"))
		return nil
	}
	c := &content.Collection{Passages: make([]content.Passage, n)}
	at := 0
	for i := range c.Passages {
		k := int(aliasCount[i])
		if k > len(aliases)-at {
			d.fail(errors.New("alias counts do not match"))
			return nil
		}
		p := &c.Passages[i]
		*p = content.Passage{ID: cols[0][i], Kind: content.Kind(cols[1][i]), Title: cols[2][i], Section: cols[3][i],
			Question: cols[4][i], Text: cols[5][i], URL: cols[6][i], File: cols[7][i], Line: int(lines[i])}
		if k > 0 {
			p.Aliases = aliases[at : at+k : at+k]
		}
		at += k
	}
	var r collectionRest
	if err := gob.NewDecoder(bytes.NewReader(rest)).Decode(&r); err != nil {
		d.fail(err)
		return nil
	}
	c.Synonyms, c.Problems, c.Warnings, c.Files = r.Synonyms, r.Problems, r.Warnings, r.Files
	return c
}

// holds reports whether dir is an index directory directly in the store.
func (s *Store) holds(dir string) bool {
	rel, err := filepath.Rel(s.root, dir)
	return dir != "" && err == nil && filepath.IsLocal(rel) && !strings.Contains(rel, string(filepath.Separator))
}
