package index

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
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
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) > 1 {
				relatedMap[f[0]] = f[1:]
			}
		}
	})
	return relatedMap[stem]
}
