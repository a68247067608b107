package index

import (
	"context"
	"fmt"
	"testing"
	"unicode/utf8"

	bindex "github.com/blevesearch/bleve_index_api"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"install", "install", 2, 0},
		{"instal", "install", 1, 1},
		{"isntall", "install", 1, 1}, // a swap is one edit
		{"intsall", "install", 1, 1},
		{"instlal", "install", 1, 1},
		{"insatll", "install", 2, 1},
		{"ca", "abc", 2, 3}, // a swapped pair is not edited again
		{"kitten", "sitting", 2, 3},
		{"kitten", "sitten", 2, 1},
		{"naïve", "naive", 1, 1},
		{"café", "cafe", 2, 1},
		{"abcdef", "ab", 2, 3},
		{"", "ab", 2, 2},
	}
	var e editBuffers
	for _, tt := range tests {
		if got := e.distance([]rune(tt.a), tt.b, tt.max); got != tt.want {
			t.Errorf("distance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}

// TestCorrectAsAutomaton checks that scanning the terms corrects every
// unknown word of squad-dev's questions exactly as Bleve's Levenshtein
// automaton did.
func TestCorrectAsAutomaton(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the squad-dev index")
	}
	c := corpusOf(t, 1000)
	ix, err := Build(context.Background(), c.passages, benchOptions(t))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	seen := map[string]bool{}
	tried := 0
	for _, q := range c.questions {
		for _, tok := range ix.analyzer.Analyze([]byte(normalizeQuestion(q))) {
			w := string(tok.Term)
			if seen[w] || ix.docFreq(w) > 0 || !correctable(w) {
				continue
			}
			seen[w] = true
			tried++
			got, gotN, err := ix.correct(ctx, w)
			if err != nil {
				t.Fatal(err)
			}
			want, wantN, err := ix.correctByAutomaton(ctx, w)
			if err != nil {
				t.Fatal(err)
			}
			if got != want || gotN != wantN {
				t.Errorf("correct(%q) = %q (%d), the automaton gives %q (%d)", w, got, gotN, want, wantN)
			}
		}
	}
	// Typos of the content's own words: swaps, deletions, doublings,
	// substitutions and a swap beside an insertion.
	terms, err := ix.bodyTerms()
	if err != nil {
		t.Fatal(err)
	}
	for k, term := range terms {
		r := []rune(term)
		if k%7 != 0 || len(r) < minCorrectLen {
			continue
		}
		m := len(r) / 2
		typos := []string{
			string(r[:m-1]) + string(r[m]) + string(r[m-1]) + string(r[m+1:]),
			string(r[:m]) + string(r[m+1:]),
			string(r[:m]) + string(r[m]) + string(r[m:]),
			string(r[:m]) + "q" + string(r[m+1:]),
			string(r[:m-1]) + string(r[m]) + "x" + string(r[m-1]) + string(r[m+1:]),
			string(r[:1]) + string(r[2:]) + "es",
		}
		for _, w := range typos {
			if seen[w] || !utf8.ValidString(w) {
				continue
			}
			seen[w] = true
			tried++
			got, gotN, err := ix.correct(ctx, w)
			if err != nil {
				t.Fatal(err)
			}
			want, wantN, err := ix.correctByAutomaton(ctx, w)
			if err != nil {
				t.Fatal(err)
			}
			if got != want || gotN != wantN {
				t.Errorf("correct(%q) = %q (%d), the automaton gives %q (%d)", w, got, gotN, want, wantN)
			}
		}
	}
	t.Logf("%d unknown words compared", tried)
}

// correctByAutomaton is how correct worked before it scanned bodyTerms: it finds the term of the index closest to a word it has never seen:
// the fewest edits (one for short words, two for long ones, keeping the
// first letter, where typos are rare), then the most passages. It gives
// no term (and 0 passages) when there is none.
func (ix *Index) correctByAutomaton(ctx context.Context, term string) (string, uint64, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return "", 0, fmt.Errorf("correct spelling: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return "", 0, fmt.Errorf("correct spelling: open reader: %w", err)
	}
	defer func() { _ = r.Close() }()
	if err := ctx.Err(); err != nil {
		return "", 0, err
	}
	fuzz := 1
	n := utf8.RuneCountInString(term)
	if n >= longCorrectLen {
		fuzz = 2
	}
	fr, ok := r.(bindex.IndexReaderFuzzy)
	if !ok {
		return "", 0, nil
	}
	_, size := utf8.DecodeRuneInString(term)
	dict, auto, err := fr.FieldDictFuzzyAutomaton(fieldBody, term, fuzz, term[:size])
	if err != nil {
		return "", 0, nil // no automaton for this word: leave it uncorrected
	}
	defer func() { _ = dict.Close() }()
	var best string
	var bestCount uint64
	bestDist := uint8(255)
	for {
		e, err := dict.Next()
		if err != nil || e == nil {
			break
		}
		_, d := auto.MatchAndDistance(e.Term)
		if e.Term == term || d > bestDist {
			continue
		}
		// The fuzzy dictionary does not count documents; ask the corpus.
		c := ix.docFreq(e.Term)
		if c == 0 {
			continue
		}
		if d < bestDist || c > bestCount {
			best, bestCount, bestDist = e.Term, c, d
		}
	}
	return best, bestCount, nil
}
