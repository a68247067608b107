package index

import (
	"bufio"
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
const contentFile = "faqbot-content.gob"

// contentVersion changes whenever savedContent changes shape.
const contentVersion = 1

// savedHeader is read first, so that a file of other content is passed over
// without decoding its passages.
type savedHeader struct {
	Version     int
	Stamp       string
	Fingerprint string
}

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
	w := bufio.NewWriterSize(tmp, 1<<20)
	enc := gob.NewEncoder(w)
	err = enc.Encode(savedHeader{Version: contentVersion, Stamp: stamp, Fingerprint: ix.fingerprint})
	if err == nil {
		err = enc.Encode(c)
	}
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(ix.Dir(), contentFile))
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("save content in %s: %w", ix.Dir(), err)
	}
	return nil
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
		c, fp, err := readSaved(filepath.Join(dir, contentFile), stamp)
		if err != nil {
			continue
		}
		ix, err := Open(ctx, c.Passages, Options{Dir: dir, Synonyms: c.Synonyms, fingerprint: fp})
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

// readSaved reads the collection saved in path when it is of stamp.
func readSaved(path, stamp string) (*content.Collection, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer func() { _ = f.Close() }()
	dec := gob.NewDecoder(bufio.NewReaderSize(f, 1<<20))
	var h savedHeader
	if err := dec.Decode(&h); err != nil {
		return nil, "", err
	}
	if h.Version != contentVersion || h.Stamp != stamp || h.Fingerprint == "" {
		return nil, "", ErrNotSaved
	}
	var c content.Collection
	if err := dec.Decode(&c); err != nil {
		return nil, "", err
	}
	return &c, h.Fingerprint, nil
}

// holds reports whether dir is an index directory directly in the store.
func (s *Store) holds(dir string) bool {
	rel, err := filepath.Rel(s.root, dir)
	return dir != "" && err == nil && filepath.IsLocal(rel) && !strings.Contains(rel, string(filepath.Separator))
}
