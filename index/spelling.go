package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// bodyTerms are the terms of the body field in Bleve's dictionary order,
// read once: spelling correction scans them instead of building a
// Levenshtein automaton for every unknown word, which costs more than the
// rest of a search.
func (ix *Index) bodyTerms() ([]string, error) {
	ix.termsOnce.Do(func() {
		ix.terms, ix.termsErr = ix.readBodyTerms()
	})
	return ix.terms, ix.termsErr
}

func (ix *Index) readBodyTerms() ([]string, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("correct spelling: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("correct spelling: open reader: %w", err)
	}
	defer func() { _ = r.Close() }()
	dict, err := r.FieldDict(fieldBody)
	if err != nil {
		return nil, fmt.Errorf("correct spelling: read terms: %w", err)
	}
	defer func() { _ = dict.Close() }()
	var terms []string
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("correct spelling: read terms: %w", err)
		}
		if e == nil {
			return terms, nil
		}
		terms = append(terms, e.Term)
	}
}

// correct finds the term of the index closest to a word it has never seen:
// the fewest edits (one for short words, two for long ones; swapping two
// neighbouring letters is one edit), then, among as few edits, one that
// keeps the first letter (typos there are rarer), then the most passages,
// then the first in dictionary order. It gives no term (and 0 passages)
// when there is none.
//
// surface is the word as typed (lower case, not stemmed): when no term of
// the index is close to the word's stem, a slip may have changed how the
// word stems ("checkng" stems to itself, "checking" to "check"), so the
// word's own one-slip variants are stemmed and looked up. A term shorter
// than minCorrectLen is only read as a word that lost a letter (see
// correctDropped).
func (ix *Index) correct(ctx context.Context, term, surface string) (string, uint64, error) {
	if utf8.RuneCountInString(term) < minCorrectLen {
		fixed, n := ix.correctDropped(term, surface)
		return fixed, n, nil
	}
	best, count, dist, err := ix.correctKeepingFirst(ctx, term)
	if err != nil || dist <= 1 {
		return best, count, err
	}
	if first, n := ix.correctFirst(term); n > 0 {
		return first, n, nil
	}
	if count > 0 {
		return best, count, nil
	}
	if fixed, n := ix.correctSurface(term, surface); n > 0 {
		return fixed, n, nil
	}
	return "", 0, nil
}

// wordFor is the id of the word of the content's phrasings and headings
// that a corrected word was typed for, so that a typo does not also cost
// the word-for-word match (see corpus.wordMatch): the corrected term
// itself when they use it as a word, else the commonest such word one slip
// away from typed that stems to it; -1 for none.
func (c *corpus) wordFor(typed, fixed string) int64 {
	used := func(w string) (termID, bool) {
		id, ok := c.vocab[w]
		return id, ok && int(id) < len(c.wordDF) && c.wordDF[id] > 0
	}
	if id, ok := used(fixed); ok {
		return int64(id)
	}
	best, bestDF := int64(-1), uint32(0)
	forEachSlip(typed, func(w string) {
		if id, ok := used(w); ok && c.wordDF[id] > bestDF && stem(w) == fixed {
			best, bestDF = int64(id), c.wordDF[id]
		}
	})
	return best
}

// forEachSlip calls try with every word one slip away from word: a letter
// dropped, two neighbouring letters swapped, a letter (a to z) added or
// changed. A variant may come more than once.
func forEachSlip(word string, try func(string)) {
	r := []rune(word)
	v := make([]rune, 0, len(r)+1)
	for i := range r {
		try(string(append(append(v[:0], r[:i]...), r[i+1:]...))) // dropped
		if i+1 < len(r) && r[i] != r[i+1] {
			v = append(append(v[:0], r[:i]...), r[i+1], r[i])
			try(string(append(v, r[i+2:]...))) // swapped
		}
	}
	forEachLetter(r, true, try)
}

// forEachLetter calls try with r with a letter (a to z) added at each
// place and, with changed, with each of its letters changed to another,
// place by place.
func forEachLetter(r []rune, changed bool, try func(string)) {
	v := make([]rune, 0, len(r)+1)
	for i := 0; i <= len(r); i++ {
		for l := 'a'; l <= 'z'; l++ {
			try(string(append(append(append(v[:0], r[:i]...), l), r[i:]...))) // added
			if changed && i < len(r) && l != r[i] {
				try(string(append(append(append(v[:0], r[:i]...), l), r[i+1:]...))) // changed
			}
		}
	}
}

// porterStemmer is the analyser's stemmer, for the variants correctSurface
// makes.
var porterStemmer = porter.NewPorterStemmer()

// stem stems a lower-case word as the index's analyser does.
func stem(word string) string {
	toks := porterStemmer.Filter(analysis.TokenStream{{Term: []byte(word)}})
	return string(toks[0].Term)
}

