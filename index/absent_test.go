package index

import (
	"context"
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"faqbot/content"
)

// TestAbsentTermsScoreAlike checks that the query Search sends, where terms
// no FAQ question or no title holds are absentTerms, finds the same
// passages in the same order with bit for bit the same scores as the query
// of term queries alone: the ranking model reads those scores.
func TestAbsentTermsScoreAlike(t *testing.T) {
	ctx := context.Background()
	faq, err := content.LoadPath(ctx, "../eval/testdata/community-faq/corpus.jsonl", content.Options{})
	if err != nil || faq.Err() != nil {
		t.Fatalf("load community-faq: %v %v", err, faq.Err())
	}
	faqQuestions := readQueries(t, "../eval/testdata/community-faq/queries.jsonl")
	gen := generateCorpus(3000)
	tests := []struct {
		name      string
		passages  []content.Passage
		questions []string
	}{
		{"community FAQ", faq.Passages, faqQuestions},
		{"generated", gen.passages, gen.questions[:500]},
	}
	if c := corpusOf(t, 2067); c.source == "squad-dev" {
		tests = append(tests, struct {
			name      string
			passages  []content.Passage
			questions []string
		}{"squad-dev", c.passages, c.questions[:2000]})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := Build(ctx, tt.passages, benchOptions(t))
			if err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			absent := 0
			for _, question := range tt.questions {
				q, err := ix.parse(ctx, question)
				if err != nil {
					t.Fatal(err)
				}
				if len(q.terms) == 0 {
					continue
				}
				got, want := bleveHits(t, ix, ix.query(&q)), bleveHits(t, ix, termQuery(ix, &q))
				absent += countAbsent(ix.query(&q))
				if len(got) != len(want) {
					t.Fatalf("%q: %d hits, want %d", question, len(got), len(want))
				}
				for k := range got {
					if got[k] != want[k] {
						t.Fatalf("%q: hit %d is %v, want %v", question, k, got[k], want[k])
					}
				}
			}
			if absent == 0 {
				t.Fatal("no clause was absent: the test compares nothing")
			}
			t.Logf("%d questions, %d absent clauses", len(tt.questions), absent)
		})
	}
}

type scoredHit struct {
	id    string
	score uint64 // bits of the float
}

func bleveHits(t *testing.T, ix *Index, q query.Query) []scoredHit {
	t.Helper()
	sr, err := ix.bleve.SearchInContext(context.Background(), bleve.NewSearchRequestOptions(q, candidates, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	var out []scoredHit
	for _, h := range sr.Hits {
		out = append(out, scoredHit{h.ID, math.Float64bits(h.Score)})
	}
	return out
}

// termQuery is the query with a term query (a synonymTerm for a term with
// synonyms) for every term in every field.
func termQuery(ix *Index, q *parsed) query.Query {
	field := func(name string, boost float64) query.Query {
		d := query.NewDisjunctionQuery(nil)
		for _, t := range q.terms {
			if syns := ix.equivalents[t.term]; len(syns) > 0 {
				d.AddQuery(&synonymTerm{term: t.term, synonyms: syns, field: name, boost: boost})
				continue
			}
			tq := query.NewTermQuery(t.term)
			tq.SetField(name)
			tq.SetBoost(boost)
			d.AddQuery(tq)
		}
		return d
	}
	return query.NewDisjunctionQuery([]query.Query{field(fieldBody, 1), field(fieldQuestion, questionBoost), field(fieldTitle, titleBoost)})
}

func countAbsent(q query.Query) int {
	n := 0
	for _, f := range q.(*query.DisjunctionQuery).Disjuncts {
		for _, c := range f.(*query.DisjunctionQuery).Disjuncts {
			if _, ok := c.(*absentTerm); ok {
				n++
			}
		}
	}
	return n
}
