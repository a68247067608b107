package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// analysisFile is the file beside Bleve's in an index directory holding the
// corpus (every passage's analysis), so that reopening an index for the
// same content does not analyse every passage again.
const analysisFile = "faqbot-analysis.bin"

// analysisVersion changes whenever what analyse computes changes, so that
// an older file is analysed afresh rather than misread.
const analysisVersion = 1

// storedCorpus is a corpus as written to disk: flat arrays, one per field,
// with per-passage and per-segment offsets, which encode and decode fast and
// come back as a few large allocations rather than millions of small ones
// (see encoder).
type storedCorpus struct {
	Version     int
	Fingerprint string
	Vocab       []string // term by id
	DF, WordDF  []uint32
	AvgLen      float64
	AvgPhrase   float64
	Phrasings   int

	DocTerms  []uint32 // passage i's tokens are Terms[DocTerms[i]:DocTerms[i+1]]
	Terms     []uint32
	Pos       []uint16
	DocTitle  []uint32 // the same for Title
	Title     []uint32
	Keys      []uint64
	DocSegs   []uint32 // passage i's segments are segments DocSegs[i] to DocSegs[i+1]
	SegKind   []uint8
	SegStart  []int32 // within the passage's tokens
	SegEnd    []int32
	Distinct  []uint16
	Weight    []float32
	Span      []int32  // two per segment
	SegGrams  []uint32 // segment k's trigrams are Grams[SegGrams[k]:SegGrams[k+1]]
	Grams     []uint32
	SegWords  []uint32 // the same for Words
	Words     []uint32
	SegAsks   []uint8 // index into Asks
	AsksTable []string
}

// errNoAnalysis says that an index directory has no usable analysis file.
var errNoAnalysis = errors.New("no analysis for this content")

// analysisMagic opens an analysis file.
const analysisMagic = "faqbot-analysis"

// saveCorpus writes c to dir for content of fingerprint fp.
func saveCorpus(dir, fp string, c *corpus) error {
	path := filepath.Join(dir, analysisFile)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("save analysis: %w", err)
	}
	if err := encodeFile(f, flatten(c, fp).encode); err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("save analysis %s: %w", path, err)
	}
	return nil
}

// loadCorpus reads the corpus saved in dir for content of fingerprint fp
// and n passages (n < 0: as many as it holds); errNoAnalysis (wrapped)
// when there is none for it.
func loadCorpus(dir, fp string, n int) (*corpus, error) {
	f, err := os.Open(filepath.Join(dir, analysisFile))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errNoAnalysis, err)
	}
	defer func() { _ = f.Close() }()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errNoAnalysis, err)
	}
	d := newDecoder(f, info.Size())
	var s storedCorpus
	if !s.decode(d, fp) {
		return nil, fmt.Errorf("%w: %s is of other content or another version", errNoAnalysis, f.Name())
	}
	if d.err != nil {
		return nil, fmt.Errorf("%w: read %s: %w", errNoAnalysis, f.Name(), d.err)
	}
	if n < 0 {
		n = len(s.Keys)
	}
	c, err := unflatten(&s, n)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", errNoAnalysis, f.Name(), err)
	}
	return c, nil
}

func (s *storedCorpus) encode(e *encoder) {
	e.str(analysisMagic)
	e.uint(uint64(s.Version))
	e.str(s.Fingerprint)
	e.strs(s.Vocab)
	e.u32s(s.DF)
	e.u32s(s.WordDF)
	e.float(s.AvgLen)
	e.float(s.AvgPhrase)
	e.uint(uint64(s.Phrasings))
	e.u32s(s.DocTerms)
	e.u32s(s.Terms)
	e.u16s(s.Pos)
	e.u32s(s.DocTitle)
	e.u32s(s.Title)
	e.u64s(s.Keys)
	e.u32s(s.DocSegs)
	e.u8s(s.SegKind)
	e.i32s(s.SegStart)
	e.i32s(s.SegEnd)
	e.u16s(s.Distinct)
	e.f32s(s.Weight)
	e.i32s(s.Span)
	e.u32s(s.SegGrams)
	e.u32s(s.Grams)
	e.u32s(s.SegWords)
	e.u32s(s.Words)
	e.u8s(s.SegAsks)
	e.strs(s.AsksTable)
}

