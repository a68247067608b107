package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// manifestName is the file, in the fetch directory, that records what was
// fetched. Hidden, so the content loader skips it.
const manifestName = ".faqbot-fetch.json"

// record is what a fetch remembers of one page.
type record struct {
	File         string    `json:"file"` // relative to the fetch directory
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	SHA256       string    `json:"sha256"`
	Fetched      time.Time `json:"fetched"`
}

// manifest maps page URLs (normalized) to their records.
type manifest struct {
	Pages map[string]record `json:"pages"`
}

// loadManifest reads the manifest of dir; none yet is an empty one.
// Records naming a file outside dir are dropped: faqbot writes and deletes
// only files inside it.
func loadManifest(dir string) (manifest, error) {
	m := manifest{Pages: map[string]record{}}
	p := filepath.Join(dir, manifestName)
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("read %s: %w", p, err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("read %s: not valid JSON (%v); delete it to fetch every page anew", p, err)
	}
	if m.Pages == nil {
		m.Pages = map[string]record{}
	}
	for k, r := range m.Pages {
		if !filepath.IsLocal(filepath.FromSlash(r.File)) {
			delete(m.Pages, k)
		}
	}
	return m, nil
}

// save writes the manifest of dir.
func (m manifest) save(dir string) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("save fetch record: %w", err)
	}
	return writeAtomic(filepath.Join(dir, manifestName), append(b, '\n'))
}

// writeAtomic writes a file through a hidden temporary file beside it, so
// that a reader (or a reload) never sees half a file.
func writeAtomic(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), p)
	}
	if werr != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", p, werr)
	}
	return nil
}
