package eval

import (
	"context"
	"fmt"
	"math"
	"slices"

	"faqbot/index"
)

// Example is one question of a fitting set as search saw it: its candidate
// passages and which of them answer it.
type Example struct {
	// Set is the index of the example's set among those being fitted.
	Set int
	// Explanation holds the candidates and their features.
	Explanation index.Explanation
	// Relevant marks the candidates that answer the question.
	Relevant []bool
	// Answerable is false for an out-of-scope question.
	Answerable bool
	// Keyword marks a question asked as one of its words (see Keyword):
	// only the weights of one-word questions are fitted on it, never the
	// ranking, the confidence of whole questions or the threshold.
	Keyword bool
}

// Collect asks the set's questions (its fitting questions with fit, else
// those it reports on) and records what search saw. With fit, every
// question is asked a second time as one of its words (see Keyword). The
// candidates do not depend on the model, so one collection serves any
// number of fits.
func Collect(ctx context.Context, s Set, setIndex int, fit bool) ([]Example, error) {
	cases, err := s.Cases(ctx, fit)
	if err != nil {
		return nil, err
	}
	var out []Example
	for _, c := range cases {
		ix, err := index.Build(ctx, c.Passages, index.Options{Synonyms: c.Synonyms})
		if err != nil {
			return nil, fmt.Errorf("set %s: %w", s.Name, err)
		}
		for _, q := range c.Queries {
			asked := []string{q.Query}
			if k := Keyword(q.Query); fit && k != "" {
				asked = append(asked, k)
			}
			for n, text := range asked {
				e, err := ix.Explain(ctx, text)
				if err != nil {
					_ = ix.Close()
					return nil, fmt.Errorf("set %s: %w", s.Name, err)
				}
				out = append(out, example(setIndex, e, q, n > 0))
			}
		}
		_ = ix.Close()
	}
	return out, nil
}

// example records what search saw for question q, asked as itself or as
// its keyword.
func example(set int, e index.Explanation, q Query, keyword bool) Example {
	ex := Example{Set: set, Explanation: e, Answerable: len(q.Relevant) > 0, Relevant: make([]bool, len(e.Candidates)), Keyword: keyword}
	for i, cand := range e.Candidates {
		ex.Relevant[i] = slices.Contains(q.Relevant, cand.ItemID) || slices.Contains(q.Relevant, cand.ID)
	}
	return ex
}

// Judge decides an example with a model as search would: the confidence of
// its best passage, and whether that passage answers the question.
func Judge(m *index.Model, ex *Example) (confidence float64, right, any bool) {
	order, scores := ex.Explanation.Rank(m)
	if len(order) == 0 {
		return 0, false, false
	}
	return m.Predict(ex.Explanation.Signals(order, scores)), ex.Relevant[order[0]], true
}

// FitOptions tune the fit; the zero value is the documented default.
type FitOptions struct {
	// L2 is the ridge penalty on standardised weights.
	L2 float64
	// Iterations of the optimiser for each of the two models.
	Iterations int
	// Rounds of refining the ranking weights one at a time.
	Rounds int
	// Keep, when set, is a model whose ranking and whole-question
	// confidence to keep: only the weights of one-word questions are
	// fitted, on the ranking it gives.
	Keep *index.Model
}

func (o FitOptions) withDefaults() FitOptions {
	if o.L2 == 0 {
		o.L2 = 1e-3
	}
	if o.Iterations == 0 {
		o.Iterations = 400
	}
	if o.Rounds == 0 {
		o.Rounds = 6
	}
	return o
}

