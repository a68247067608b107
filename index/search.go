package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

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
	res, _, err := ix.search(ctx, question, n)
	return res, err
}

// search is SearchTop, also giving the confidence model's inputs (for
// fitting the model).
func (ix *Index) search(ctx context.Context, question string, n int) (Result, [numSignals]float64, error) {
	var x [numSignals]float64
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return Result{}, x, fmt.Errorf("search: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return Result{}, x, fmt.Errorf("search: open reader: %w", err)
	}
	q, err := ix.parse(ctx, r, question)
	_ = r.Close()
	if err != nil {
		return Result{}, x, fmt.Errorf("search %q: %w", truncate(question, 80), err)
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
	if len(q.terms) == 0 {
		return res, x, nil
	}
	req := bleve.NewSearchRequestOptions(ix.query(&q), max(candidates, n), 0, false)
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return Result{}, x, fmt.Errorf("search %q: %w", truncate(q.text, 80), err)
	}
	res.Reason = ReasonNoMatch
	type ranked struct {
		i int
		f features
		s float64
	}
	m := newMatcher(&q)
	var hits []ranked
	for _, h := range sr.Hits {
		i, ok := ix.byID[h.ID]
		if !ok {
			continue
		}
		f := ix.rank(&q, m, &ix.passages[i], h.Score)
		hits = append(hits, ranked{i, f, f.score()})
	}
	if len(hits) == 0 {
		return res, x, nil
	}
	// Best first; equal scores keep content order.
	slices.SortStableFunc(hits, func(a, b ranked) int { return cmp.Or(cmp.Compare(b.s, a.s), cmp.Compare(a.i, b.i)) })
	// Keep distinct items: parts of one split passage, or the same text
	// filed twice, are one answer.
	seen := map[string]bool{}
	var kept []ranked
	for _, h := range hits {
		p := &ix.passages[h.i]
		k1, k2 := "id:"+p.ItemID(), "text:"+strings.ToLower(strings.TrimSpace(p.Text))
		if seen[k1] || seen[k2] {
			continue
		}
		seen[k1], seen[k2] = true, true
		kept = append(kept, h)
	}
	var next features
	if len(kept) > 1 {
		next = kept[1].f
	}
	x = signals(&q, kept[0].f, next, idf(0, float64(len(ix.passages))))
	res.Confidence = confidence.predict(x)
	res.Reason = ReasonNone
	for _, h := range kept[:min(len(kept), max(n, 1))] {
		p := ix.passages[h.i]
		res.Hits = append(res.Hits, Hit{Passage: p, Score: h.s, Excerpt: ix.excerpt(&q, m, &p)})
	}
	return res, x, nil
}

// query builds the Bleve query: each term on the body, on FAQ questions and
// on titles, as term queries (already analysed; synonyms still apply).
func (ix *Index) query(q *parsed) query.Query {
	field := func(name string, boost float64) query.Query {
		d := query.NewDisjunctionQuery(nil)
		for _, t := range q.terms {
			tq := query.NewTermQuery(t.term)
			tq.SetField(name)
			tq.SetBoost(boost) // a disjunction's own boost is not applied
			d.AddQuery(tq)
		}
		return d
	}
	return query.NewDisjunctionQuery([]query.Query{
		field(fieldBody, 1),
		field(fieldQuestion, questionBoost),
		field(fieldTitle, titleBoost),
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
