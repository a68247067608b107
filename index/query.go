package index

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"faqbot/content"
)

// Limits that keep the cost of one question bounded whatever a member types.
const (
	// MaxQuestionRunes is how much of a question is read; the rest is ignored.
	MaxQuestionRunes = 1000
	// maxTerms is how many distinct terms of a question are searched.
	maxTerms = 32
	// minCorrectLen is the shortest word (as stemmed) that spelling
	// correction reads with any slip; minShortCorrectLen the shortest it
	// touches at all: a word of three letters is only read as a word of the
	// content it lost a letter of ("hep": "help"), the commonest slip, as
	// it has too many neighbours to guess other slips from.
	minCorrectLen      = 4
	minShortCorrectLen = 3
	// maxCorrectLen is the longest word spelling correction touches:
	// longer ones are no mistyped word but a code, a link or keyboard
	// mashing, and the one-slip variants of a word cost the square of its
	// length to try.
	maxCorrectLen = 30
	// maxCorrections is how many words of one question spelling correction
	// tries: typos are few, and each try reads the term dictionary.
	maxCorrections = 4
	// longCorrectLen is the shortest word that may be two edits away from
	// its correction; shorter words get one (most typos are one edit).
	longCorrectLen = 8
)

// qterm is one analysed term of a question.
type qterm struct {
	term      string   // analysed term, after spelling correction
	from      string   // analysed term as typed, before correction
	pos       int      // position in the question
	idf       float64  // weight: rarer terms say more
	corrected bool     // term replaced a word missing from the index
	oov       bool     // in no passage at all, even after correction
	matches   []string // term and its synonyms, as found in passages
}

// parsed is a question ready to search: its terms in order and the weights
// the re-ranker and the confidence model use.
type parsed struct {
	text  string
	terms []qterm  // distinct terms, in question order
	seq   []int    // index into terms for every token, in order (for word pairs)
	total float64  // sum of idf over terms
	oov   float64  // idf mass of terms found nowhere
	fixed float64  // idf mass of terms read as a spelling correction
	grams []uint32 // letter trigrams of its words
	words []int64  // its distinct words, stop words kept: vocabulary ids, -1 when unknown
	asks  string   // its question word (see questionWord)
}

