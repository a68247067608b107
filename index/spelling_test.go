package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	bindex "github.com/blevesearch/bleve_index_api"

	"faqbot/content"
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
			got, gotN, _, err := ix.correctKeepingFirst(ctx, w)
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
			got, gotN, _, err := ix.correctKeepingFirst(ctx, w)
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

// TestSpellingCorrection reads members' slips as the words they meant:
// anywhere in a word, at its start, where they change how the word stems,
// and in stop words; and leaves real words the content does not use alone.
func TestSpellingCorrection(t *testing.T) {
	ps := []content.Passage{
		{ID: "a", Kind: content.KindFAQ, Question: "How do I say hello in Spanish or French?", Text: "Ask the translate command."},
		{ID: "b", Kind: content.KindFAQ, Question: "Where is my checking account number?", Text: "On the first page of your statement."},
		{ID: "c", Kind: content.KindFAQ, Question: "I lost my phone. What now?", Text: "Lock it from the website, then change your password."},
		{ID: "d", Kind: content.KindFAQ, Question: "How do I know my balance?", Text: "Open the app."},
	}
	ix := built(t, ps)
	tests := []struct {
		question string
		want     map[string]string // a term as typed (stemmed) -> as read; "" for left unknown
		dropped  []string          // terms read as stop words
	}{
		{"hello in spansih", map[string]string{"spansih": "spanish"}, nil},   // a swap
		{"hello in psanish", map[string]string{"psanish": "spanish"}, nil},   // a swap at the start
		{"hello in rench", map[string]string{"rench": "french"}, nil},        // the first letter dropped
		{"my checkng account", map[string]string{"checkng": "check"}, nil},   // a slip that changes the stem
		{"i lost my pohne", map[string]string{"pohn": "phone"}, nil},         // a swap that changes the stem
		{"how do i knwo my balance", map[string]string{"knwo": "know"}, nil}, // four letters
		{"pasword reset", map[string]string{"pasword": "password"}, nil},
		{"i lst my phone", map[string]string{"lst": "lost"}, nil},      // three letters: a letter lost
		{"i lot my phone", map[string]string{"lot": ""}, nil},          // a word, not a slip
		{"i lsot my phone", map[string]string{"lsot": "lost"}, nil},    // four letters: any slip
		{"my acount nmber", map[string]string{"nmber": "number"}, nil}, // the term, not the word, counts its letters
		{"hello in german", map[string]string{"german": ""}, nil},      // a word, not a slip
		{"whaat is my balance", nil, []string{"whaat"}},
		{"wich account", nil, []string{"wich"}},
		{"hwo do i know my balance", nil, []string{"hwo"}}, // three letters swapped
		{"thw balance", map[string]string{"thw": ""}, nil}, // three letters, not a swap of "the"
		{"waht is hte balance", nil, []string{"waht", "hte"}},
	}
	for _, tt := range tests {
		q, err := ix.parse(context.Background(), tt.question)
		if err != nil {
			t.Fatal(err)
		}
		read := map[string]qterm{}
		for _, x := range q.terms {
			read[x.from] = x
		}
		for from, want := range tt.want {
			x, ok := read[from]
			switch {
			case !ok:
				t.Errorf("%q: no term %q (terms %v)", tt.question, from, q.terms)
			case want == "" && (x.corrected || !x.oov):
				t.Errorf("%q: %q read as %q, want it left unknown", tt.question, from, x.term)
			case want != "" && (!x.corrected || x.term != want):
				t.Errorf("%q: %q read as %q (corrected %v), want %q", tt.question, from, x.term, x.corrected, want)
			}
		}
		for _, d := range tt.dropped {
			if x, ok := read[d]; ok {
				t.Errorf("%q: %q read as term %q, want it left out as a stop word", tt.question, d, x.term)
			}
		}
	}
}