// Fit fits a model on examples from sets sets, each set weighing the same
// whatever its size, in three steps: the ranking weights (a listwise
// softmax over each question's candidates) on members' whole questions;
// with that ranking, the confidence (logistic regression on whether the
// best passage answers the question) on the questions of more than one
// word; and the weights of one-word questions (see index.Model.OneWord),
// on top of that confidence, on the one-word questions and the keywords.
func Fit(examples []Example, sets int, opts FitOptions) index.Model {
	opts = opts.withDefaults()
	var m index.Model
	if opts.Keep != nil {
		m = *opts.Keep
	} else {
		m.Rank = fitRanker(wholeQuestions(examples), sets, opts)
	}
	xs, ys, ws := confidenceRows(&m, examples, sets)
	oneWord := index.SignalIndex("one_word")
	if opts.Keep == nil {
		var mx []index.Signals
		var my, mw []float64
		for i, x := range xs {
			if x[oneWord] == 0 {
				mx, my, mw = append(mx, x), append(my, ys[i]), append(mw, ws[i])
			}
		}
		m.Confidence, m.FAQ, m.Bias = fitKinds(mx, my, mw, opts)
	}
	m.OneWord = fitOneWord(&m, xs, ys, ws, opts)
	return m
}

// wholeQuestions are the examples asked as members asked them, not as a
// keyword.
func wholeQuestions(examples []Example) []Example {
	return slices.DeleteFunc(slices.Clone(examples), func(e Example) bool { return e.Keyword })
}

// fullSet is the size from which a set weighs as much as any other: a
// smaller one weighs in proportion to its size, so that a handful of
// questions cannot steer the fit.
const fullSet = 1000

// setWeights gives every example 1/max(examples of its set, fullSet),
// counting only those keep admits.
func setWeights(examples []Example, sets int, keep func(*Example) bool) []float64 {
	n := make([]float64, sets)
	for i := range examples {
		if keep(&examples[i]) {
			n[examples[i].Set]++
		}
	}
	w := make([]float64, len(examples))
	for i := range examples {
		if keep(&examples[i]) {
			w[i] = 1 / max(n[examples[i].Set], fullSet) / float64(sets)
		}
	}
	return w
}

// fitRanker maximises, over answerable questions with a relevant candidate,
// the softmax probability of the relevant candidates.
func fitRanker(examples []Example, sets int, opts FitOptions) index.Features {
	keep := func(e *Example) bool { return e.Answerable && slices.Contains(e.Relevant, true) }
	weights := setWeights(examples, sets, keep)
	mean, sd := featureScale(examples)
	var w [index.NumFeatures]float64
	adam := newAdam(index.NumFeatures)
	for it := 0; it < opts.Iterations; it++ {
		var grad [index.NumFeatures]float64
		for k := range examples {
			if weights[k] == 0 {
				continue
			}
			ex := &examples[k]
			cands := ex.Explanation.Candidates
			s := make([]float64, len(cands))
			top := math.Inf(-1)
			for i := range cands {
				for j := range w {
					s[i] += w[j] * (cands[i].Features[j] - mean[j]) / sd[j]
				}
				top = max(top, s[i])
			}
			all, rel := 0.0, 0.0
			for i := range cands {
				s[i] = math.Exp(s[i] - top)
				all += s[i]
				if ex.Relevant[i] {
					rel += s[i]
				}
			}
			// d(-log(rel/all))/ds_i = p_i - q_i, q the softmax within relevant.
			for i := range cands {
				d := s[i] / all
				if ex.Relevant[i] {
					d -= s[i] / rel
				}
				for j := range w {
					grad[j] += weights[k] * d * (cands[i].Features[j] - mean[j]) / sd[j]
				}
			}
		}
		for j := range w {
			grad[j] += opts.L2 * w[j]
		}
		adam.step(w[:], grad[:])
	}
	var raw index.Features
	for j := range w {
		raw[j] = w[j] / sd[j] // the mean shifts every candidate alike: no effect on ranking
	}
	return refineRanker(raw, sd, examples, weights, opts)
}

// refineRanker improves the softmax fit where it counts, the share of
// questions whose best candidate is relevant (averaged over sets), by
// moving one weight at a time while that helps. The softmax loss is only a
// smooth stand-in for that share.
func refineRanker(w index.Features, sd [index.NumFeatures]float64, examples []Example, weights []float64, opts FitOptions) index.Features {
	top1 := func(w *index.Features) float64 {
		total := 0.0
		for k := range examples {
			if weights[k] == 0 {
				continue
			}
			best, bestS := -1, math.Inf(-1)
			for i, c := range examples[k].Explanation.Candidates {
				s := 0.0
				for j, v := range c.Features {
					s += w[j] * v
				}
				if s > bestS {
					best, bestS = i, s
				}
			}
			if best >= 0 && examples[k].Relevant[best] {
				total += weights[k]
			}
		}
		return total
	}
	cur := top1(&w)
	steps := []float64{-1, -0.5, -0.25, -0.1, 0.1, 0.25, 0.5, 1}
	for round := 0; round < opts.Rounds; round++ {
		improved := false
		for j := range w {
			for _, st := range steps {
				try := w
				try[j] += st / sd[j]
				if v := top1(&try); v > cur+1e-6 {
					w, cur, improved = try, v, true
				}
			}
		}
		if !improved {
			break
		}
	}
	return w
}

