package index

import (
	"math"
)

// BM25 parameters for the re-ranker's own BM25, which, unlike Bleve's, uses
// the true length of each passage.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
	// pairWindow is how close (in words) two neighbouring question terms
	// must stand in a passage to count as the same phrase.
	pairWindow = 3
	// segmentGap separates segments in term positions, so that word pairs
	// never span two sentences.
	segmentGap = 1 << 16
)

// The ranking features of one candidate passage for one question. Every
// one is a share of the question's weight (or a 0/1 indicator), so that it
// means the same whatever the size of the content and the length of the
// question: that is what lets one model rank and judge any community's
// content. Most apply to FAQ pairs and article paragraphs alike, so that
// what is learnt from one kind carries over to the other.
const (
	fBleve      = iota // Bleve's BM25 over body, FAQ question and title
	fBM25              // BM25 over the body with true passage lengths
	fCover             // share of the question found anywhere in the body
	fTCover            // share of the question found in the body or the title
	fPair              // share of neighbouring question words found together
	fGrams             // letter trigrams shared by the question and a phrasing or heading (Dice)
	fWords             // words, stop words included, shared by the question and a phrasing or heading (weighted Dice)
	fPhrase            // share of the question found in one FAQ phrasing (question or alias)
	fPhraseF1          // how completely question and that phrasing match each other (Dice)
	fPhraseBM25        // BM25 of the best-matching phrasing, each phrasing a document of its own
	fPhraseMean        // share of the question found in a phrasing, on average over the phrasings
	fExact             // the question and a phrasing have the same terms
	fSentFAQ           // share of the question found in one sentence of an FAQ answer
	fHeading           // share of the question found in a paragraph's section heading
	fSentPara          // share of the question found in one sentence of a paragraph
	fFAQ               // the passage is an FAQ pair
	fRelSegment        // share of the question found in one phrasing, heading or sentence, counting related words
	fRelCover          // share of the question found in the body, counting related words
	fPhrasePrec        // the largest share of one phrasing's own weight that the question holds
	fWordsIn           // the largest share of the question's words, stop words included, that one phrasing or heading holds
	fAsks              // a phrasing asks with the question's own question word ("who", "how", "when"...)
	NumFeatures
)

// featureNames name the features for fitting reports.
var featureNames = [NumFeatures]string{"bleve", "bm25", "cover", "tcover", "pair", "grams", "words", "phrase", "phrase_f1",
	"phrase_bm25", "phrase_mean", "exact", "sent_faq", "heading", "sent_para", "faq", "rel_segment", "rel_cover", "phrase_prec", "words_in", "asks"}

// FeatureName names feature i, for reports of a fitted model.
func FeatureName(i int) string { return featureNames[i] }

// Features describe how well one passage matches a question.
type Features [NumFeatures]float64

// matcher maps every term id that can match a question term (the term
// itself and its synonyms) to that term's index in the question. It is a
// slot per vocabulary id rather than a map: ranking looks up every token
// of every candidate, and a map lookup costs several times an array's.
type matcher struct {
	slot []int32  // per term id: 1 + the question term's index, 0 for none
	ids  []termID // the ids set, in the order set
}

// get is the index of the question term that id matches.
func (m *matcher) get(id termID) (int, bool) {
	k := m.slot[id]
	return int(k) - 1, k != 0
}

// set maps id to question term k unless it is mapped already.
func (m *matcher) set(id termID, k int) {
	if m.slot[id] == 0 {
		m.slot[id] = int32(k + 1)
		m.ids = append(m.ids, id)
	}
}

// reset empties m for the next question.
func (m *matcher) reset() {
	for _, id := range m.ids {
		m.slot[id] = 0
	}
	m.ids = m.ids[:0]
}

// match fills m with the ids that match q's terms.
func (c *corpus) match(q *parsed, m *matcher) {
	for i, t := range q.terms {
		for _, s := range t.matches {
			if id, ok := c.vocab[s]; ok {
				m.set(id, i)
			}
		}
	}
}

