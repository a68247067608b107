package index

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"faqbot/content"
)

// Where the benchmarks take their text from. squad-dev (../shared beside
// the project) gives the numbers we report: real Wikipedia paragraphs and
// real questions. Without it the benchmarks still run, on generated text
// (see generateCorpus), so that they work anywhere; those numbers are only
// comparable with each other.
const (
	squadCorpus  = "../../shared/eval/squad-dev/corpus.jsonl"
	squadQueries = "../../shared/eval/squad-dev/queries.jsonl"
	// corpusSeed fixes every random choice of the synthetic corpora, so
	// that runs compare.
	corpusSeed = 20240601
)

// benchCorpus is a synthetic corpus of a given size and questions to ask it.
type benchCorpus struct {
	source    string // "squad-dev" or "generated"
	passages  []content.Passage
	questions []string // full questions, in a fixed shuffled order
	partial   []string // partly typed questions and titles, for Suggest
	heapBytes uint64   // heap the corpus holds
}

// lastCorpus is the corpus last asked for: sub-benchmarks of one size share
// it (making 100k passages of text takes a second), while asking for
// another size drops it, so that heap figures are those of a process that
// holds one corpus, as faqbot does (a larger live heap also lets more
// garbage pile up before a collection).
var lastCorpus struct {
	sync.Mutex
	c *benchCorpus
}

// corpusOf gives the synthetic corpus of n passages. Callers must not
// modify it.
func corpusOf(tb testing.TB, n int) *benchCorpus {
	tb.Helper()
	lastCorpus.Lock()
	defer lastCorpus.Unlock()
	if c := lastCorpus.c; c != nil && len(c.passages) == n {
		return c
	}
	lastCorpus.c = nil
	before := liveHeap()
	var c *benchCorpus
	if _, err := os.Stat(squadCorpus); err == nil {
		c = squadCorpusOf(tb, n)
	} else {
		c = generateCorpus(n)
	}
	after := liveHeap()
	c.heapBytes = after - min(after, before)
	lastCorpus.c = c
	return c
}

// benchSynonyms are the default content's synonyms, so that searches take
// the synonym path they take in production.
func benchSynonyms(tb testing.TB) []content.Synonym {
	tb.Helper()
	c, err := content.LoadPath(context.Background(), "../data/synonyms.txt", content.Options{})
	if err != nil || c.Err() != nil {
		tb.Fatalf("load synonyms: %v %v", err, c.Err())
	}
	return c.Synonyms
}

// squadCorpusOf repeats squad-dev's paragraphs until there are n. Copy 0 is
// the original; every later copy gets IDs "cK/<id>" (keeping the "~N" part
// suffix, so split paragraphs stay one item), its article title numbered
// (so the number of articles, and of autocomplete titles, grows with the
// corpus as it would with real content) and its sentences lightly shuffled
// (so copies are not identical texts, which search would fold into one).
// The vocabulary does not grow with the copies, unlike real content: term
// dictionaries (and spelling correction over them) stay at 1x size.
func squadCorpusOf(tb testing.TB, n int) *benchCorpus {
	tb.Helper()
	col, err := content.LoadPath(context.Background(), squadCorpus, content.Options{})
	if err != nil || col.Err() != nil {
		tb.Fatalf("load %s: %v %v", squadCorpus, err, col.Err())
	}
	base := col.Passages
	r := rand.New(rand.NewPCG(corpusSeed, 1))
	ps := make([]content.Passage, 0, n)
	for i := 0; i < n; i++ {
		k, p := i/len(base), base[i%len(base)]
		if k > 0 {
			p.ID = fmt.Sprintf("c%d/%s", k, p.ID)
			if p.Title != "" {
				p.Title = fmt.Sprintf("%s (copy %d)", p.Title, k)
			}
			p.Text = shuffleSentences(r, p.Text)
		}
		ps = append(ps, p)
	}

	qs := readQueries(tb, squadQueries)
	r.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	c := &benchCorpus{source: "squad-dev", passages: ps, questions: qs}
	c.partial = partialInputs(r, qs, ps)
	return c
}

// shuffleSentences swaps a few neighbouring sentences: a light shuffle that
// keeps most word pairs and sentence boundaries.
func shuffleSentences(r *rand.Rand, text string) string {
	s := content.Sentences(text)
	if len(s) < 2 {
		return text
	}
	for range 1 + r.IntN((len(s)+1)/2) {
		i := r.IntN(len(s) - 1)
		s[i], s[i+1] = s[i+1], s[i]
	}
	return strings.Join(s, " ")
}

// readQueries reads the "query" of every line of a JSON Lines file.
func readQueries(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		var q struct {
			Query string `json:"query"`
		}
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			tb.Fatalf("%s:%d: %v", path, line, err)
		}
		qs = append(qs, q.Query)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	if len(qs) == 0 {
		tb.Fatalf("%s: no queries", path)
	}
	return qs
}

