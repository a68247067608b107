package index

import (
	"cmp"
	"slices"
)

// extraCandidates is how many passages the phrasing index adds to Bleve's
// candidates.
const extraCandidates = 10

// phraseIndex finds FAQ phrasings and section headings by their words,
// stop words included, and by letter trigrams: the candidates that Bleve,
// which matches stemmed content words only, never offers for "who made
// you" against "where are you from", or "define" against "definition".
type phraseIndex struct {
	words map[termID][]int32 // word -> passages with a phrasing or heading holding it
	grams map[uint32][]int32 // trigram -> the same
}

func newPhraseIndex(c *corpus) *phraseIndex {
	x := &phraseIndex{words: map[termID][]int32{}, grams: map[uint32][]int32{}}
	for i := range c.docs {
		for _, s := range c.docs[i].segs {
			if s.wording == nil {
				continue
			}
			for _, w := range s.words {
				x.words[w] = appendOnce(x.words[w], int32(i))
			}
			for _, g := range s.grams {
				x.grams[g] = appendOnce(x.grams[g], int32(i))
			}
		}
	}
	return x
}

// appendOnce appends i unless it is already last (passages are added in
// order, so a repeat can only be the last one).
func appendOnce(list []int32, i int32) []int32 {
	if n := len(list); n > 0 && list[n-1] == i {
		return list
	}
	return append(list, i)
}

// relatedCredit is how much a word related to a question word counts,
// against the word itself.
const relatedCredit = 0.5

// candidates gives up to n passages whose phrasings or headings share the
// most weight of words (or words related to them, see rel) and trigrams
// with the question, skipping those in have.
func (x *phraseIndex) candidates(c *corpus, q *parsed, rel *matcher, have map[int]bool, n int) []int {
	score := map[int32]float64{}
	for _, id := range rel.ids {
		k, _ := rel.get(id)
		w := relatedCredit * q.terms[k].idf
		for _, p := range x.words[id] {
			score[p] += w
		}
	}
	for _, id := range q.words {
		if id < 0 {
			continue
		}
		w := c.wordWeight(id)
		for _, p := range x.words[termID(id)] {
			score[p] += w
		}
	}
	if len(q.grams) > 0 {
		share := 1 / float64(len(q.grams))
		for _, g := range q.grams {
			for _, p := range x.grams[g] {
				score[p] += share
			}
		}
	}
	var out []int
	for p := range score {
		if !have[int(p)] {
			out = append(out, int(p))
		}
	}
	slices.SortFunc(out, func(a, b int) int { return cmp.Or(cmp.Compare(score[int32(b)], score[int32(a)]), cmp.Compare(a, b)) })
	return out[:min(n, len(out))]
}
