package index

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"

	"faqbot/content"
)

// fingerprintKey is the Bleve internal key holding the content fingerprint;
// it is written last, so an index without it was never finished.
const fingerprintKey = "faqbot.fingerprint"

// openTimeout bounds the wait for an index's files held by another process.
const openTimeout = 2 * time.Second

// Index is a searchable set of passages. It is safe for concurrent use.
type Index struct {
	bleve       bleve.Index
	dir         string
	fingerprint string
	passages    []content.Passage
	byID        map[string]int
	byRef       map[string]int // made on first use (see refs): a restart need not hash every ID
	refsOnce    sync.Once
	analyzer    analysis.Analyzer
	surface     analysis.Analyzer   // the analyzer without stemming, for letter trigrams
	full        analysis.Analyzer   // the analyzer keeping stop words, for phrasings' words
	equivalents map[string][]string // analysed term -> analysed synonyms
	corpus      *corpus             // every passage analysed, for ranking
	// analysisSaved is true when the corpus was read from the index's
	// directory rather than analysed afresh.
	analysisSaved bool
	phrases       *phraseIndex // phrasings and headings by word and trigram
	fields        *fieldTerms  // which terms FAQ questions and titles hold (see absentTerm)
	suggest       *suggester   // made on first use (see suggestions)
	suggestOnce   sync.Once

	scratch    sync.Pool // of *scratch sized to the vocabulary
	candidates sync.Pool // of *[]Candidate, for Search

	termsOnce sync.Once // reads terms, for spelling correction
	terms     []string
	termsErr  error
}

// newIndex wraps a Bleve index of passages and analyses them (see
// analyseContent).
func newIndex(ctx context.Context, bi bleve.Index, passages []content.Passage, opts Options, reuse bool) (*Index, error) {
	ix, err := wrapIndex(bi, passages, opts)
	if err != nil {
		return nil, err
	}
	if err := ix.analyseContent(ctx, opts, reuse); err != nil {
		return nil, err
	}
	return ix, nil
}

// wrapIndex wraps a Bleve index of passages, not yet analysed.
func wrapIndex(bi bleve.Index, passages []content.Passage, opts Options) (*Index, error) {
	ix := &Index{
		bleve:    bi,
		dir:      opts.Dir,
		passages: passages,
		byID:     make(map[string]int, len(passages)),
		analyzer: bi.Mapping().AnalyzerNamed(analyzerName),
	}
	if ix.analyzer == nil {
		return nil, fmt.Errorf("open index: analyzer %q missing", analyzerName)
	}
	for i, p := range passages {
		if _, dup := ix.byID[p.ID]; dup {
			return nil, fmt.Errorf("open index: duplicate passage id %q (%s)", p.ID, p.Source())
		}
		ix.byID[p.ID] = i
	}
	ix.fingerprint = opts.fingerprint
	if ix.fingerprint == "" {
		ix.fingerprint = Fingerprint(passages, opts.Synonyms)
	}
	ix.setSynonyms(opts.Synonyms)
	ix.surface, ix.full = variants(ix.analyzer)
	return ix, nil
}

// analyseContent gives the index its analysis of every passage. With reuse,
// the analysis saved beside an index on disk is read instead of analysing
// every passage again.
func (ix *Index) analyseContent(ctx context.Context, opts Options, reuse bool) error {
	passages := ix.passages
	switch {
	case opts.savedCorpus != nil:
		// Read beside the content (see Store.OpenSaved).
		r := <-opts.savedCorpus
		if r.err == nil && len(r.c.docs) != len(passages) {
			r.c, r.err = nil, fmt.Errorf("%w: %d passages, want %d", errNoAnalysis, len(r.c.docs), len(passages))
		}
		if r.err != nil {
			opts.logger().Debug("analysing the content again", "dir", ix.dir, "err", r.err)
		}
		ix.corpus, ix.analysisSaved = r.c, r.c != nil
	case reuse && ix.dir != "":
		c, err := loadCorpus(ix.dir, ix.fingerprint, len(passages))
		if err != nil {
			opts.logger().Debug("analysing the content again", "dir", ix.dir, "err", err)
		}
		ix.corpus, ix.analysisSaved = c, c != nil
	}
	if ix.corpus == nil {
		c, err := analyse(ctx, ix.analyzer, ix.surface, ix.full, passages)
		if err != nil {
			return err
		}
		ix.corpus = c
	}
	ix.phrases = newPhraseIndex(ix.corpus)
	ix.fields = ix.newFieldTerms()
	// The related-word table is unpacked on its first use; unpacking it now,
	// beside what is left of opening, keeps that off the first question.
	go relatedStems("")
	go englishWord("") // spelling correction's list of real words, likewise
	vocab := len(ix.corpus.df)
	ix.scratch.New = func() any { return newScratch(vocab) }
	ix.candidates.New = func() any { return new([]Candidate) }
	return nil
}