// matchRelated fills m with the term ids of words related to question
// terms (see relatedStems), mapped to those terms' indexes, leaving out
// ids that match a term outright.
func (c *corpus) matchRelated(q *parsed, exact, m *matcher) {
	for i, t := range q.terms {
		for _, s := range relatedStems(t.term) {
			id, ok := c.vocab[s]
			if !ok {
				continue
			}
			if _, direct := exact.get(id); direct {
				continue
			}
			m.set(id, i)
		}
	}
}

// scratch holds what one question's ranking reuses across candidates, and
// across questions through Index.scratch.
type scratch struct {
	exact     matcher // question terms and their synonyms (see match)
	rel       matcher // related words (see matchRelated)
	inRel     []bool
	relBody   []bool
	tf        []float64
	segTF     []float64
	positions [][]int
	inSeg     []bool
	inTitle   []bool
}

func newScratch(vocab int) *scratch {
	return &scratch{exact: matcher{slot: make([]int32, vocab)}, rel: matcher{slot: make([]int32, vocab)}}
}

// prepare sizes the per-term buffers for a question of n terms.
func (sc *scratch) prepare(n int) {
	sc.exact.reset()
	sc.rel.reset()
	grow := func(b []bool) []bool {
		if cap(b) < n {
			return make([]bool, n)
		}
		return b[:n]
	}
	growF := func(b []float64) []float64 {
		if cap(b) < n {
			return make([]float64, n)
		}
		return b[:n]
	}
	sc.inRel, sc.relBody, sc.inSeg, sc.inTitle = grow(sc.inRel), grow(sc.relBody), grow(sc.inSeg), grow(sc.inTitle)
	sc.tf, sc.segTF = growF(sc.tf), growF(sc.segTF)
	for len(sc.positions) < n {
		sc.positions = append(sc.positions, nil)
	}
	sc.positions = sc.positions[:n]
}

// segmentMatch is how much of the question one segment holds.
type segmentMatch struct {
	weight float64 // weight of the question terms found
	terms  int     // question terms found
	own    float64 // weight of the segment's terms that match the question, by the segment's own count
}

