package index

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"

	"faqbot/content"
)

// termID names an analysed term in an index's vocabulary.
type termID = uint32

// segKind says what a segment of a passage is.
type segKind uint8

// The kinds of segment: the units a question may match as a whole.
const (
	segPhrasing segKind = iota // an FAQ question or one of its aliases
	segHeading                 // the section heading a paragraph stands under
	segSentence                // one sentence of an answer or a paragraph
)

// segment is one unit of a passage: its tokens are analysed.terms[start:end].
// A passage has many sentences and few phrasings or headings, so what only
// those have is kept apart (wording), and a sentence takes 32 bytes.
type segment struct {
	start, end int32
	span       [2]int32 // byte range in Passage.Text (sentences only)
	weight     float32  // weight (idf) of its distinct terms together
	distinct   uint16   // distinct terms in it
	kind       segKind
	*wording   // phrasings and headings only; nil for sentences
}

// wording is how a phrasing or heading is compared with a question besides
// its terms.
type wording struct {
	grams []uint32 // letter trigrams of its words, sorted
	words []termID // its distinct words, stop words included
	asks  string   // its question word (see questionWord; phrasings only)
}

// analysed is a passage as ranking reads it, analysed once when the index
// is opened rather than on every question.
type analysed struct {
	terms []termID // body tokens, segment after segment
	pos   []uint16 // each token's position within its segment
	segs  []segment
	title []termID // distinct terms of the title and section
	key   uint64   // hash of the normalised text: the same text filed twice is one answer
}

// corpus is the analysed content of an index: a vocabulary, how many
// passages hold each term, and every passage's analysis.
type corpus struct {
	vocab     map[string]termID
	df        []uint32 // passages whose body holds the term
	docs      []analysed
	avgLen    float64  // mean body length in tokens, for BM25
	avgPhrase float64  // mean length of an FAQ phrasing, for BM25 of phrasings
	wordDF    []uint32 // per term: phrasings and headings holding it as a word (see countWords)
	phrasings int      // phrasings and headings
}

// cancelCheckEvery is how many passages analyse reads between looks at
// its context: a shutdown stops a large build within milliseconds.
const cancelCheckEvery = 512

// analyse reads every passage once with the index's analyser (and, for
// letter trigrams, with surface, the same analyser without stemming). It
// stops when ctx is done.
func analyse(ctx context.Context, a, surface, full analysis.Analyzer, passages []content.Passage) (*corpus, error) {
	c := &corpus{vocab: map[string]termID{}, docs: make([]analysed, len(passages))}
	total, phrTokens, phrs := 0, 0, 0
	var last []int32 // per term: the last passage counted in df, plus one
	// Each passage is analysed into buf, then copied to exactly its size
	// into large blocks: appending to every passage's own slices would
	// leave up to half of each unused, and give the collector millions of
	// objects to scan.
	var buf analysed
	var terms, title, grams arena[termID]
	var pos arena[uint16]
	var segs arena[segment]
	var wordings arena[wording]
	for i := range passages {
		if i%cancelCheckEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("analyse passages: %w", err)
			}
		}
		p := &passages[i]
		d := &buf
		d.terms, d.pos, d.segs, d.title = d.terms[:0], d.pos[:0], d.segs[:0], d.title[:0]
		add := func(kind segKind, text string, span [2]int32) {
			start := int32(len(d.terms))
			for _, tok := range a.Analyze([]byte(text)) {
				id := c.intern(tok.Term)
				d.terms = append(d.terms, id)
				d.pos = append(d.pos, uint16(min(tok.Position, math.MaxUint16)))
			}
			if end := int32(len(d.terms)); end > start {
				seg := segment{kind: kind, start: start, end: end, span: span}
				if kind != segSentence {
					var w wording
					if surface != nil {
						w = wording{grams: grams.copy(trigrams(surface, text)), words: grams.copy(c.words(full, text)),
							asks: questionWord(text)}
					}
					seg.wording = &wordings.copy([]wording{w})[0]
				}
				d.segs = append(d.segs, seg)
			}
		}
		switch {
		case p.Kind == content.KindFAQ:
			add(segPhrasing, p.Question, [2]int32{})
			for _, alias := range p.Aliases {
				add(segPhrasing, alias, [2]int32{})
			}
		case p.Section != "" && p.Section != p.Title:
			add(segHeading, p.Section, [2]int32{})
		}
		for _, sp := range content.SentenceSpans(p.Text) {
			add(segSentence, p.Text[sp[0]:sp[1]], [2]int32{int32(sp[0]), int32(sp[1])})
		}
		for _, tok := range a.Analyze([]byte(p.Title + "\n" + p.Section)) {
			id := c.intern(tok.Term)
			if !containsTerm(d.title, id) {
				d.title = append(d.title, id)
			}
		}
		total += len(d.terms)
		for _, s := range d.segs {
			if s.kind == segPhrasing {
				phrs++
				phrTokens += int(s.end - s.start)
			}
		}
		for len(last) < len(c.df) {
			last = append(last, 0)
		}
		for _, id := range d.terms {
			if last[id] != int32(i+1) {
				last[id] = int32(i + 1)
				c.df[id]++
			}
		}
		c.docs[i] = analysed{terms: terms.copy(d.terms), pos: pos.copy(d.pos), segs: segs.copy(d.segs),
			title: title.copy(d.title), key: textKey(p.Text)}
	}
	if len(passages) > 0 {
		c.avgLen = float64(total) / float64(len(passages))
	}
	c.avgLen = max(c.avgLen, 1)
	c.avgPhrase = 1
	if phrs > 0 {
		c.avgPhrase = max(float64(phrTokens)/float64(phrs), 1)
	}
	c.weighSegments()
	c.countWords()
	return c, nil
}

