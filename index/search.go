package index

import (
	"context"
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"faqbot/content"
)

// candidates is how many passages Bleve hands to the re-ranker.
const candidates = 30

// maxHits is how many distinct passages a Result carries: the answer and up
// to three alternatives.
const maxHits = 4

// Boosts of the Bleve clauses, relative to the body.
const (
	questionBoost = 1.0 // FAQ questions and aliases count twice (they are in the body too)
	titleBoost    = 0.3 // titles give context but are shared by many passages
)

var errStale = errors.New("index was built from other content")

// Reason says why a Result has no answer.
type Reason string

// Reasons for not answering.
const (
	ReasonNone          Reason = ""               // answered
	ReasonNoTerms       Reason = "no_terms"       // nothing searchable in the question
	ReasonNoMatch       Reason = "no_match"       // no passage shares a word with it
	ReasonLowConfidence Reason = "low_confidence" // best passage below the threshold
)

// Hit is one passage found for a question.
type Hit struct {
	Passage content.Passage
	// Score is the re-ranked relevance (higher is better; not a probability).
	Score float64
	// Excerpt is the passage text to show: the whole text when short, else
	// the sentences that match best, with "…" where text was left out.
	Excerpt string
}

// Result is the outcome of a search.
type Result struct {
	// Question is the question as searched (trimmed and capped).
	Question string
	// Answered is true when the best hit is confident enough to be given
	// as the answer. Search leaves it false: a Policy decides.
	Answered bool
	// Confidence in [0,1] that the best hit answers the question.
	Confidence float64
	// Reason is why there is no answer. Search sets ReasonNoTerms or
	// ReasonNoMatch when it found nothing to offer, and leaves ReasonNone
	// when it has a best passage; Policy.Apply then sets
	// ReasonLowConfidence when that passage is not confident enough.
	Reason Reason
	// Hits are distinct passages, best first (at most four).
	Hits []Hit
	// Corrections maps words of the question to the index terms they were
	// read as (spelling correction).
	Corrections map[string]string
}

// Answer is the best hit when the result is confident, else nil.
func (r Result) Answer() *Hit {
	if !r.Answered || len(r.Hits) == 0 {
		return nil
	}
	return &r.Hits[0]
}

// Alternatives are the other hits worth offering: after the answer when
// there is one, or the best three candidates when there is not.
func (r Result) Alternatives() []Hit {
	if r.Answered {
		return r.Hits[1:min(len(r.Hits), maxHits)]
	}
	return r.Hits[:min(len(r.Hits), maxHits-1)]
}

// Search finds the passages for a question: the best one, a confidence
// that it answers the question, and alternatives. Whether to answer is the
// caller's decision, through a Policy. The question is plain text; it never reaches a query
// language, and only its first MaxQuestionRunes characters are read.
func (ix *Index) Search(ctx context.Context, question string) (Result, error) {
	return ix.SearchTop(ctx, question, maxHits)
}

// SearchTop is Search with up to n distinct hits (for evaluation, which
// looks at the top ten).
func (ix *Index) SearchTop(ctx context.Context, question string, n int) (Result, error) {
	res, _, err := ix.search(ctx, question, n, true)
	return res, err
}

// Explain is what Search computes for a question before ranking, for
// fitting a Model.
func (ix *Index) Explain(ctx context.Context, question string) (Explanation, error) {
	_, e, err := ix.search(ctx, question, candidates, false)
	return e, err
}

