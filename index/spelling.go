package index

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
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
// the fewest edits (one for short words, two for long ones, keeping the
// first letter, where typos are rare; swapping two neighbouring letters is
// one edit), then the most passages, then the first in dictionary order.
// It gives no term (and 0 passages) when there is none.
func (ix *Index) correct(ctx context.Context, term string) (string, uint64, error) {
	if err := ctx.Err(); err != nil {
		return "", 0, err
	}
	terms, err := ix.bodyTerms()
	if err != nil {
		return "", 0, err
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
	return best, bestCount, nil
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