// decode reads what encode wrote, stopping with false at once when the
// file is of another version or other content.
func (s *storedCorpus) decode(d *decoder, fp string) bool {
	if d.str() != analysisMagic || d.uint() != analysisVersion || d.str() != fp || d.err != nil {
		return false
	}
	s.Version, s.Fingerprint = analysisVersion, fp
	s.Vocab = d.strs()
	s.DF = d.u32s()
	s.WordDF = d.u32s()
	s.AvgLen = d.float()
	s.AvgPhrase = d.float()
	s.Phrasings = int(d.length())
	s.DocTerms = d.u32s()
	s.Terms = d.u32s()
	s.Pos = d.u16s()
	s.DocTitle = d.u32s()
	s.Title = d.u32s()
	s.Keys = d.u64s()
	s.DocSegs = d.u32s()
	s.SegKind = d.u8s()
	s.SegStart = d.i32s()
	s.SegEnd = d.i32s()
	s.Distinct = d.u16s()
	s.Weight = d.f32s()
	s.Span = d.i32s()
	s.SegGrams = d.u32s()
	s.Grams = d.u32s()
	s.SegWords = d.u32s()
	s.Words = d.u32s()
	s.SegAsks = d.u8s()
	s.AsksTable = d.strs()
	return true
}

func flatten(c *corpus, fp string) *storedCorpus {
	s := &storedCorpus{Version: analysisVersion, Fingerprint: fp, Vocab: make([]string, len(c.df)),
		DF: c.df, WordDF: c.wordDF, AvgLen: c.avgLen, AvgPhrase: c.avgPhrase, Phrasings: c.phrasings}
	for t, id := range c.vocab {
		s.Vocab[id] = t
	}
	asks := map[string]uint8{}
	s.DocTerms, s.DocTitle, s.DocSegs = []uint32{0}, []uint32{0}, []uint32{0}
	s.SegGrams, s.SegWords = []uint32{0}, []uint32{0}
	for i := range c.docs {
		d := &c.docs[i]
		s.Terms = append(s.Terms, d.terms...)
		s.Pos = append(s.Pos, d.pos...)
		s.Title = append(s.Title, d.title...)
		s.Keys = append(s.Keys, d.key)
		for _, g := range d.segs {
			s.SegKind = append(s.SegKind, uint8(g.kind))
			s.SegStart, s.SegEnd = append(s.SegStart, g.start), append(s.SegEnd, g.end)
			s.Distinct, s.Weight = append(s.Distinct, g.distinct), append(s.Weight, g.weight)
			s.Span = append(s.Span, g.span[0], g.span[1])
			var w wording
			if g.wording != nil {
				w = *g.wording
			}
			s.Grams = append(s.Grams, w.grams...)
			s.Words = append(s.Words, w.words...)
			s.SegGrams, s.SegWords = append(s.SegGrams, uint32(len(s.Grams))), append(s.SegWords, uint32(len(s.Words)))
			k, ok := asks[w.asks]
			if !ok {
				k = uint8(len(s.AsksTable))
				asks[w.asks] = k
				s.AsksTable = append(s.AsksTable, w.asks)
			}
			s.SegAsks = append(s.SegAsks, k)
		}
		s.DocTerms = append(s.DocTerms, uint32(len(s.Terms)))
		s.DocTitle = append(s.DocTitle, uint32(len(s.Title)))
		s.DocSegs = append(s.DocSegs, uint32(len(s.SegKind)))
	}
	return s
}

