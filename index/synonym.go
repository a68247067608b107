package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bleveindex "github.com/blevesearch/bleve_index_api"
)

// synonymTerm is a term query that also finds the term's synonyms, and
// scores a passage by the best of them: synonyms find passages; they do
// not add up. Bleve's own synonym search sums them and multiplies by the
// share of them found, so with "reload, refresh, update" a passage using
// "reload" alone scored under a third of one using all three, however
// well "reload" matched.
type synonymTerm struct {
	term     string
	synonyms []string
	field    string
	boost    float64
}

// Searcher makes a term searcher for the term and each synonym, and takes
// the best score of those that match a passage.
func (q *synonymTerm) Searcher(ctx context.Context, r bleveindex.IndexReader, _ mapping.IndexMapping, options search.SearcherOptions) (search.Searcher, error) {
	s := &bestOf{}
	add := func(term string) error {
		t, err := searcher.NewTermSearcher(ctx, r, term, q.field, q.boost, options)
		if err != nil {
			_ = s.Close()
			return fmt.Errorf("search %s for %q: %w", q.field, term, err)
		}
		s.searchers = append(s.searchers, t)
		return nil
	}
	for _, term := range append([]string{q.term}, q.synonyms...) {
		if err := add(term); err != nil {
			return nil, err
		}
	}
	s.currs = make([]*search.DocumentMatch, len(s.searchers))
	return s, nil
}

// bestOf merges searchers over the same field into one, scoring each
// passage by the best score any of them gives it. The first searcher is
// the member's own word: the query weighs what that word alone would weigh.
type bestOf struct {
	searchers []search.Searcher
	currs     []*search.DocumentMatch // each searcher's next match, nil when done
	started   bool
	id        bleveindex.IndexInternalID // the passage being merged
}

// start reads each searcher's first match.
func (s *bestOf) start(ctx *search.SearchContext) error {
	s.started = true
	for i, t := range s.searchers {
		m, err := t.Next(ctx)
		if err != nil {
			return err
		}
		s.currs[i] = m
	}
	return nil
}

// Next is the next passage any searcher matches, with the best score.
func (s *bestOf) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if !s.started {
		if err := s.start(ctx); err != nil {
			return nil, err
		}
	}
	s.id = s.id[:0]
	for _, c := range s.currs {
		if c != nil && (len(s.id) == 0 || c.IndexInternalID.Compare(s.id) < 0) {
			s.id = append(s.id[:0], c.IndexInternalID...)
		}
	}
	if len(s.id) == 0 {
		return nil, nil
	}
	var best *search.DocumentMatch
	for i, c := range s.currs {
		if c == nil || c.IndexInternalID.Compare(s.id) != 0 {
			continue
		}
		switch {
		case best == nil:
			best = c
		case c.Score > best.Score:
			ctx.DocumentMatchPool.Put(best)
			best = c
		default:
			ctx.DocumentMatchPool.Put(c)
		}
		next, err := s.searchers[i].Next(ctx)
		if err != nil {
			return nil, err
		}
		s.currs[i] = next
	}
	return best, nil
}

// Advance skips to the first passage at or after id.
func (s *bestOf) Advance(ctx *search.SearchContext, id bleveindex.IndexInternalID) (*search.DocumentMatch, error) {
	s.started = true
	for i, t := range s.searchers {
		c := s.currs[i]
		if c != nil && c.IndexInternalID.Compare(id) >= 0 {
			continue
		}
		if c != nil {
			ctx.DocumentMatchPool.Put(c)
		}
		m, err := t.Advance(ctx, id)
		if err != nil {
			return nil, err
		}
		s.currs[i] = m
	}
	return s.Next(ctx)
}

// Close closes every searcher.
func (s *bestOf) Close() error {
	var first error
	for _, t := range s.searchers {
		if err := t.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Weight is the member's own word's: a question weighs the same whether
// or not its words have synonyms.
func (s *bestOf) Weight() float64 { return s.searchers[0].Weight() }

// SetQueryNorm passes the norm to every searcher.
func (s *bestOf) SetQueryNorm(qnorm float64) {
	for _, t := range s.searchers {
		t.SetQueryNorm(qnorm)
	}
}

// Count is at most the sum of the searchers' counts.
func (s *bestOf) Count() uint64 {
	n := uint64(0)
	for _, t := range s.searchers {
		n += t.Count()
	}
	return n
}

// Min is 0: one searcher matching is enough.
func (s *bestOf) Min() int { return 0 }

// Size estimates the memory the searchers hold.
func (s *bestOf) Size() int {
	n := 0
	for _, t := range s.searchers {
		n += t.Size()
	}
	return n
}

// DocumentMatchPoolSize is the matches the searchers hold at once, and
// their own.
func (s *bestOf) DocumentMatchPoolSize() int {
	n := len(s.searchers)
	for _, t := range s.searchers {
		n += t.DocumentMatchPoolSize()
	}
	return n
}
