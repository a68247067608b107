package eval

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"faqbot/content"
)

// Baseline is how a stock BM25 ranks the same questions: what faqbot's own
// ranking must beat on every set.
type Baseline struct {
	AccAt1  float64 `json:"acc@1"`
	MRRAt10 float64 `json:"mrr@10"`
}

// stockBM25 is the baseline: a plain Bleve match query with the English
// analyzer (stemming, stop words) over each passage's question, aliases
// and text in one field, scored with BM25.
type stockBM25 struct {
	bi    bleve.Index
	items map[string]string // passage ID -> item ID
}

// baselineBatch is how many passages go into one batch of the baseline's
// index: Bleve holds a batch analysed, about 25 KB a passage, while it makes
// a segment, and the baseline's own speed is not measured.
const baselineBatch = 2000

func newStockBM25(ctx context.Context, passages []content.Passage) (*stockBM25, error) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = en.AnalyzerName
	m.ScoringModel = "bm25"
	// Only what a match query on "text" reads: no doc values, no "_all"
	// field (both copies of every term), which cost as much memory as the
	// field itself and change no score.
	m.StoreDynamic, m.IndexDynamic, m.DocValuesDynamic = false, false, false
	f := bleve.NewTextFieldMapping()
	f.Analyzer = en.AnalyzerName
	f.Store = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("text", f)
	m.DefaultMapping = doc
	bi, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("baseline index: %w", err)
	}
	b := &stockBM25{bi: bi, items: make(map[string]string, len(passages))}
	batch := bi.NewBatch()
	for i, p := range passages {
		text := strings.Join(append(append([]string{p.Question}, p.Aliases...), p.Text), "\n")
		if err := batch.Index(p.ID, map[string]any{"text": text}); err != nil {
			_ = bi.Close()
			return nil, fmt.Errorf("baseline index %s: %w", p.ID, err)
		}
		b.items[p.ID] = p.ItemID()
		if batch.Size() < baselineBatch && i < len(passages)-1 {
			continue
		}
		if err := ctx.Err(); err != nil {
			_ = bi.Close()
			return nil, err
		}
		if err := bi.Batch(batch); err != nil {
			_ = bi.Close()
			return nil, fmt.Errorf("baseline index: %w", err)
		}
		batch.Reset()
	}
	return b, nil
}

// rank is the 1-based rank of the first relevant passage among the top
// ten distinct items, 0 when none is.
func (b *stockBM25) rank(ctx context.Context, q Query) (int, error) {
	mq := bleve.NewMatchQuery(q.Query)
	mq.SetField("text")
	res, err := b.bi.SearchInContext(ctx, bleve.NewSearchRequestOptions(mq, 20, 0, false))
	if err != nil {
		return 0, fmt.Errorf("baseline search: %w", err)
	}
	seen := map[string]bool{}
	for _, h := range res.Hits {
		item := b.items[h.ID]
		if seen[item] {
			continue
		}
		seen[item] = true
		if len(seen) > 10 {
			break
		}
		if slices.Contains(q.Relevant, item) || slices.Contains(q.Relevant, h.ID) {
			return len(seen), nil
		}
	}
	return 0, nil
}

func (b *stockBM25) Close() error { return b.bi.Close() }

// baselineRanks ranks every answerable query with the stock BM25 (0 for
// out-of-scope ones).
func baselineRanks(ctx context.Context, passages []content.Passage, qs []Query) ([]int, error) {
	b, err := newStockBM25(ctx, passages)
	if err != nil {
		return nil, err
	}
	defer func() { _ = b.Close() }()
	ranks := make([]int, len(qs))
	for i, q := range qs {
		if len(q.Relevant) == 0 {
			continue
		}
		if ranks[i], err = b.rank(ctx, q); err != nil {
			return nil, err
		}
	}
	return ranks, nil
}

// summarizeBaseline gives acc@1 and mrr@10 over the answerable queries.
func summarizeBaseline(qs []Query, ranks []int) Baseline {
	var b Baseline
	n := 0
	for i, q := range qs {
		if len(q.Relevant) == 0 {
			continue
		}
		n++
		if ranks[i] == 1 {
			b.AccAt1++
		}
		if ranks[i] > 0 {
			b.MRRAt10 += 1 / float64(ranks[i])
		}
	}
	if n > 0 {
		b.AccAt1, b.MRRAt10 = round(b.AccAt1/float64(n)), round(b.MRRAt10/float64(n))
	}
	return b
}
