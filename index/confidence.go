package index

import (
	"cmp"
	"math"
	"slices"
)

// The confidence model's inputs (signals) about the best passage of a
// result. Like the features, none of them moves with the size of the
// content or the scale of the scores.
const (
	sScore       = iota // ranking score of the best passage
	sProb               // its share of the ranking's softmax over the distinct candidates (at least 30, the others scoring 0)
	sMargin             // its lead over the next distinct passage
	sCover              // share of the question found in its body or title
	sSegment            // share of the question found in one of its phrasings, headings or sentences
	sPhraseF1           // how completely the question and its best phrasing match
	sExact              // the question has the terms of one of its phrasings, asking with no other question word, and of no other passage's phrasing asking as well (see exactAs)
	sUnknown            // share of the question the content never uses
	sCorrected          // share of the question read through spelling correction
	sMissing            // weight of the rarest question term it lacks, relative to the rarest of all
	sTerms              // log of the number of question terms
	sFAQ                // it is an FAQ pair
	sWords              // its words, stop words included, shared with the question (its phrasing's or heading's)
	sGrams              // its letter trigrams shared with the question (the same)
	sNextProb           // the runner-up's share of the softmax
	sNextSegment        // the runner-up's sSegment
	sAgree              // share of single-feature rankings that put it first too
	sTwin               // how much of its body's words the runner-up shares: near-duplicate topics
	sRelated            // share of the question found in one of its segments, counting related words
	sPrecision          // the largest share of one of its phrasings that the question holds
	sOneWord            // the question is one word ("thanks", "reload?")
	NumSignals
)

// signalNames name the signals for fitting reports.
var signalNames = [NumSignals]string{"score", "prob", "margin", "cover", "segment", "phrase_f1",
	"exact", "unknown", "corrected", "missing", "terms", "faq", "words", "grams", "next_prob", "next_segment", "agree", "twin", "related", "precision", "one_word"}

// SignalName names signal i, for reports of a fitted model.
func SignalName(i int) string { return signalNames[i] }

// SignalIndex is the index of the signal named name, -1 for none.
func SignalIndex(name string) int {
	for i, n := range signalNames {
		if n == name {
			return i
		}
	}
	return -1
}

// Signals are the confidence model's inputs for one result.
type Signals [NumSignals]float64

// exactConfidence is the least confidence of an answer whose FAQ phrasing
// has exactly the question's terms (case, punctuation, stop words and a
// corrected typo aside): the member asked the FAQ's own question.
const exactConfidence = 0.96

// Model is the learned part of search: weights of the ranking features, and
// a logistic model over the signals that gives the confidence. The fitted
// one is in model.go.
type Model struct {
	Rank       Features
	Confidence Signals
	Bias       float64
	// FAQ are added to the Confidence weights when the best passage is an
	// FAQ pair: the same signal can mean more, or less, for an FAQ pair
	// than for a paragraph.
	FAQ Signals
	// OneWord are added to the Confidence weights when the question is
	// one word: a full match of one word means less than one of a whole
	// question, and weights of its own keep what one-word questions teach
	// (see eval.Keyword) from moving what whole questions have.
	OneWord Signals
}

// score is a candidate's ranking score.
func (m *Model) score(f *Features) float64 {
	s := 0.0
	for i, w := range m.Rank {
		s += w * f[i]
	}
	return s
}

// Candidate is one passage search considered for a question, with its
// features, as kept in an Explanation.
type Candidate struct {
	// ID is the passage's ID; ItemID its content item's (parts of a split
	// passage share it).
	ID, ItemID string
	// Features say how well it matches the question.
	Features Features
	missing  float64 // see corpus.missing
	// exactAsks is how well the question word of its phrasing with exactly
	// the question's terms agrees with the question's (see askAgreement).
	exactAsks uint8
	doc       *analysed // the passage's analysis
	key       uint64    // the passage's text, normalised and hashed
	order     int       // the passage's place in the content
}

// Explanation is everything search computed for one question before
// ranking: the candidates with their features and what the question itself
// says about confidence. Fitting a Model needs nothing else.
type Explanation struct {
	Candidates []Candidate
	unknown    float64 // share of the question's weight unknown to the content
	corrected  float64 // share read through a spelling correction
	terms      int     // distinct question terms
	words      int     // distinct question words, stop words included
}