// featureScale is the mean and standard deviation of every feature over all
// candidates, for standardising.
func featureScale(examples []Example) (mean, sd [index.NumFeatures]float64) {
	n := 0.0
	for k := range examples {
		for _, c := range examples[k].Explanation.Candidates {
			for j, v := range c.Features {
				mean[j] += v
			}
			n++
		}
	}
	for j := range mean {
		mean[j] /= max(n, 1)
	}
	for k := range examples {
		for _, c := range examples[k].Explanation.Candidates {
			for j, v := range c.Features {
				sd[j] += (v - mean[j]) * (v - mean[j])
			}
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j] / max(n, 1))
		if sd[j] < 1e-9 {
			sd[j] = 1
		}
	}
	return mean, sd
}

// confidenceRows are the confidence model's inputs under m's ranking, one
// row per example with a best passage: its signals, whether that passage
// answers the question (never for an out-of-scope one), and its weight,
// every set weighing alike (see fullSet).
func confidenceRows(m *index.Model, examples []Example, sets int) (xs []index.Signals, ys, ws []float64) {
	var set []int
	count := make([]float64, sets)
	for k := range examples {
		ex := &examples[k]
		order, scores := ex.Explanation.Rank(m)
		if len(order) == 0 {
			continue
		}
		xs = append(xs, ex.Explanation.Signals(order, scores))
		y := 0.0
		if ex.Relevant[order[0]] {
			y = 1
		}
		ys = append(ys, y)
		set = append(set, ex.Set)
		count[ex.Set]++
	}
	ws = make([]float64, len(set))
	for i, s := range set {
		ws[i] = 1 / max(count[s], fullSet) / float64(sets)
	}
	return xs, ys, ws
}

// fitKinds fits the logistic confidence with weights shared by both kinds
// of best passage plus, for FAQ pairs, weights of their own.
func fitKinds(xs []index.Signals, ys, ws []float64, opts FitOptions) (shared, faq index.Signals, bias float64) {
	const n = index.NumSignals
	faqSig := index.SignalIndex("faq")
	rows := make([][]float64, len(xs))
	for i, x := range xs {
		r := make([]float64, 2*n)
		for j, v := range x {
			r[j] = v
			if x[faqSig] == 1 {
				r[n+j] = v
			}
		}
		rows[i] = r
	}
	w, b := fitLogisticRows(rows, ys, ws, nil, opts)
	copy(shared[:], w[:n])
	copy(faq[:], w[n:])
	return shared, faq, b
}

// fitOneWord fits the weights added for one-word questions, on the rows of
// one-word questions, with m's confidence without them as a fixed start.
// Their own bias is the weight of the one_word signal, which is 1 on every
// such row.
func fitOneWord(m *index.Model, xs []index.Signals, ys, ws []float64, opts FitOptions) index.Signals {
	oneWord := index.SignalIndex("one_word")
	base := *m
	base.OneWord = index.Signals{}
	var rows [][]float64
	var oy, ow, offsets []float64
	for i, x := range xs {
		if x[oneWord] == 0 {
			continue
		}
		p := min(max(base.Predict(x), 1e-9), 1-1e-9)
		rows = append(rows, x[:])
		oy, ow, offsets = append(oy, ys[i]), append(ow, ws[i]), append(offsets, math.Log(p/(1-p)))
	}
	var one index.Signals
	if len(rows) == 0 {
		return one
	}
	w, b := fitLogisticRows(rows, oy, ow, offsets, opts)
	copy(one[:], w)
	one[oneWord] += b
	return one
}