// search finds up to n distinct hits for question; with finish false it
// stops at the explanation (no ranking, confidence or excerpts).
func (ix *Index) search(ctx context.Context, question string, n int, finish bool) (Result, Explanation, error) {
	var e Explanation
	q, err := ix.parse(ctx, question)
	if err != nil {
		return Result{}, e, fmt.Errorf("search %q: %w", truncate(question, 80), err)
	}
	res := Result{Question: q.text, Reason: ReasonNoTerms}
	for _, t := range q.terms {
		if t.corrected {
			if res.Corrections == nil {
				res.Corrections = map[string]string{}
			}
			res.Corrections[t.from] = t.term
		}
	}
	if len(q.terms) == 0 && len(q.words) == 0 {
		return res, e, nil
	}
	var hits []scored
	if len(q.terms) > 0 {
		req := bleve.NewSearchRequestOptions(ix.query(&q), max(candidates, n), 0, false)
		sr, err := ix.bleve.SearchInContext(ctx, req)
		if err != nil {
			return Result{}, e, fmt.Errorf("search %q: %w", truncate(q.text, 80), err)
		}
		for _, h := range sr.Hits {
			if i, ok := ix.byID[h.ID]; ok {
				hits = append(hits, scored{i, h.Score})
			}
		}
	}
	sc := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(sc)
	sc.prepare(len(q.terms))
	m := &sc.exact
	ix.corpus.match(&q, m)
	ix.corpus.matchRelated(&q, m, &sc.rel)
	have := make(map[int]bool, len(hits))
	for _, h := range hits {
		have[h.i] = true
	}
	for _, i := range ix.phrases.candidates(ix.corpus, &q, &sc.rel, have, extraCandidates) {
		hits = append(hits, scored{i, 0})
	}
	res.Reason = ReasonNoMatch
	e.terms, e.words = len(q.terms), len(q.words)
	if q.total > 0 {
		e.unknown, e.corrected = q.oov/q.total, q.fixed/q.total
	}
	if finish {
		// A search keeps nothing of its candidates (SearchTop drops the
		// explanation): their slice is reused.
		buf := ix.candidates.Get().(*[]Candidate)
		e.Candidates = (*buf)[:0]
		defer func() {
			clear(e.Candidates)
			*buf = e.Candidates[:0]
			ix.candidates.Put(buf)
		}()
	} else {
		e.Candidates = make([]Candidate, 0, len(hits))
	}
	for _, h := range hits {
		i := h.i
		p := &ix.passages[i]
		f, missing, exactAsks := ix.corpus.features(&q, sc, i, p.Kind == content.KindFAQ, h.score)
		e.Candidates = append(e.Candidates, Candidate{
			ID:        p.ID,
			ItemID:    p.ItemID(),
			Features:  f,
			missing:   missing,
			exactAsks: exactAsks,
			doc:       &ix.corpus.docs[i],
			key:       ix.corpus.docs[i].key,
			order:     i,
		})
	}
	if len(e.Candidates) == 0 || !finish {
		return res, e, nil
	}
	order, scores := e.Rank(&model)
	res.Confidence = model.Predict(e.Signals(order, scores))
	res.Reason = ReasonNone
	for k, c := range order[:min(len(order), max(n, 1))] {
		i := e.Candidates[c].order
		p := ix.passages[i]
		res.Hits = append(res.Hits, Hit{Passage: p, Score: scores[k], Excerpt: ix.excerpt(&q, m, i)})
	}
	return res, e, nil
}

// scored is a candidate passage with Bleve's score (0 for those the
// phrasing index added).
type scored struct {
	i     int
	score float64
}

// query builds the Bleve query: each term on the body, on FAQ questions and
// on titles, as term queries (already analysed). A term with synonyms is a
// synonymTerm; a term that no FAQ question or no title holds is an
// absentTerm there: scored alike, found without a lookup.
func (ix *Index) query(q *parsed) query.Query {
	field := func(name string, boost float64, in []bool) query.Query {
		d := query.NewDisjunctionQuery(nil)
		for _, t := range q.terms {
			if syns := ix.equivalents[t.term]; len(syns) > 0 {
				d.AddQuery(&synonymTerm{term: t.term, synonyms: syns, field: name, boost: boost})
				continue
			}
			if in != nil && ix.fields.absent(ix.corpus, t.term, in) {
				d.AddQuery(&absentTerm{term: t.term, field: name, boost: boost})
				continue
			}
			tq := query.NewTermQuery(t.term)
			tq.SetField(name)
			tq.SetBoost(boost) // a disjunction's own boost is not applied
			d.AddQuery(tq)
		}
		return d
	}
	return query.NewDisjunctionQuery([]query.Query{
		field(fieldBody, 1, nil),
		field(fieldQuestion, questionBoost, ix.fields.question),
		field(fieldTitle, titleBoost, ix.fields.title),
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
