package index

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"strings"
	"sync"
)

// relatedGz lists, for English word stems, the stems of the words WordNet
// relates to them most directly: synonyms in their commonest senses and
// derivationally related forms ("define", "definition"). Made by
// internal/relatedgen from Princeton WordNet 3.0, under the WordNet 3.0
// licence (related-LICENSE.txt).
//
//go:embed related.txt.gz
var relatedGz []byte

var (
	relatedOnce sync.Once
	relatedMap  map[string][]string
)

// relatedStems gives the stems related to stem, nil for none.
func relatedStems(stem string) []string {
	relatedOnce.Do(func() {
		relatedMap = map[string][]string{}
		zr, err := gzip.NewReader(bytes.NewReader(relatedGz))
		if err != nil {
			return // no relations: matching stays exact
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			return
		}
		// One string for the whole table, which every stem is cut from,
		// and the map sized once: the first question waits for this.
		text := string(raw)
		relatedMap = make(map[string][]string, strings.Count(text, "\n")+1)
		for line := range strings.Lines(text) {
			if f := strings.Fields(line); len(f) > 1 {
				relatedMap[f[0]] = f[1:]
			}
		}
	})
	return relatedMap[stem]
}