// partialInputs is what members have typed when autocomplete asks: the
// start of a question or of a title (FAQ question or article), cut inside a
// word two times in three, after a word otherwise.
func partialInputs(r *rand.Rand, questions []string, ps []content.Passage) []string {
	const count = 1000
	out := make([]string, 0, count)
	for len(out) < count {
		var s string
		switch {
		case len(out)%2 == 0:
			s = questions[r.IntN(len(questions))]
		default:
			p := &ps[r.IntN(len(ps))]
			s = p.Title
			if p.Kind == content.KindFAQ {
				s = p.Question
			}
		}
		if utf8.RuneCountInString(s) < 4 {
			continue
		}
		rs := []rune(s)
		cut := 3 + r.IntN(len(rs)-3)
		if r.IntN(3) == 0 {
			// Up to the end of a word, with the space typed.
			for cut < len(rs) && !unicode.IsSpace(rs[cut]) {
				cut++
			}
			cut = min(cut+1, len(rs))
		}
		out = append(out, string(rs[:cut]))
	}
	return out
}

// generateCorpus makes n passages of pseudo-English, deterministically: the
// fallback when squad-dev is missing, for running anywhere. Words come from
// a fixed vocabulary (common English function words, then made-up words of
// a few syllables) with Zipf-like frequencies; paragraphs have 80–150
// words, one passage in ten is an FAQ pair whose question is built from its
// answer's words, and articles of about twenty passages share a title.
// Questions are built from the words of random passages, some with a typo
// and some about words no passage has (out of scope).
func generateCorpus(n int) *benchCorpus {
	r := rand.New(rand.NewPCG(corpusSeed, 2))
	vocab := vocabulary(r, 20000)
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	word := func() string { return vocab[zipf.Uint64()] }
	function := functionWords()
	meaningful := func() string { // a word that says something
		for {
			if w := word(); !function[w] {
				return w
			}
		}
	}
	sentence := func(words int) string {
		ws := make([]string, words)
		for i := range ws {
			ws[i] = word()
		}
		ws[0] = upperFirst(ws[0])
		return strings.Join(ws, " ") + "."
	}
	paragraph := func() string {
		target := 80 + r.IntN(71)
		var sents []string
		for total := 0; total < target; {
			k := min(8+r.IntN(13), target-total)
			sents = append(sents, sentence(max(k, 3)))
			total += max(k, 3)
		}
		return strings.Join(sents, " ")
	}

	ps := make([]content.Passage, 0, n)
	var title string
	for i := range n {
		if i%20 == 0 {
			title = upperFirst(meaningful()) + " " + meaningful() + " " + meaningful()
		}
		p := content.Passage{
			ID:    fmt.Sprintf("gen-%d", i),
			Kind:  contentKind(i),
			Title: title,
			Text:  paragraph(),
			File:  "generated",
			Line:  i + 1,
		}
		if p.Kind == content.KindFAQ {
			ws := contentWords(p.Text, function)
			pick := func() string { return ws[r.IntN(len(ws))] }
			p.Question = fmt.Sprintf("How do I %s the %s %s?", pick(), pick(), pick())
			p.Aliases = []string{fmt.Sprintf("Can I %s my %s?", pick(), pick())}
		}
		ps = append(ps, p)
	}

	questions := make([]string, 0, 2000)
	for range cap(questions) {
		p := &ps[r.IntN(len(ps))]
		ws := contentWords(p.Text, function)
		var q []string
		for range 2 + r.IntN(5) {
			w := ws[r.IntN(len(ws))]
			switch r.IntN(20) {
			case 0: // a typo
				if len(w) > 5 {
					j := 1 + r.IntN(len(w)-2)
					w = w[:j] + w[j+1:j+2] + w[j:j+1] + w[j+2:]
				}
			case 1: // a word no passage has
				w = "zor" + w
			}
			q = append(q, w)
		}
		questions = append(questions, []string{"What is the ", "How do I ", "Why does the ", "Where can I find "}[r.IntN(4)]+strings.Join(q, " ")+"?")
	}
	c := &benchCorpus{source: "generated", passages: ps, questions: questions}
	c.partial = partialInputs(r, questions, ps)
	return c
}

// contentWords are the lower-case words of text that are not function words
// (text always has some: its paragraphs are long).
func contentWords(text string, function map[string]bool) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if w = strings.Trim(w, "."); !function[w] {
			out = append(out, w)
		}
	}
	return out
}

func contentKind(i int) content.Kind {
	if i%10 == 0 {
		return content.KindFAQ
	}
	return content.KindPassage
}

// functionWordList are the most frequent words of the generated text.
var functionWordList = strings.Fields(`the of and to a in is you that it he was for on are as
with his they i at be this have from or one had by word but not what all were we when your
can said there use an each which she do how their if will up other about out many then them
these so some her would make like him into time has look two more write go see number no way
could people my than first water been call who oil its now find long down day did get come
made may part`)

func functionWords() map[string]bool {
	m := make(map[string]bool, len(functionWordList))
	for _, w := range functionWordList {
		m[w] = true
	}
	return m
}

// vocabulary is the function words followed by made-up words, most
// frequent first.
func vocabulary(r *rand.Rand, size int) []string {
	syllables := strings.Fields(`ba be bi bo bu ca ce co cu da de di do du fa fe fi fo ga ge go
la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta
te ti to tu va ve vi vo za ze zi zo ser ton mar lin ver gan tor del par bel cor sin ran ter`)
	seen := map[string]bool{}
	out := append([]string(nil), functionWordList...)
	for _, w := range out {
		seen[w] = true
	}
	for len(out) < size {
		var b strings.Builder
		for range 2 + r.IntN(3) {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		if r.IntN(4) == 0 {
			b.WriteString([]string{"s", "ing", "ed", "er"}[r.IntN(4)])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
