package index

import "math"

// confidenceModel is a logistic regression over signals that predict whether
// the top passage answers the question. Its weights were fitted on held-out
// data (see TestFitConfidence, run with -fit, and README "Confidence"): the
// fitting set is squad-dev with every sixth article removed from the corpus
// so that its questions are out of scope.
type confidenceModel struct {
	weights [numSignals]float64
	bias    float64
}

// The signals, in the model's order.
const (
	sigScore     = iota // relevance score of the top passage
	sigMargin           // its lead over the next distinct passage
	sigRelMargin        // that lead relative to its score
	sigTCover           // share of the question found in title or text
	sigCover            // share of the question found in the text
	sigSentence         // share of the question found in one sentence
	sigPair             // share of neighbouring question words found together
	sigUnknown          // share of the question the index has never seen
	sigCorrected        // share of the question read through spelling correction
	sigMissing          // weight of the rarest question term the passage lacks
	sigTerms            // log of the number of question terms
	numSignals
)

// confidence is the fitted model; see TestFitConfidence.
var confidence = confidenceModel{
	weights: [numSignals]float64{2.257, 4.685, 1.816, 3.271, -1.237, -0.218, 0.276, -3.758, -1.713, 1.860, 1.311},
	bias:    -8.471,
}

// signals gathers the model's inputs for the best passage.
func signals(q *parsed, best, next features, idfMax float64) [numSignals]float64 {
	var x [numSignals]float64
	s1, s2 := best.score(), next.score()
	x[sigScore] = s1
	x[sigMargin] = s1 - s2
	if s1 > 0 {
		x[sigRelMargin] = (s1 - s2) / s1
	}
	x[sigTCover] = best.tcover
	x[sigCover] = best.cover
	x[sigSentence] = best.sent
	x[sigPair] = best.pair
	if q.total > 0 {
		x[sigUnknown] = q.oov / q.total
		x[sigCorrected] = q.fixed / q.total
	}
	if idfMax > 0 {
		x[sigMissing] = best.missing / idfMax
	}
	x[sigTerms] = math.Log1p(float64(len(q.terms)))
	return x
}

// predict is the probability that the passage answers the question.
func (m *confidenceModel) predict(x [numSignals]float64) float64 {
	z := m.bias
	for i, v := range x {
		z += m.weights[i] * v
	}
	return 1 / (1 + math.Exp(-z))
}
