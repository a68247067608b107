package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"faqbot/content"
)

// filler makes n paragraphs of everyday words that answer nothing, to grow
// a corpus without changing what it can answer.
func filler(n int) []content.Passage {
	words := strings.Fields("the river town market harvest winter bridge council music festival garden " +
		"railway station history century painting museum coast harbour forest mountain village school " +
		"engine factory weather season population language church castle island merchant")
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]content.Passage, n)
	for i := range out {
		var sb strings.Builder
		for k := 0; k < 40; k++ {
			sb.WriteString(words[r.IntN(len(words))])
			sb.WriteByte(' ')
		}
		out[i] = content.Passage{ID: fmt.Sprintf("filler-%d", i), Kind: content.KindPassage, Title: "Town history", Text: sb.String() + "."}
	}
	return out
}

// TestFAQQuestionIsConfidentAtAnySize asks FAQ questions as written, and
// as members type them (case, punctuation, stop words, a typo), of the FAQ
// alone and of the FAQ inside a hundred and a thousand times more content:
// each is answered from its entry with confidence of at least 0.95.
func TestFAQQuestionIsConfidentAtAnySize(t *testing.T) {
	faq := libraryPassages(t)
	tests := []struct{ question, want string }{
		{"How do I get a library card?", "card"},
		{"how do i get library card", "card"},
		{"HOW DO I GET A LIBRARY CARD!!!", "card"},
		{"how do I get a librery card", "card"},
		{"sign up for membership", "card"},
		{"what are the late fees", "fines"},
		{"What are the opening hours", "hours"},
	}
	for _, n := range []int{0, 100 * len(faq), 1000 * len(faq)} {
		ps := append(append([]content.Passage(nil), faq...), filler(n)...)
		ix, err := Build(context.Background(), ps, Options{Synonyms: librarySynonyms(t)})
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			res, err := ix.Search(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 || res.Hits[0].Passage.ID != tt.want || res.Confidence < 0.95 {
				t.Errorf("%d passages, %q: top %v, confidence %.3f; want %s at 0.95 or more", len(ps), tt.question, ids(res.Hits), res.Confidence, tt.want)
			}
		}
		_ = ix.Close()
	}
}

// TestExactQuestionWord: two entries whose phrasings have the same words
// but ask with other question words. The one asked with the member's own
// question word is their question, exactly; a phrasing that asks with
// another one is not, whatever its words.
func TestExactQuestionWord(t *testing.T) {
	ix := built(t, []content.Passage{
		{ID: "how", Kind: content.KindFAQ, Question: "How do I reload the FAQ?", Aliases: []string{"reload content"},
			Text: "A moderator runs /faq reload, and the new content is checked before it replaces the old."},
		{ID: "who", Kind: content.KindFAQ, Question: "Who can reload the content?",
			Text: "Members with the Manage Server permission can run the moderator commands."},
		{ID: "map", Kind: content.KindFAQ, Question: "Where is the map?", Text: "Pinned in the maps channel."},
	})
	tests := []struct {
		question string
		want     string
		exact    bool
	}{
		{"Who can reload the content?", "who", true},
		{"how do i reload content", "how", true},
		{"reload content", "how", true},
		{"How do I reload the FAQ?", "how", true},
		{"reload faq", "how", true},
		{"who can reload the faq", "", false},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), tt.question)
		if err != nil {
			t.Fatal(err)
		}
		if tt.exact && (len(res.Hits) == 0 || res.Hits[0].Passage.ID != tt.want || res.Confidence < exactConfidence) {
			t.Errorf("%q: top %v, confidence %.3f; want %s at %.2f or more", tt.question, ids(res.Hits), res.Confidence, tt.want, exactConfidence)
		}
		if !tt.exact {
			e, err := ix.Explain(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			order, scores := e.Rank(&model)
			if x := e.Signals(order, scores); x[sExact] != 0 {
				t.Errorf("%q: read as a phrasing's own question", tt.question)
			}
		}
	}
}

// TestConfidenceHoldsAsContentGrows asks paraphrases (not the FAQ's own
// words) of the FAQ alone and inside much more content: the confidence is
// built from shares of the question, so it barely moves, where a raw
// relevance score would.
func TestConfidenceHoldsAsContentGrows(t *testing.T) {
	faq := libraryPassages(t)
	questions := []string{"how can i renew my books", "is the wifi free", "book a room to study", "how much do overdue items cost per day"}
	conf := map[string][]float64{}
	for _, n := range []int{0, 200 * len(faq)} {
		ps := append(append([]content.Passage(nil), faq...), filler(n)...)
		ix, err := Build(context.Background(), ps, Options{Synonyms: librarySynonyms(t)})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range questions {
			res, err := ix.Search(context.Background(), q)
			if err != nil || len(res.Hits) == 0 {
				t.Fatalf("%q: %v %v", q, err, res)
			}
			conf[q] = append(conf[q], res.Confidence)
		}
		_ = ix.Close()
	}
	for q, c := range conf {
		if d := c[0] - c[1]; d > 0.15 || d < -0.15 {
			t.Errorf("%q: confidence %.3f with the FAQ alone, %.3f inside %d times the content", q, c[0], c[1], 200)
		}
	}
}

func TestPolicy(t *testing.T) {
	hit := []Hit{{Passage: content.Passage{ID: "a"}}}
	tests := []struct {
		name   string
		in     Result
		min    float64
		answer bool
		reason Reason
	}{
		{"confident", Result{Confidence: 0.8, Hits: hit}, 0.65, true, ReasonNone},
		{"at the threshold", Result{Confidence: 0.65, Hits: hit}, 0.65, true, ReasonNone},
		{"below", Result{Confidence: 0.64, Hits: hit}, 0.65, false, ReasonLowConfidence},
		{"nothing to search", Result{Reason: ReasonNoTerms}, 0, false, ReasonNoTerms},
		{"no match", Result{Reason: ReasonNoMatch}, 0, false, ReasonNoMatch},
		{"no hits", Result{Confidence: 0.9}, 0.5, false, ReasonNoMatch},
		{"decided again", Result{Confidence: 0.7, Hits: hit, Answered: true}, 0.9, false, ReasonLowConfidence},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Policy{MinConfidence: tt.min}.Apply(tt.in)
			if got.Answered != tt.answer || got.Reason != tt.reason {
				t.Errorf("answered %v reason %q, want %v %q", got.Answered, got.Reason, tt.answer, tt.reason)
			}
		})
	}
}

// TestOneWordSignal checks which questions count as one word, stop words
// and repeats included, and that their weights apply to them alone.
func TestOneWordSignal(t *testing.T) {
	ix := library(t)
	tests := []struct {
		question string
		one      bool
	}{
		{"wifi", true},
		{"wifi?", true},
		{"Wifi wifi!", true},
		{"is the wifi free", false},
		{"the wifi", false}, // one term, two words
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			e, err := ix.Explain(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			order, scores := e.Rank(&model)
			x := e.Signals(order, scores)
			if got := x[sOneWord] == 1; got != tt.one {
				t.Fatalf("one word = %v, want %v", got, tt.one)
			}
			base := model
			base.OneWord = Signals{}
			m := base
			m.OneWord[sOneWord] = -3
			if applied := m.Predict(x) < base.Predict(x); applied != tt.one {
				t.Errorf("one-word weights applied = %v, want %v", applied, tt.one)
			}
		})
	}
}