// commonest keeps, of the terms it is shown, the one in the most
// passages (the first in byte order among equals), other than the word
// being corrected.
type commonest struct {
	ix    *Index
	not   string
	best  string
	count uint64
}

func (c *commonest) consider(t string) {
	if t == c.not {
		return
	}
	if n := c.ix.docFreq(t); n > c.count || n > 0 && n == c.count && t < c.best {
		c.best, c.count = t, n
	}
}

// correctSurface finds the commonest term that is the stem of a word one
// slip away from surface (letters swapped, dropped, added or changed),
// other than term itself. It gives no term (and 0 passages) when there is
// none.
func (ix *Index) correctSurface(term, surface string) (string, uint64) {
	r := []rune(surface)
	if len(r) < minCorrectLen {
		return "", 0
	}
	c := commonest{ix: ix, not: term}
	forEachSlip(surface, func(w string) { c.consider(stem(w)) })
	return c.best, c.count
}

// correctDropped finds the commonest term that is the stem of surface
// with one letter (a to z) added anywhere: the word it was typed for with
// a letter lost. It gives no term (and 0 passages) when there is none.
func (ix *Index) correctDropped(term, surface string) (string, uint64) {
	c := commonest{ix: ix, not: term}
	forEachLetter([]rune(surface), false, func(w string) { c.consider(stem(w)) })
	return c.best, c.count
}

// correctFirst finds the commonest term one slip away from term at its
// start: the first two letters swapped ("psanish" for "spanish"), the
// first letter dropped ("rench"), another typed before it ("ffrench") or
// mistyped ("grench"). It gives no term (and 0 passages) when there is
// none.
func (ix *Index) correctFirst(term string) (string, uint64) {
	r := []rune(term)
	if len(r) < 2 {
		return "", 0
	}
	c := commonest{ix: ix, not: term}
	c.consider(string(r[1]) + string(r[0]) + string(r[2:]))
	c.consider(string(r[1:]))
	for l := 'a'; l <= 'z'; l++ {
		c.consider(string(l) + string(r[1:]))
		c.consider(string(l) + term)
	}
	return c.best, c.count
}

// correctKeepingFirst is correct among the terms that begin with the
// word's first letter, with the number of edits (fuzz+1 when there is no
// such term): a scan of the terms with that letter, in dictionary order.
func (ix *Index) correctKeepingFirst(ctx context.Context, term string) (string, uint64, int, error) {
	if err := ctx.Err(); err != nil {
		return "", 0, 0, err
	}
	terms, err := ix.bodyTerms()
	if err != nil {
		return "", 0, 0, err
	}
	fuzz := 1
	word := []rune(term)
	if len(word) >= longCorrectLen {
		fuzz = 2
	}
	_, size := utf8.DecodeRuneInString(term)
	prefix := term[:size]
	lo := sort.SearchStrings(terms, prefix)
	var best string
	var bestCount uint64
	bestDist := fuzz + 1
	var buf editBuffers
	for _, t := range terms[lo:] {
		if !strings.HasPrefix(t, prefix) {
			break
		}
		if t == term {
			continue
		}
		d := buf.distance(word, t, fuzz)
		if d > fuzz || d > bestDist {
			continue
		}
		c := ix.docFreq(t)
		if c == 0 {
			continue
		}
		if d < bestDist || c > bestCount {
			best, bestCount, bestDist = t, c, d
		}
	}
	return best, bestCount, bestDist, nil
}

// editBuffers are the rows that distance reuses from one term to the next.
type editBuffers struct {
	b                []rune
	prev2, prev, cur []int
}

// distance is the edit distance between a and b (insertions, deletions,
// substitutions and swaps of neighbouring runes, each one edit, a swapped
// pair not edited again), or max+1 when it is more than max.
func (e *editBuffers) distance(a []rune, b string, max int) int {
	if n := utf8.RuneCountInString(b); n-len(a) > max || len(a)-n > max {
		return max + 1
	}
	e.b = e.b[:0]
	for _, r := range b {
		e.b = append(e.b, r)
	}
	bs := e.b
	w := len(bs) + 1
	grow := func(row []int) []int {
		if cap(row) < w {
			return make([]int, w)
		}
		return row[:w]
	}
	e.prev2, e.prev, e.cur = grow(e.prev2), grow(e.prev), grow(e.cur)
	for j := range e.prev {
		e.prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		e.cur[0] = i
		low := e.cur[0]
		for j := 1; j <= len(bs); j++ {
			cost := 1
			if a[i-1] == bs[j-1] {
				cost = 0
			}
			v := min(e.prev[j]+1, e.cur[j-1]+1, e.prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == bs[j-2] && a[i-2] == bs[j-1] {
				v = min(v, e.prev2[j-2]+1)
			}
			e.cur[j] = v
			low = min(low, v)
		}
		if low > max {
			return max + 1
		}
		e.prev2, e.prev, e.cur = e.prev, e.cur, e.prev2
	}
	return min(e.prev[len(bs)], max+1)
}
