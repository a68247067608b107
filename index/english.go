package index

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// wordsGz lists the 50,000 commonest English words, lower case, one a line
// in byte order. Made by internal/wordsgen from the word list of the
// GloVe vectors (Pennington, Socher and Manning, 2014; Wikipedia and
// Gigaword), under the Public Domain Dedication and License
// (words-LICENSE.txt).
//
//go:embed words.txt.gz
var wordsGz []byte

var (
	englishOnce  sync.Once
	englishWords []string // sorted
)

// englishWord reports whether word (lower case, as typed) is a common
// English word: a member who types it means it, even where the content
// never uses it, so spelling correction leaves it alone.
func englishWord(word string) bool {
	englishOnce.Do(func() {
		zr, err := gzip.NewReader(bytes.NewReader(wordsGz))
		if err != nil {
			return // no list: every unknown word may be a typo
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			return
		}
		// Written in byte order (see internal/wordsgen), as the binary
		// search below needs; TestEnglishWords checks it.
		englishWords = strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	})
	_, ok := slices.BinarySearch(englishWords, word)
	return ok
}

// stopWords are the words the index's analyser leaves out (Bleve's
// English stop words and extraStopWords), longest first.
var stopWords = sync.OnceValue(func() []string {
	tm := analysis.NewTokenMap()
	if err := tm.LoadBytes(en.EnglishStopWords); err != nil {
		return extraStopWords
	}
	words := slices.Clone(extraStopWords)
	for w := range tm {
		words = append(words, w)
	}
	slices.SortFunc(words, func(a, b string) int { return len(b) - len(a) })
	return words
})

// minStopTypoLen is the shortest stop word whose typos are recognised:
// shorter ones are a single edit away from too many words.
const minStopTypoLen = 4

// stopWordTypo reports whether term, which is no word of the content nor
// a common English word, is a stop word with one slip ("whaat", "wich",
// "becuse"), which the analyser would have left out had it been typed
// right.
func stopWordTypo(term string) bool {
	word := []rune(term)
	var buf editBuffers
	for _, w := range stopWords() {
		if len(w) < minStopTypoLen {
			break
		}
		if buf.distance(word, w, 1) <= 1 {
			return true
		}
	}
	return false
}

// IsStopWord reports whether word (lower case) is one the index's analyser
// leaves out of questions and passages.
func IsStopWord(word string) bool { return slices.Contains(stopWords(), word) }