// Fingerprint identifies what an index built from passages and synonyms
// contains: equal fingerprints mean an existing index can be reused. Only
// what reaches Bleve counts (not links or line numbers, which are always
// taken from the freshly read content). Strings are hashed length-prefixed,
// which is unambiguous and much faster than encoding them.
func Fingerprint(passages []content.Passage, synonyms []content.Synonym) string {
	h := sha256.New()
	var buf []byte
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	strs := func(ss []string) {
		buf = binary.AppendUvarint(buf, uint64(len(ss)))
		for _, s := range ss {
			str(s)
		}
	}
	str(schemaVersion)
	for i := range passages {
		p := &passages[i]
		str(p.ID)
		str(string(p.Kind))
		str(p.Title)
		str(p.Section)
		str(p.Question)
		strs(p.Aliases)
		str(p.Text)
		if len(buf) > 64<<10 {
			h.Write(buf)
			buf = buf[:0]
		}
	}
	for _, s := range synonyms {
		strs(s.Input)
		strs(s.Terms)
	}
	h.Write(buf)
	return hex.EncodeToString(h.Sum(nil))
}

// setSynonyms prepares the moderators' synonyms as analysed equivalents,
// which both the Bleve query (see synonymTerm) and the re-ranker use. A
// synonym that analyses to more than one term is left out, as Bleve's own
// thesaurus would leave it out.
func (ix *Index) setSynonyms(syns []content.Synonym) {
	ix.equivalents = map[string][]string{}
	add := func(from, to string) {
		if from == "" || to == "" || from == to {
			return
		}
		for _, t := range ix.equivalents[from] {
			if t == to {
				return
			}
		}
		ix.equivalents[from] = append(ix.equivalents[from], to)
	}
	for _, s := range syns {
		if len(s.Terms) == 0 {
			continue
		}
		terms := ix.singleTerms(s.Terms)
		if len(s.Input) == 0 {
			for _, a := range terms {
				for _, b := range terms {
					add(a, b)
				}
			}
			continue
		}
		for _, a := range ix.singleTerms(s.Input) {
			for _, b := range terms {
				add(a, b)
			}
		}
	}
}

// singleTerms analyses words, keeping those that stay one term.
func (ix *Index) singleTerms(words []string) []string {
	var out []string
	for _, w := range words {
		toks := ix.analyzer.Analyze([]byte(w))
		if len(toks) == 1 {
			out = append(out, string(toks[0].Term))
		}
	}
	return out
}

// Len is the number of passages in the index (synonym definitions, which
// Bleve stores as documents too, are not counted).
func (ix *Index) Len() int { return len(ix.passages) }

// Passages returns the indexed passages in content order. The slice must not
// be modified.
func (ix *Index) Passages() []content.Passage { return ix.passages }

// Passage returns the passage with the given ID.
func (ix *Index) Passage(id string) (content.Passage, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return content.Passage{}, false
	}
	return ix.passages[i], true
}

// Dir is the index directory, "" for an in-memory index.
func (ix *Index) Dir() string { return ix.dir }

// ContentFingerprint identifies the content the index was built from.
func (ix *Index) ContentFingerprint() string { return ix.fingerprint }

// Close releases the Bleve index. Searches must have finished.
func (ix *Index) Close() error {
	if err := ix.bleve.Close(); err != nil {
		return fmt.Errorf("close index %q: %w", ix.dir, err)
	}
	return nil
}

// Open opens the complete index in dir and checks that it was built from
// exactly these passages and synonyms.
func Open(ctx context.Context, passages []content.Passage, opts Options) (*Index, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Another process holding the index files (which a Store prevents)
	// makes opening fail after a while instead of waiting for ever.
	bi, err := bleve.OpenUsing(opts.Dir, map[string]any{"bolt_timeout": openTimeout.String()})
	if err != nil {
		return nil, fmt.Errorf("open index %q: %w", opts.Dir, err)
	}
	ix, err := newIndex(ctx, bi, passages, opts, true)
	if err != nil {
		_ = bi.Close()
		return nil, err
	}
	got, err := bi.GetInternal([]byte(fingerprintKey))
	if err != nil || string(got) != ix.fingerprint {
		_ = bi.Close()
		if err == nil {
			err = errStale
		}
		return nil, fmt.Errorf("open index %q: %w", opts.Dir, err)
	}
	return ix, nil
}

// Ref is a short, stable reference to a passage ID, small enough for a
// Discord button's custom ID (at most 100 characters) whatever the ID.
func Ref(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:8])
}

// refs maps Ref of every passage's ID to the passage.
func (ix *Index) refs() map[string]int {
	ix.refsOnce.Do(func() {
		ix.byRef = make(map[string]int, len(ix.passages))
		for i := range ix.passages {
			ix.byRef[Ref(ix.passages[i].ID)] = i
		}
	})
	return ix.byRef
}

// ByRef finds a passage by its ID or by Ref of its ID.
func (ix *Index) ByRef(ref string) (content.Passage, bool) {
	if p, ok := ix.Passage(ref); ok {
		return p, true
	}
	i, ok := ix.refs()[ref]
	if !ok {
		return content.Passage{}, false
	}
	return ix.passages[i], true
}