// arena hands out exactly sized copies of slices from large blocks.
type arena[T any] struct {
	block []T
}

// arenaBlock is the least number of elements of a block.
const arenaBlock = 1 << 16

// copy gives a copy of s (nil when s is empty) that cannot grow into its
// neighbours.
func (a *arena[T]) copy(s []T) []T {
	if len(s) == 0 {
		return nil
	}
	if len(s) > cap(a.block)-len(a.block) {
		a.block = make([]T, 0, max(arenaBlock, len(s)))
	}
	n := len(a.block)
	a.block = append(a.block, s...)
	return a.block[n:len(a.block):len(a.block)]
}

// words are the distinct terms of text analysed by full (stemmed, stop words
// kept), as ids in the corpus vocabulary.
func (c *corpus) words(full analysis.Analyzer, text string) []termID {
	var out []termID
	for _, tok := range full.Analyze([]byte(text)) {
		id := c.intern(tok.Term)
		if !containsTerm(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// countWords counts, for every word, the phrasings and headings that hold
// it: short questions are told apart by their small words too ("who made
// you", "where are you from"), weighted by how common each is.
func (c *corpus) countWords() {
	c.wordDF = make([]uint32, len(c.df))
	for i := range c.docs {
		for _, s := range c.docs[i].segs {
			if s.wording == nil {
				continue
			}
			if s.words != nil {
				c.phrasings++
			}
			for _, id := range s.words {
				c.wordDF[id]++
			}
		}
	}
}

// wordWeight is the weight of a word (an id, or -1 for one the content never
// uses) among phrasings and headings.
func (c *corpus) wordWeight(id int64) float64 {
	df := 0.0
	if id >= 0 && int(id) < len(c.wordDF) {
		df = float64(c.wordDF[id])
	}
	return idf(df, float64(c.phrasings))
}

// commonestWord is the one of words (at least one) that the most
// phrasings and headings hold, the first among equals.
func (c *corpus) commonestWord(words []string) string {
	best, bestDF := words[0], -1
	for _, w := range words {
		df := 0
		if id, ok := c.vocab[w]; ok && int(id) < len(c.wordDF) {
			df = int(c.wordDF[id])
		}
		if df > bestDF {
			best, bestDF = w, df
		}
	}
	return best
}

// intern gives the id of an analysed term, adding it to the vocabulary.
func (c *corpus) intern(term []byte) termID {
	if id, ok := c.vocab[string(term)]; ok {
		return id
	}
	id := termID(len(c.df))
	c.vocab[string(term)] = id
	c.df = append(c.df, 0)
	return id
}

// weighSegments totals, for every segment, the weight of its distinct
// terms, which says how much of a phrasing a question matches.
func (c *corpus) weighSegments() {
	n := float64(len(c.docs))
	seen := map[termID]bool{}
	for i := range c.docs {
		d := &c.docs[i]
		for k := range d.segs {
			s := &d.segs[k]
			clear(seen)
			w := 0.0
			for _, id := range d.terms[s.start:s.end] {
				if !seen[id] {
					seen[id] = true
					w += idf(float64(c.df[id]), n)
				}
			}
			s.distinct = uint16(min(len(seen), math.MaxUint16))
			s.weight = float32(w)
		}
	}
}

// docFreq is the number of passages whose body holds term.
func (c *corpus) docFreq(term string) uint64 {
	id, ok := c.vocab[term]
	if !ok {
		return 0
	}
	return uint64(c.df[id])
}

func containsTerm(ids []termID, id termID) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// textKey identifies a text whatever its case and surrounding space.
func textKey(text string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(strings.ToLower(strings.TrimSpace(text))))
	return h.Sum64()
}

// trigrams are the letter trigrams of the words of text (stop words left
// out, not stemmed, each word marked at both ends), as sorted distinct
// hashes: they match words that stemming does not join ("define" and
// "definition") and words with a typo.
func trigrams(surface analysis.Analyzer, text string) []uint32 {
	var out []uint32
	for _, tok := range surface.Analyze([]byte(text)) {
		r := append(append([]rune{'^'}, []rune(string(tok.Term))...), '$')
		for i := 0; i+3 <= len(r); i++ {
			h := fnv.New32a()
			_, _ = h.Write([]byte(string(r[i : i+3])))
			out = append(out, h.Sum32())
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// variants derives from a, when it is a chain with Bleve's stop word filter
// and Porter stemmer (as addAnalyzer makes), the same analysis without
// stemming (surface) and without stop words (full); nil otherwise.
func variants(a analysis.Analyzer) (surface, full analysis.Analyzer) {
	d, ok := a.(*analysis.DefaultAnalyzer)
	if !ok {
		return nil, nil
	}
	stem := slices.IndexFunc(d.TokenFilters, func(f analysis.TokenFilter) bool { _, ok := f.(*porter.PorterStemmer); return ok })
	stops := slices.IndexFunc(d.TokenFilters, func(f analysis.TokenFilter) bool { _, ok := f.(*stop.StopTokensFilter); return ok })
	if stem < 0 || stops < 0 {
		return nil, nil
	}
	without := func(k int) analysis.Analyzer {
		return &analysis.DefaultAnalyzer{Tokenizer: d.Tokenizer, TokenFilters: slices.Delete(slices.Clone(d.TokenFilters), k, k+1)}
	}
	return without(stem), without(stops)
}

// gramDice is how much two sorted trigram sets overlap (Dice).
func gramDice(a, b []uint32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}

// questionWords open English questions; "how long" and "how much" ask other
// things than "how".
var questionWords = map[string]bool{"who": true, "whom": true, "whose": true, "what": true, "which": true, "when": true,
	"where": true, "why": true, "how": true}

// questionWord is the question word a text asks with: the first of
// questionWords among its words, with the word after "how" ("how long",
// "how much", "how many"), or "" for none.
func questionWord(text string) string {
	words := strings.FieldsFunc(strings.ToLower(string(fold([]byte(text)))), func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	for i, w := range words {
		if form, ok := chatForms[w]; ok {
			w = form
		}
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if !questionWords[w] {
			continue
		}
		if w == "how" && i+1 < len(words) {
			switch words[i+1] {
			case "long", "much", "many", "often", "old", "far":
				return w + " " + words[i+1]
			}
		}
		return w
	}
	return ""
}