// unflatten rebuilds a corpus of n passages from s, checking every offset,
// so that a damaged file is refused rather than read out of bounds.
func unflatten(s *storedCorpus, n int) (*corpus, error) {
	nv, nseg := len(s.Vocab), len(s.SegKind)
	switch {
	case len(s.DF) != nv || len(s.WordDF) != nv:
		return nil, errors.New("vocabulary counts do not match")
	case len(s.DocTerms) != n+1 || len(s.DocTitle) != n+1 || len(s.DocSegs) != n+1 || len(s.Keys) != n:
		return nil, errors.New("passage counts do not match")
	case len(s.Pos) != len(s.Terms) || len(s.SegStart) != nseg || len(s.SegEnd) != nseg || len(s.Distinct) != nseg ||
		len(s.Weight) != nseg || len(s.Span) != 2*nseg || len(s.SegGrams) != nseg+1 || len(s.SegWords) != nseg+1 ||
		len(s.SegAsks) != nseg:
		return nil, errors.New("segment counts do not match")
	}
	if !ascending(s.DocTerms, len(s.Terms)) || !ascending(s.DocTitle, len(s.Title)) || !ascending(s.DocSegs, nseg) ||
		!ascending(s.SegGrams, len(s.Grams)) || !ascending(s.SegWords, len(s.Words)) {
		return nil, errors.New("offsets out of order")
	}
	for _, ids := range [][]uint32{s.Terms, s.Title, s.Words} {
		for _, id := range ids {
			if int(id) >= nv {
				return nil, errors.New("term id out of range")
			}
		}
	}
	for _, a := range s.SegAsks {
		if int(a) >= len(s.AsksTable) {
			return nil, errors.New("question word out of range")
		}
	}
	c := &corpus{vocab: make(map[string]termID, nv), df: s.DF, wordDF: s.WordDF, docs: make([]analysed, n),
		avgLen: s.AvgLen, avgPhrase: s.AvgPhrase, phrasings: s.Phrasings}
	for id, t := range s.Vocab {
		c.vocab[t] = termID(id)
	}
	segs := make([]segment, nseg)
	worded := 0
	for _, k := range s.SegKind {
		if segKind(k) != segSentence {
			worded++
		}
	}
	wordings := make([]wording, 0, worded)
	for k := range segs {
		segs[k] = segment{kind: segKind(s.SegKind[k]), start: s.SegStart[k], end: s.SegEnd[k], distinct: s.Distinct[k],
			weight: s.Weight[k], span: [2]int32{s.Span[2*k], s.Span[2*k+1]}}
		if segs[k].kind == segSentence {
			continue
		}
		w := wording{asks: s.AsksTable[s.SegAsks[k]]}
		if g := s.Grams[s.SegGrams[k]:s.SegGrams[k+1]:s.SegGrams[k+1]]; len(g) > 0 {
			w.grams = g
		}
		if ws := s.Words[s.SegWords[k]:s.SegWords[k+1]:s.SegWords[k+1]]; len(ws) > 0 {
			w.words = ws
		}
		wordings = append(wordings, w)
		segs[k].wording = &wordings[len(wordings)-1]
	}
	for i := range c.docs {
		d := &c.docs[i]
		a, b := s.DocTerms[i], s.DocTerms[i+1]
		if b > a {
			d.terms, d.pos = s.Terms[a:b:b], s.Pos[a:b:b]
		}
		if t := s.Title[s.DocTitle[i]:s.DocTitle[i+1]:s.DocTitle[i+1]]; len(t) > 0 {
			d.title = t
		}
		if g := segs[s.DocSegs[i]:s.DocSegs[i+1]:s.DocSegs[i+1]]; len(g) > 0 {
			d.segs = g
		}
		d.key = s.Keys[i]
		for _, g := range d.segs {
			if g.start < 0 || g.start > g.end || int(g.end) > len(d.terms) {
				return nil, errors.New("segment out of range")
			}
		}
	}
	return c, nil
}

// ascending reports whether offsets start at 0, never fall and end at n.
func ascending(offsets []uint32, n int) bool {
	if len(offsets) == 0 || offsets[0] != 0 || int(offsets[len(offsets)-1]) != n {
		return false
	}
	for i := 1; i < len(offsets); i++ {
		if offsets[i] < offsets[i-1] {
			return false
		}
	}
	return true
}
