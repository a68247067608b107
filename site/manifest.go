package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
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

// maxManifestBytes bounds the fetch record read back: a few hundred bytes
// a page, for more pages than FETCH_MAX_PAGES allows at most.
const maxManifestBytes = 64 << 20

// loadManifest reads the manifest of d; none yet is an empty one. Records
// naming a file outside d are dropped: faqbot writes and deletes only
// files inside it.
func loadManifest(d *dir) (manifest, error) {
	m := manifest{Pages: map[string]record{}}
	b, err := d.read(manifestName, maxManifestBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("read fetch record: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("read fetch record %s: not valid JSON (%v); delete it to fetch every page anew", manifestName, err)
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

// save writes the manifest of d.
func (m manifest) save(d *dir) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("save fetch record: %w", err)
	}
	if err := d.write(manifestName, append(b, '\n')); err != nil {
		return fmt.Errorf("save fetch record: %w", err)
	}
	return nil
}