// TestCorrectedWordsMatchWordForWord asks questions with a slip and without:
// once corrected, a word must match the phrasings word for word as if
// typed right, whether the correction is the word itself or its stem, and a
// stop word with a slip must count as that stop word, its question word
// included.
func TestCorrectedWordsMatchWordForWord(t *testing.T) {
	ps := []content.Passage{
		{ID: "a", Kind: content.KindFAQ, Question: "Where is my checking account number?", Text: "On the first page of your statement."},
		{ID: "b", Kind: content.KindFAQ, Question: "I lost my phone. What now?", Text: "Lock it from the website, then change your password."},
		{ID: "c", Kind: content.KindFAQ, Question: "How do I reload the FAQ?", Aliases: []string{"refresh questions"}, Text: "Run the reload command."},
	}
	ix := built(t, ps)
	tests := []struct{ typed, meant string }{
		{"where is my checkng account", "where is my checking account"}, // the slip changes the stem
		{"i lost my pohne", "i lost my phone"},
		{"how do i reloadd", "how do i reload"},
		{"refresh questoins", "refresh questions"},
		{"hwo do i reload", "how do i reload"}, // a stop word with a slip
		{"waht is hte faq", "what is the faq"},
	}
	for _, tt := range tests {
		typed, err := ix.parse(context.Background(), tt.typed)
		if err != nil {
			t.Fatal(err)
		}
		meant, err := ix.parse(context.Background(), tt.meant)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(typed.words, meant.words) || slices.Contains(typed.words, -1) {
			t.Errorf("%q: words %v, want those of %q: %v", tt.typed, typed.words, tt.meant, meant.words)
		}
		if typed.asks != meant.asks {
			t.Errorf("%q asks with %q, want %q as %q does", tt.typed, typed.asks, meant.asks, tt.meant)
		}
	}
}

// TestEnglishWords checks the embedded word list: in byte order, as
// englishWord's binary search needs, and holding common words.
func TestEnglishWords(t *testing.T) {
	englishWord("")
	if len(englishWords) < 10000 || !slices.IsSorted(englishWords) {
		t.Fatalf("%d words, sorted %v", len(englishWords), slices.IsSorted(englishWords))
	}
	for _, w := range []string{"german", "password", "because"} {
		if !englishWord(w) {
			t.Errorf("%q is not on the list", w)
		}
	}
	for _, w := range []string{"pasword", "whaat", "checkng"} {
		if englishWord(w) {
			t.Errorf("%q, a slip, is on the list", w)
		}
	}
}

func TestCorrectable(t *testing.T) {
	tests := []struct {
		term string
		want bool
	}{
		{"ab", false},                    // too short to guess from
		{"hep", true},                    // three letters: a lost letter only
		{"reloadd", true},                // a word
		{"v2", false},                    // a version
		{"abc123", false},                // a code
		{strings.Repeat("a", 30), true},  // as long as a word gets
		{strings.Repeat("a", 31), false}, // keyboard mashing: no word's typo
		{strings.Repeat("é", 20), true},  // 40 bytes: letters count, not bytes
	}
	for _, tt := range tests {
		if got := correctable(tt.term); got != tt.want {
			t.Errorf("correctable(%q) = %v, want %v", tt.term, got, tt.want)
		}
	}
}

func TestRetyped(t *testing.T) {
	tests := []struct {
		text  string
		words []typedAs
		want  string
	}{
		{"hwo do i", nil, "hwo do i"},
		{"hwo do i", []typedAs{{0, 3, 0, "how"}}, "how do i"},
		{"waht is hte faq", []typedAs{{0, 4, 0, "what"}, {8, 11, 2, "the"}}, "what is the faq"},
		{"abc def", []typedAs{{0, 7, 0, "x"}, {4, 7, 1, "y"}}, "x"}, // overlapping: the second stays as typed
		{"abc", []typedAs{{0, 9, 0, "x"}}, "abc"},                   // out of range
	}
	for _, tt := range tests {
		if got := retyped(tt.text, tt.words); got != tt.want {
			t.Errorf("retyped(%q, %v) = %q, want %q", tt.text, tt.words, got, tt.want)
		}
	}
}
