package index

import (
	"context"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// absentTerm is a term query for a term that no passage holds in the
// field: it matches nothing, as Bleve's term query for it would, and it
// weighs what that query would weigh. Bleve scores a disjunction with a
// query norm made from the weights of all its clauses, matching or not,
// and with the share of its clauses that match, so leaving such a clause
// out would change every score; keeping it as an absentTerm changes none,
// while sparing a lookup in every segment's term dictionary and its
// thesaurus (most question words are in no FAQ question and no title).
// A term with synonyms is a synonymTerm instead (see Index.query).
type absentTerm struct {
	term, field string
	boost       float64
}

// Searcher mirrors Bleve's term searcher for a term with no postings: the
// same scorer, made from the same statistics.
func (q *absentTerm) Searcher(ctx context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	if err := search.RecordTermSearcher(ctx); err != nil {
		return nil, err
	}
	count, err := r.DocCount()
	if err != nil {
		return nil, err
	}
	avg := 0.0
	if model, ok := ctx.Value(search.GetScoringModelCallbackKey).(search.GetScoringModelCallbackFn); ok && model() == bleveindex.BM25Scoring {
		card := 0
		if br, ok := r.(bleveindex.BM25Reader); ok {
			if card, err = br.FieldCardinality(q.field); err != nil {
				return nil, err
			}
		}
		if count > 0 || card > 0 {
			avg = math.Ceil(float64(card) / float64(count))
		}
	}
	return &absentSearcher{scorer: scorer.NewTermQueryScorer([]byte(q.term), q.field, q.boost, count, 0, avg, options)}, nil
}

// absentSearcher finds nothing and weighs what its scorer says.
type absentSearcher struct {
	scorer *scorer.TermQueryScorer
}

func (s *absentSearcher) Next(*search.SearchContext) (*search.DocumentMatch, error) { return nil, nil }
func (s *absentSearcher) Advance(*search.SearchContext, bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	return nil, nil
}
func (s *absentSearcher) Close() error               { return nil }
func (s *absentSearcher) Weight() float64            { return s.scorer.Weight() }
func (s *absentSearcher) SetQueryNorm(qnorm float64) { s.scorer.SetQueryNorm(qnorm) }
func (s *absentSearcher) Count() uint64              { return 0 }
func (s *absentSearcher) Min() int                   { return 0 }
func (s *absentSearcher) Size() int                  { return s.scorer.Size() }
func (s *absentSearcher) DocumentMatchPoolSize() int { return 1 }

// fieldTerms says which terms the FAQ questions (with their aliases) and
// the titles (with sections) hold, by term id.
type fieldTerms struct {
	question, title []bool
}

// newFieldTerms reads them from the analysis, which analyses every FAQ
// question and alias as Bleve's question field does, and the title with
// the section as the title field does.
func (ix *Index) newFieldTerms() *fieldTerms {
	c := ix.corpus
	f := &fieldTerms{question: make([]bool, len(c.df)), title: make([]bool, len(c.df))}
	for i := range c.docs {
		d := &c.docs[i]
		for _, s := range d.segs {
			if s.kind == segPhrasing {
				for _, id := range d.terms[s.start:s.end] {
					f.question[id] = true
				}
			}
		}
		for _, id := range d.title {
			f.title[id] = true
		}
	}
	return f
}

// absent reports whether no passage holds term in the field (question or
// title).
func (f *fieldTerms) absent(c *corpus, term string, in []bool) bool {
	id, ok := c.vocab[term]
	return !ok || !in[id]
}