// fitLogisticRows fits a weighted logistic regression on standardised
// inputs with a little L2 regularisation, each row's log-odds starting from
// its offset (none when offsets is nil), and returns weights for the raw
// inputs.
func fitLogisticRows(xs [][]float64, ys, ws, offsets []float64, opts FitOptions) ([]float64, float64) {
	if len(xs) == 0 {
		return nil, 0
	}
	width := len(xs[0])
	mean, sd := make([]float64, width), make([]float64, width)
	total := 0.0
	for _, w := range ws {
		total += w
	}
	for i, x := range xs {
		for j, v := range x {
			mean[j] += ws[i] * v / total
		}
	}
	for i, x := range xs {
		for j, v := range x {
			sd[j] += ws[i] * (v - mean[j]) * (v - mean[j]) / total
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j])
		if sd[j] < 1e-9 {
			sd[j] = 1
		}
	}
	params := make([]float64, width+1) // weights, then bias
	adam := newAdam(len(params))
	for it := 0; it < 4*opts.Iterations; it++ {
		grad := make([]float64, len(params))
		for i, x := range xs {
			z := params[width]
			if offsets != nil {
				z += offsets[i]
			}
			for j, v := range x {
				z += params[j] * (v - mean[j]) / sd[j]
			}
			d := ws[i] * (1/(1+math.Exp(-z)) - ys[i]) / total
			for j, v := range x {
				grad[j] += d * (v - mean[j]) / sd[j]
			}
			grad[width] += d
		}
		for j := 0; j < width; j++ {
			grad[j] += opts.L2 * params[j]
		}
		adam.step(params, grad)
	}
	raw := make([]float64, width)
	bias := params[width]
	for j := range raw {
		raw[j] = params[j] / sd[j]
		bias -= params[j] * mean[j] / sd[j]
	}
	return raw, bias
}

// adam is the Adam optimiser (Kingma and Ba, 2015) with its usual settings.
type adam struct {
	m, v []float64
	t    int
}

func newAdam(n int) *adam { return &adam{m: make([]float64, n), v: make([]float64, n)} }

func (a *adam) step(params, grad []float64) {
	const rate, b1, b2, eps = 0.05, 0.9, 0.999, 1e-8
	a.t++
	for j := range params {
		a.m[j] = b1*a.m[j] + (1-b1)*grad[j]
		a.v[j] = b2*a.v[j] + (1-b2)*grad[j]*grad[j]
		mh := a.m[j] / (1 - math.Pow(b1, float64(a.t)))
		vh := a.v[j] / (1 - math.Pow(b2, float64(a.t)))
		params[j] -= rate * mh / (math.Sqrt(vh) + eps)
	}
}

// maxWrong is the share of questions the default threshold may answer
// wrongly, on average over the sets: one in twenty.
const maxWrong = 0.05

// ChooseThreshold picks the confidence threshold, from 0.30 to 0.95 in
// steps of 0.01: the lowest (so the one that answers the most) at which the
// average over sets of the share of questions answered wrongly is at most
// maxWrong. A wrong answer is worse than none, so the risk is what is
// fixed, and coverage what is gained. Keywords are left out: the risk is
// that of members' questions.
func ChooseThreshold(m *index.Model, examples []Example, sets int) float64 {
	examples = wholeQuestions(examples)
	type judged struct {
		set         int
		conf        float64
		right, some bool
	}
	js := make([]judged, len(examples))
	count := make([]float64, sets)
	for k := range examples {
		c, r, a := Judge(m, &examples[k])
		js[k] = judged{examples[k].Set, c, r, a}
		count[examples[k].Set]++
	}
	for t := 30; t <= 95; t++ {
		th := float64(t) / 100
		wrong := make([]float64, sets)
		for _, j := range js {
			if j.some && j.conf >= th && !j.right {
				wrong[j.set]++
			}
		}
		total, n := 0.0, 0.0
		for s := range wrong {
			if count[s] > 0 {
				total += wrong[s] / count[s]
				n++
			}
		}
		if total/n <= maxWrong {
			return th
		}
	}
	return 0.95
}
