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

// minStopTypoLen is the shortest stop word whose typos of every kind are
// recognised: shorter ones are a single edit away from too many words, so
// for those of three letters only two letters swapped ("hwo", "teh") is.
const minStopTypoLen = 4

// stopWordTypos are the stop words that term, which is no word of the
// content nor a common English word, is with one slip ("whaat", "wich",
// "becuse"; "hwo" is "how" or "who"), which the analyser would have left
// out had it been typed right; none when it is no such slip.
func stopWordTypos(term string) []string {
	word := []rune(term)
	var buf editBuffers
	var out []string
	for _, w := range stopWords() {
		if len(w) >= minStopTypoLen && buf.distance(word, w, 1) <= 1 ||
			len(w) == 3 && swapped(word, w) {
			out = append(out, w)
		}
	}
	return out
}

// swapped reports whether a is b with two neighbouring letters swapped.
func swapped(a []rune, b string) bool {
	r := []rune(b)
	if len(a) != len(r) {
		return false
	}
	for i := 0; i+1 < len(a); i++ {
		if a[i] != r[i] {
			return a[i] == r[i+1] && a[i+1] == r[i] && string(a[i+2:]) == string(r[i+2:])
		}
	}
	return false
}

// IsStopWord reports whether word (lower case) is one the index's analyser
// leaves out of questions and passages.
func IsStopWord(word string) bool { return slices.Contains(stopWords(), word) }

// chatter are the words members wrap a question in, which say nothing of
// its topic: greetings, courtesy, hedges, fillers ("hey guys, sorry if
// this is a dumb question, but …", "… thanks in advance"). Where the
// content never uses one, it is left out of the question like a stop
// word: weighing as a word the content lacks, it made a question asked
// politely look half out of scope. Where the content uses it ("How do I
// ask a question?"), it is a word like any other.
var chatter = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("hi hello hey heya hiya howdy yo sup greetings " +
		"guys everyone everybody folks y'all yall mate mates bro dude " +
		"please thanks thank thankyou advance sorry apologies apologise apologize kindly appreciate appreciated cheers " +
		"wondering wonder curious quick dumb stupid silly noob newbie question questions ask asking " +
		"anyone someone somebody anybody lol lmao haha hehe ok okay um uh hmm btw idk tbh " +
		"just actually basically really maybe probably seriously literally also") {
		m[w] = true
	}
	return m
}()
