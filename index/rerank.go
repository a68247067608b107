package index

import (
	"math"

	"faqbot/content"
)

// BM25 parameters for the re-ranker's own BM25, which, unlike Bleve's, uses
// the true length of each passage.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
	// pairWindow is how close (in words) two neighbouring question terms
	// must stand in a passage to count as the same phrase.
	pairWindow = 3
	// sentenceGap separates sentences in term positions, so that word pairs
	// never span two sentences.
	sentenceGap = 1000
)

// weights of the relevance score. They are few and have plain meanings;
// each one measurably improves ranking (see the package README numbers).
var rankWeights = features{
	bleve:  1.0, // Bleve's BM25 over body, question and title
	bm25:   0.5, // BM25 with true passage lengths
	sent:   0.7, // share of the question found in one sentence
	pair:   0.3, // share of neighbouring question words found together
	tcover: 0.5, // share of the question found in title or text
}

// features describe how well one passage matches a question. Every one is
// normalised by the question's total term weight, so they compare across
// questions (which the confidence model needs).
type features struct {
	bleve  float64
	bm25   float64
	sent   float64
	pair   float64
	cover  float64 // share of the question found in the body
	tcover float64
	// missing is the weight of the rarest question term the passage (text
	// and title) lacks: an out-of-scope question usually names something
	// the passage never mentions. It feeds confidence, not ranking.
	missing float64
}

func (f features) score() float64 {
	w := rankWeights
	return w.bleve*f.bleve + w.bm25*f.bm25 + w.sent*f.sent + w.pair*f.pair + w.tcover*f.tcover
}

// matcher maps every term that can match a question term (the term itself
// and its synonyms) to that term's index.
type matcher map[string]int

func newMatcher(q *parsed) matcher {
	m := make(matcher, len(q.terms))
	for i, t := range q.terms {
		for _, s := range t.matches {
			if _, ok := m[s]; !ok {
				m[s] = i
			}
		}
	}
	return m
}

// segments splits a passage into the units a question may match as a
// whole: for an FAQ pair its question, each alias and each sentence of the
// answer; for a paragraph its heading (often the question it answers, in
// FAQ-like articles) and its sentences.
func segments(p *content.Passage) []string {
	var segs []string
	switch {
	case p.Kind == content.KindFAQ:
		segs = append(segs, p.Question)
		segs = append(segs, p.Aliases...)
	case p.Section != "" && p.Section != p.Title:
		segs = append(segs, p.Section)
	}
	return append(segs, content.Sentences(p.Text)...)
}

// rank computes the features of passage p for question q.
func (ix *Index) rank(q *parsed, m matcher, p *content.Passage, bleveScore float64) features {
	var f features
	if q.total == 0 {
		return f
	}
	nt := len(q.terms)
	tf := make([]float64, nt)
	positions := make([][]int, nt)
	inSentence := make([]bool, nt)
	length := 0
	for s, seg := range segments(p) {
		clear(inSentence)
		sent := 0.0
		for _, tok := range ix.analyzer.Analyze([]byte(seg)) {
			length++
			i, ok := m[string(tok.Term)]
			if !ok {
				continue
			}
			tf[i]++
			positions[i] = append(positions[i], s*sentenceGap+tok.Position)
			if !inSentence[i] {
				inSentence[i] = true
				sent += q.terms[i].idf
			}
		}
		f.sent = math.Max(f.sent, sent)
	}
	inTitle := make([]bool, nt)
	title := p.Title + "\n" + p.Section
	for _, tok := range ix.analyzer.Analyze([]byte(title)) {
		if i, ok := m[string(tok.Term)]; ok {
			inTitle[i] = true
		}
	}
	norm := bm25K1 * (1 - bm25B + bm25B*float64(length)/ix.avgLen)
	for i, t := range q.terms {
		if tf[i] > 0 {
			f.bm25 += t.idf * tf[i] * (bm25K1 + 1) / (tf[i] + norm)
			f.cover += t.idf
		}
		if tf[i] > 0 || inTitle[i] {
			f.tcover += t.idf
		} else {
			f.missing = math.Max(f.missing, t.idf)
		}
	}
	f.pair = pairShare(q, positions)
	f.bleve = bleveScore
	f.bleve /= q.total
	f.bm25 /= q.total
	f.sent /= q.total
	f.cover /= q.total
	f.tcover /= q.total
	return f
}

// pairShare is the weighted share of neighbouring question terms that stand
// close together, in the same order, somewhere in the passage.
func pairShare(q *parsed, positions [][]int) float64 {
	found, all := 0.0, 0.0
	for k := 0; k+1 < len(q.seq); k++ {
		a, b := q.seq[k], q.seq[k+1]
		if a == b {
			continue
		}
		w := math.Min(q.terms[a].idf, q.terms[b].idf)
		all += w
		if near(positions[a], positions[b]) {
			found += w
		}
	}
	if all == 0 {
		return 0
	}
	return found / all
}

// near reports whether some position in bs follows one in as within
// pairWindow. Both are ascending.
func near(as, bs []int) bool {
	j := 0
	for _, a := range as {
		for j < len(bs) && bs[j] <= a {
			j++
		}
		if j < len(bs) && bs[j]-a <= pairWindow {
			return true
		}
	}
	return false
}