// normalizeQuestion trims a question, drops control characters and caps its
// length, so nothing a member types can make a search unbounded. Invisible
// characters (zero-width spaces and joiners, soft hyphens) are dropped, as
// content.Load drops them from passages, so a word with one inside still
// matches.
func normalizeQuestion(q string) string {
	if !utf8.ValidString(q) {
		q = strings.ToValidUTF8(q, " ")
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if n >= MaxQuestionRunes {
			break
		}
		if content.Invisible(r) {
			continue
		}
		if unicode.IsControl(r) {
			r = ' '
		}
		b.WriteRune(r)
		n++
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// idf is BM25's inverse document frequency for a term found in df of n
// passages.
func idf(df, n float64) float64 {
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// parse analyses a question with the index's analyser, corrects words the
// index has never seen, and weights every term by its rarity.
func (ix *Index) parse(ctx context.Context, question string) (parsed, error) {
	p := parsed{text: normalizeQuestion(question)}
	toks := ix.analyzer.Analyze([]byte(p.text))
	var surface analysis.TokenStream // the words as typed, read for the first correction
	typed := func(pos int, term string) string {
		if surface == nil && ix.surface != nil {
			surface = ix.surface.Analyze([]byte(p.text))
		}
		return surfaceAt(surface, pos, term)
	}
	n := float64(len(ix.passages))
	seen := map[string]int{}
	tries := 0
	var stopTypos []typedAs
	for _, t := range toks {
		raw := string(t.Term)
		if i, ok := seen[raw]; ok {
			p.seq = append(p.seq, i)
			continue
		}
		if len(p.terms) >= maxTerms {
			break
		}
		qt := qterm{term: raw, from: raw, pos: t.Position}
		df := ix.docFreq(raw)
		if df == 0 {
			qt.oov = true
			word := typed(t.Position, raw)
			if chatter[word] {
				continue // a courtesy or filler the content never uses: no topic
			}
			if englishWord(word) {
				// A real word the content does not use: no typo.
			} else if sws := stopWordTypos(raw); len(sws) > 0 {
				// Left out as the analyser would have, typed right; it
				// still counts word for word as the stop word the
				// content's phrasings use most.
				stopTypos = append(stopTypos, typedAs{t.Start, t.End, t.Position, ix.corpus.commonestWord(sws)})
				continue
			} else if tries < maxCorrections && correctable(raw) {
				tries++
				fixed, fdf, err := ix.correct(ctx, raw, word)
				if err != nil {
					return p, err
				}
				if fdf > 0 {
					qt.term, qt.corrected, qt.oov, df = fixed, true, false, fdf
				}
			}
		}
		qt.matches = append([]string{qt.term}, ix.equivalents[qt.term]...)
		qt.idf = idf(float64(df), n)
		seen[raw] = len(p.terms)
		p.seq = append(p.seq, len(p.terms))
		p.terms = append(p.terms, qt)
	}
	p.weigh()
	p.asks = questionWord(retyped(p.text, stopTypos))
	if ix.surface != nil {
		p.grams = trigrams(ix.surface, p.text)
		fixed := map[int]string{} // position: the term a typo there was read as
		for _, t := range p.terms {
			if t.corrected {
				fixed[t.pos] = t.term
			}
		}
		seen := map[string]bool{}
		for _, tok := range ix.full.Analyze([]byte(p.text)) {
			if w := string(tok.Term); !seen[w] {
				seen[w] = true
				id := int64(-1)
				if v, ok := ix.corpus.vocab[w]; ok {
					id = int64(v)
				} else if f, ok := fixed[tok.Position]; ok {
					id = ix.corpus.wordFor(w, f)
				} else if k := slices.IndexFunc(stopTypos, func(s typedAs) bool { return s.pos == tok.Position }); k >= 0 {
					if v, ok := ix.corpus.vocab[stopTypos[k].word]; ok {
						id = int64(v)
					}
				}
				if id < 0 && chatter[w] {
					continue
				}
				p.words = append(p.words, id)
			}
		}
	}
	return p, nil
}

// typedAs is a word of a question read as another: its bytes, its
// position among the question's tokens, and the word meant.
type typedAs struct {
	start, end, pos int
	word            string
}

// retyped is text with each of words (in text order) replaced by the word
// meant; one that overlaps the one before is left as typed.
func retyped(text string, words []typedAs) string {
	if len(words) == 0 {
		return text
	}
	var b strings.Builder
	last := 0
	for _, w := range words {
		if w.start < last || w.end > len(text) {
			continue
		}
		b.WriteString(text[last:w.start])
		b.WriteString(w.word)
		last = w.end
	}
	b.WriteString(text[last:])
	return b.String()
}

// surfaceAt is the word of surface (the question analysed without
// stemming) at position pos, or term when there is none.
func surfaceAt(surface analysis.TokenStream, pos int, term string) string {
	for _, t := range surface {
		if t.Position == pos {
			return string(t.Term)
		}
	}
	return term
}

// docFreq is the number of passages whose body holds term or, failing
// that, the most common of its synonyms.
func (ix *Index) docFreq(term string) uint64 {
	if c := ix.corpus.docFreq(term); c > 0 {
		return c
	}
	best := uint64(0)
	for _, t := range ix.equivalents[term] {
		best = max(best, ix.corpus.docFreq(t))
	}
	return best
}

// correctable reports whether spelling correction may touch a term: long
// enough to guess from, not too long to be a word, and no number (codes
// and versions are not typos).
func correctable(term string) bool {
	n := utf8.RuneCountInString(term)
	return n >= minShortCorrectLen && n <= maxCorrectLen && strings.IndexFunc(term, unicode.IsDigit) < 0
}

// weigh totals the term weights. A word the index has never seen would get
// the highest weight of all, yet in a small FAQ it is as often an everyday
// word the FAQ happens not to use as the name of a missing topic; so it
// weighs no more than the rarest known word of the question, and the share
// of unknown and of corrected words is kept apart for the confidence model.
func (p *parsed) weigh() {
	known := 0.0
	for _, t := range p.terms {
		if !t.oov {
			known = max(known, t.idf)
		}
	}
	for i := range p.terms {
		t := &p.terms[i]
		if t.oov && known > 0 {
			t.idf = min(t.idf, known)
		}
		p.total += t.idf
		switch {
		case t.oov:
			p.oov += t.idf
		case t.corrected:
			p.fixed += t.idf
		}
	}
}
