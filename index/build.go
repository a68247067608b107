package index

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"faqbot/content"
)

// batchSize is how many passages go into one Bleve batch: large enough to
// amortise segment creation, small enough to keep memory flat.
const batchSize = 1000

// In memory scorch never merges segments (it merges only on disk), so
// every batch stays a segment that each search visits, with term readers
// and their allocations per segment; yet Bleve holds a whole batch
// analysed while it makes the segment. Content of up to maxSmallMem
// passages is indexed in batches of batchSize, as it always was: the
// ranking model was fitted on indexes made that way, and Bleve's BM25 takes
// its "average length" from the number of terms in each segment's
// dictionary (scorch's FieldCardinality), so another layout moves every
// score a little. Larger content goes in batches of memBatch: 10,000
// passages take three segments (two, and the synonyms) instead of nine, and
// at 100,000 passages a batch takes about 60 MB while Bleve makes its
// segment (twice that at 10,000 a batch, for no measurable gain in speed at
// that size, where reading postings is most of a search).
const (
	maxSmallMem = 8000
	memBatch    = 5000
)

// Options configure building or opening an index.
type Options struct {
	// Dir is the directory of the Bleve index; "" keeps it in memory.
	Dir string
	// Synonyms are the moderators' synonym groups, indexed with the passages.
	Synonyms []content.Synonym
	// Log is told what opening an index recovered from (a damaged index
	// rebuilt, its analysis made again); nil: slog's default.
	Log *slog.Logger

	fingerprint string // of passages and synonyms, when already computed
	// savedCorpus, when set, gives the analysis saved beside an index on
	// disk, being read while the passages are.
	savedCorpus <-chan loadedCorpus
}

// logger is opts.Log, or slog's default.
func (opts Options) logger() *slog.Logger { return cmp.Or(opts.Log, slog.Default()) }

// Build indexes passages into a new index at opts.Dir (which must not exist)
// or in memory. Passage IDs must be unique.
func Build(ctx context.Context, passages []content.Passage, opts Options) (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	if opts.Dir != "" {
		if _, err := os.Stat(opts.Dir); err == nil {
			return nil, fmt.Errorf("build index: %s already exists", opts.Dir)
		}
	}
	// scorch in memory too: the old upsidedown engine behind NewMemOnly is
	// far slower and ignores BM25 and synonyms.
	bi, err := bleve.NewUsing(opts.Dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index %q: %w", opts.Dir, err)
	}
	// Bleve's segments are made before the passages are analysed: neither
	// needs the other, and a batch Bleve holds analysed while it makes a
	// segment then never stands beside the whole analysis in memory.
	ix, err := wrapIndex(bi, passages, opts)
	if err == nil {
		err = ix.fill(ctx)
	}
	if err == nil {
		err = ix.analyseContent(ctx, opts, false)
	}
	if err == nil {
		err = ix.finish()
	}
	if err != nil {
		_ = bi.Close()
		if opts.Dir != "" {
			_ = os.RemoveAll(opts.Dir)
		}
		return nil, err
	}
	return ix, nil
}

// fill writes the passages and synonyms into the empty Bleve index.
func (ix *Index) fill(ctx context.Context) error {
	size := batchSize
	if ix.dir == "" {
		size = memBatchSize(len(ix.passages))
	}
	b := ix.bleve.NewBatch()
	flush := func() error {
		if b.Size() == 0 {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("build index: %w", err)
		}
		if err := ix.bleve.Batch(b); err != nil {
			return fmt.Errorf("build index: write batch: %w", err)
		}
		b.Reset()
		return nil
	}
	for i := range ix.passages {
		p := &ix.passages[i]
		if err := b.Index(p.ID, toDocument(p)); err != nil {
			return fmt.Errorf("index passage %s (%s): %w", p.ID, p.Source(), err)
		}
		if b.Size() >= size {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// finish saves the analysis beside an index on disk, then records the
// fingerprint that marks the index as complete.
func (ix *Index) finish() error {
	if ix.dir != "" {
		if err := saveCorpus(ix.dir, ix.fingerprint, ix.corpus); err != nil {
			return fmt.Errorf("build index: %w", err)
		}
	}
	if err := ix.bleve.SetInternal([]byte(fingerprintKey), []byte(ix.fingerprint)); err != nil {
		return fmt.Errorf("build index: mark complete: %w", err)
	}
	return nil
}

// memBatchSize is how many of n passages go into one batch of an
// in-memory index.
func memBatchSize(n int) int {
	if n <= maxSmallMem {
		return batchSize
	}
	return memBatch
}

func toDocument(p *content.Passage) document {
	d := document{Body: p.Text, Title: p.Title, Kind: string(p.Kind)}
	if p.Section != "" && p.Section != p.Title {
		d.Title += "\n" + p.Section
	}
	if p.Kind == content.KindFAQ {
		d.Question = make([]string, 0, 1+len(p.Aliases))
		d.Question = append(d.Question, p.Question)
		d.Question = append(d.Question, p.Aliases...)
		d.Body = joinQuestion(p) + "\n" + p.Text
	}
	return d
}

// joinQuestion gives the question and its aliases as one text, one per line.
func joinQuestion(p *content.Passage) string {
	s := p.Question
	for _, a := range p.Aliases {
		s += "\n" + a
	}
	return s
}