// Rank orders the candidates by m, best first, keeping one candidate per
// item and per text (parts of one split passage, or the same text filed
// twice, are one answer), and returns their indexes with their scores. An
// exact phrasing that asks as the member does comes first (see
// askedFirst).
func (e *Explanation) Rank(m *Model) (order []int, scores []float64) {
	all := make([]int, len(e.Candidates))
	s := make([]float64, len(e.Candidates))
	for i := range e.Candidates {
		all[i] = i
		s[i] = m.score(&e.Candidates[i].Features)
	}
	// Best first; equal scores keep content order.
	slices.SortStableFunc(all, func(a, b int) int {
		return cmp.Or(cmp.Compare(s[b], s[a]), cmp.Compare(e.Candidates[a].order, e.Candidates[b].order))
	})
	// Linear scans rather than sets: there are a few dozen candidates.
	order = make([]int, 0, len(all))
	scores = make([]float64, 0, len(all))
	for _, i := range all {
		c := &e.Candidates[i]
		dup := false
		for _, j := range order {
			o := &e.Candidates[j]
			if o.ItemID == c.ItemID || c.key != 0 && o.key == c.key {
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		order = append(order, i)
		scores = append(scores, s[i])
	}
	e.askedFirst(order, scores)
	return order, scores
}

// askedFirst puts first, when the best passage has a phrasing with exactly
// the question's terms, the passage with such a phrasing that asks with the
// member's own question word, if another one does better at that (see
// askAgreement): "Who can reload the content?" is that entry's question
// even when "reload content", another entry's alias, ranks above it. Each
// keeps its own score.
func (e *Explanation) askedFirst(order []int, scores []float64) {
	if len(order) < 2 || e.Candidates[order[0]].Features[fExact] == 0 {
		return
	}
	best := 0
	for k := 1; k < len(order); k++ {
		if c := &e.Candidates[order[k]]; c.Features[fExact] == 1 && c.exactAsks > e.Candidates[order[best]].exactAsks {
			best = k
		}
	}
	if best > 0 {
		i, s := order[best], scores[best]
		copy(order[1:best+1], order[:best])
		copy(scores[1:best+1], scores[:best])
		order[0], scores[0] = i, s
	}
}

// Signals gives the confidence model's inputs for a ranking made by Rank.
func (e *Explanation) Signals(order []int, scores []float64) Signals {
	var x Signals
	if len(order) == 0 {
		return x
	}
	top := &e.Candidates[order[0]]
	f := &top.Features
	x[sScore] = scores[0]
	sum := 0.0
	for _, s := range scores {
		sum += math.Exp(s - scores[0])
	}
	// Passages that were no candidate score as matching nothing (0), so
	// that a small content, which has few candidates, gives no higher share
	// than a large one for the same match.
	if pad := candidates - len(scores); pad > 0 {
		sum += float64(pad) * math.Exp(-scores[0])
	}
	x[sProb] = 1 / sum
	if len(scores) > 1 {
		x[sMargin] = scores[0] - scores[1]
		x[sNextProb] = math.Exp(scores[1]-scores[0]) / sum
		g := &e.Candidates[order[1]].Features
		x[sNextSegment] = max(g[fPhrase], g[fHeading], g[fSentFAQ], g[fSentPara])
		x[sTwin] = twin(top.doc, e.Candidates[order[1]].doc)
	} else {
		x[sMargin] = max(scores[0], 0)
	}
	x[sCover] = f[fTCover]
	x[sSegment] = max(f[fPhrase], f[fHeading], f[fSentFAQ], f[fSentPara])
	x[sPhraseF1] = f[fPhraseF1]
	if f[fExact] == 1 && top.exactAsks > 0 && (len(order) < 2 || !e.Candidates[order[1]].exactAs(top)) {
		x[sExact] = 1
	}
	x[sUnknown] = e.unknown
	x[sCorrected] = e.corrected
	x[sMissing] = top.missing
	x[sTerms] = math.Log1p(float64(e.terms))
	x[sFAQ] = f[fFAQ]
	x[sWords] = f[fWords]
	x[sGrams] = f[fGrams]
	x[sAgree] = e.agreement(top.ItemID)
	x[sRelated] = f[fRelSegment]
	x[sPrecision] = f[fPhrasePrec]
	// One word matched is weak evidence: a greeting or a "test" finds
	// some sentence that uses it.
	if e.words == 1 {
		x[sOneWord] = 1
	}
	return x
}

// exactAs reports whether c has the question's terms in one of its
// phrasings as much as top does: also exactly, and asking with a question
// word that agrees with the question's at least as well. Only then is
// top's exact match not the member's own question.
func (c *Candidate) exactAs(top *Candidate) bool {
	return c.Features[fExact] == 1 && c.exactAsks >= top.exactAsks
}

// agreeFeatures are the features that rank well enough alone to be asked
// whether they agree on the best passage.
var agreeFeatures = [...]int{fBleve, fBM25, fTCover, fWords, fGrams, fPhraseF1, fSentFAQ, fSentPara}

// agreement is the share of agreeFeatures that, ranking alone, put item
// first.
func (e *Explanation) agreement(item string) float64 {
	n := 0
	for _, k := range agreeFeatures {
		best, bestV := -1, 0.0
		for i := range e.Candidates {
			if v := e.Candidates[i].Features[k]; v > bestV {
				best, bestV = i, v
			}
		}
		if best >= 0 && e.Candidates[best].ItemID == item {
			n++
		}
	}
	return float64(n) / float64(len(agreeFeatures))
}

// twin is the share of a's distinct body terms that b holds too.
func twin(a, b *analysed) float64 {
	if a == nil || b == nil || len(a.terms) == 0 {
		return 0
	}
	as, bs := distinctTerms(a.terms), distinctTerms(b.terms)
	shared, j := 0, 0
	for _, t := range as {
		for j < len(bs) && bs[j] < t {
			j++
		}
		if j < len(bs) && bs[j] == t {
			shared++
		}
	}
	return float64(shared) / float64(len(as))
}

// distinctTerms are the distinct ids of terms, sorted.
func distinctTerms(terms []termID) []termID {
	s := slices.Clone(terms)
	slices.Sort(s)
	return slices.Compact(s)
}

// Predict is the probability, by the model, that the best passage
// answers the question.
func (m *Model) Predict(x Signals) float64 {
	z := m.Bias
	for i, w := range m.Confidence {
		z += w * x[i]
		if x[sFAQ] == 1 {
			z += m.FAQ[i] * x[i]
		}
		if x[sOneWord] == 1 {
			z += m.OneWord[i] * x[i]
		}
	}
	p := 1 / (1 + math.Exp(-z))
	if x[sExact] == 1 {
		p = max(p, exactConfidence)
	}
	return p
}

// Fitted is the model search uses (model.go): a fit may keep part of it.
func Fitted() Model { return model }