// features computes the ranking features of passage i for question q;
// the weight of the rarest question term the passage (body and title)
// lacks, relative to the question's rarest term: an out-of-scope question
// usually names something the passage never mentions; and, when one of
// its phrasings has exactly the question's terms, how well the best such
// phrasing's question word agrees with the question's (see askAgreement).
func (c *corpus) features(q *parsed, sc *scratch, i int, faq bool, bleveScore float64) (f Features, missing float64, exactAsks uint8) {
	if q.total == 0 {
		return f, 0, 0
	}
	d := &c.docs[i]
	m := &sc.exact
	clear(sc.tf)
	clear(sc.inTitle)
	for k := range sc.positions {
		sc.positions[k] = sc.positions[k][:0]
	}
	phrasings := 0
	clear(sc.relBody)
	for s, seg := range d.segs {
		clear(sc.inSeg)
		clear(sc.segTF)
		clear(sc.inRel)
		var sm segmentMatch
		for t := seg.start; t < seg.end; t++ {
			k, ok := m.get(d.terms[t])
			if !ok {
				if r, ok := sc.rel.get(d.terms[t]); ok {
					sc.inRel[r] = true
					sc.relBody[r] = true
				}
				continue
			}
			sc.tf[k]++
			sc.segTF[k]++
			sc.positions[k] = append(sc.positions[k], s*segmentGap+int(d.pos[t]))
			if !sc.inSeg[k] {
				sc.inSeg[k] = true
				sm.weight += q.terms[k].idf
				sm.terms++
				sm.own += idf(float64(c.df[d.terms[t]]), float64(len(c.docs)))
			}
		}
		share := sm.weight / q.total
		rel := sm.weight
		for k, in := range sc.inRel {
			if in && !sc.inSeg[k] {
				rel += q.terms[k].idf
			}
		}
		f[fRelSegment] = max(f[fRelSegment], rel/q.total)
		switch seg.kind {
		case segPhrasing:
			phrasings++
			f[fPhraseMean] += share
			f[fPhraseBM25] = max(f[fPhraseBM25], c.bm25(q, sc.segTF, float64(seg.end-seg.start), c.avgPhrase))
			f[fGrams] = max(f[fGrams], gramDice(q.grams, seg.grams))
			dice, in := c.wordMatch(q, seg.words)
			f[fWords], f[fWordsIn] = max(f[fWords], dice), max(f[fWordsIn], in)
			if q.asks != "" && seg.asks == q.asks {
				f[fAsks] = 1
			}
			f[fPhrase] = max(f[fPhrase], share)
			if seg.weight > 0 {
				f[fPhrasePrec] = max(f[fPhrasePrec], min(sm.own/float64(seg.weight), 1))
			}
			f[fPhraseF1] = max(f[fPhraseF1], 2*sm.weight/(q.total+float64(seg.weight)))
			if sm.terms == len(q.terms) && sm.terms == int(seg.distinct) {
				f[fExact] = 1
				exactAsks = max(exactAsks, askAgreement(q.asks, seg.asks))
			}
		case segHeading:
			f[fHeading] = max(f[fHeading], share)
			f[fGrams] = max(f[fGrams], gramDice(q.grams, seg.grams))
			dice, in := c.wordMatch(q, seg.words)
			f[fWords], f[fWordsIn] = max(f[fWords], dice), max(f[fWordsIn], in)
		case segSentence:
			if faq {
				f[fSentFAQ] = max(f[fSentFAQ], share)
			} else {
				f[fSentPara] = max(f[fSentPara], share)
			}
		}
	}
	if phrasings > 0 {
		f[fPhraseMean] /= float64(phrasings)
	}
	for _, id := range d.title {
		if k, ok := m.get(id); ok {
			sc.inTitle[k] = true
		}
	}
	f[fBM25] = c.bm25(q, sc.tf, float64(len(d.terms)), c.avgLen)
	top := 0.0
	for k, t := range q.terms {
		if sc.tf[k] > 0 {
			f[fCover] += t.idf
		}
		if sc.tf[k] > 0 || sc.relBody[k] {
			f[fRelCover] += t.idf
		}
		if sc.tf[k] > 0 || sc.inTitle[k] {
			f[fTCover] += t.idf
		} else {
			missing = max(missing, t.idf)
		}
		top = max(top, t.idf)
	}
	if top > 0 {
		missing /= top
	}
	f[fPair] = pairShare(q, sc.positions)
	f[fBleve] = bleveScore
	for _, k := range []int{fBleve, fBM25, fPhraseBM25, fCover, fTCover, fRelCover} {
		f[k] /= q.total
	}
	if faq {
		f[fFAQ] = 1
	}
	return f, missing, exactAsks
}

// askAgreement says how well a phrasing's question word agrees with the
// question's: 2 when they are the same (or neither has one), 1 when one of
// them has none ("reload content", "reload faq?"), 0 when they differ
// ("how" and "who"). Phrasings with the same words are told apart by it:
// "who can reload the faq" is not "How do I reload the FAQ?".
func askAgreement(question, phrasing string) uint8 {
	switch {
	case question == phrasing:
		return 2
	case question == "" || phrasing == "":
		return 1
	}
	return 0
}

// wordMatch is how much of the question's words and a phrasing's words
// are shared, each weighted by its rarity among phrasings: as a share of
// both (Dice), and as a share of the question's.
func (c *corpus) wordMatch(q *parsed, words []termID) (dice, in float64) {
	if len(words) == 0 || len(q.words) == 0 {
		return 0, 0
	}
	qw, pw, both := 0.0, 0.0, 0.0
	for _, id := range words {
		pw += c.wordWeight(int64(id))
	}
	for _, id := range q.words {
		w := c.wordWeight(id)
		qw += w
		if id >= 0 && containsTerm(words, termID(id)) {
			both += w
		}
	}
	if qw == 0 {
		return 0, 0
	}
	return 2 * both / (qw + pw), both / qw
}

// bm25 is BM25 of a text of length tokens whose term frequencies for the
// question's terms are tf, among texts of mean length avg.
func (c *corpus) bm25(q *parsed, tf []float64, length, avg float64) float64 {
	norm := bm25K1 * (1 - bm25B + bm25B*length/avg)
	s := 0.0
	for k, t := range q.terms {
		if tf[k] > 0 {
			s += t.idf * tf[k] * (bm25K1 + 1) / (tf[k] + norm)
		}
	}
	return s
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
