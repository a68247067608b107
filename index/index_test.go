package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"faqbot/content"
)

// testPolicy answers at a mid-range confidence threshold.
var testPolicy = Policy{MinConfidence: 0.5}

// library builds an in-memory index of testdata/library.jsonl with its
// synonyms.
func library(t testing.TB) *Index {
	t.Helper()
	ix, err := Build(context.Background(), libraryPassages(t), Options{Synonyms: librarySynonyms(t)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

// built builds an in-memory index of ps, closed when the test ends.
func built(t testing.TB, ps []content.Passage) *Index {
	t.Helper()
	ix, err := Build(context.Background(), ps, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

func libraryPassages(t testing.TB) []content.Passage {
	t.Helper()
	c, err := content.LoadPath(context.Background(), "testdata/library.jsonl", content.Options{})
	if err != nil || c.Err() != nil {
		t.Fatalf("load testdata: %v %v", err, c.Err())
	}
	return c.Passages
}

func librarySynonyms(t testing.TB) []content.Synonym {
	t.Helper()
	c, err := content.LoadPath(context.Background(), "testdata/synonyms.txt", content.Options{})
	if err != nil || c.Err() != nil {
		t.Fatalf("load synonyms: %v %v", err, c.Err())
	}
	return c.Synonyms
}

func TestSearchAnswers(t *testing.T) {
	ix := library(t)
	tests := []struct {
		question string
		want     string // passage ID of the answer
	}{
		{"How do I get a library card?", "card"},
		{"how can i renew my books", "renew"},
		{"what are the late fees", "fines"},
		{"is the wifi free", "wifi"},
		{"when are you open, what are the hours", "hours"},
		{"book a room to study", "rooms"},
		{"who designed the current building", "history-2"},
		{"sign up for membership", "card"},                   // alias
		{"what's the wireless password", "wifi"},             // synonym
		{"how do I reneww a book", "renew"},                  // typo
		{"How much do overdue items cost per day?", "fines"}, // answer words
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			res = testPolicy.Apply(res)
			if len(res.Hits) == 0 || res.Hits[0].Passage.ID != tt.want {
				t.Fatalf("top hit = %v, want %s", ids(res.Hits), tt.want)
			}
			if !res.Answered || res.Answer() == nil {
				t.Errorf("not answered (confidence %.2f, reason %s)", res.Confidence, res.Reason)
			}
		})
	}
}

func TestSearchAbstains(t *testing.T) {
	ix := library(t)
	tests := []struct {
		question string
		reason   Reason
	}{
		{"who won the football world cup in 1998", ReasonNoMatch},
		{"what is the capital of France", ReasonNoMatch},
		{"what is it?", ""}, // stop words only: at most phrasings' small words match

		{"   ", ReasonNoTerms},
		{"can I bring my dog to the zoo", ""}, // low confidence or no match
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res, err := ix.Search(context.Background(), tt.question)
			if err != nil {
				t.Fatal(err)
			}
			res = testPolicy.Apply(res)
			if res.Answered || res.Answer() != nil {
				t.Fatalf("answered %q with %s (confidence %.2f)", tt.question, res.Hits[0].Passage.ID, res.Confidence)
			}
			if tt.reason != "" && res.Reason != tt.reason && !(tt.reason == ReasonNoMatch && res.Reason == ReasonLowConfidence) {
				t.Errorf("reason = %s, want %s", res.Reason, tt.reason)
			}
		})
	}
}

func TestSearchHostileInput(t *testing.T) {
	ix := library(t)
	huge := strings.Repeat("renew book fee wifi ", 50000)
	tests := []string{
		huge,
		`title:wifi AND +renew -book "late fees"~2 ^5 *`,
		"renew\x00\x1b[31m book",
		"\xff\xfe renew a book",
		"🙂🙂🙂 renew?? !!!",
		strings.Repeat("a", 10000),
		"<@123456789> @everyone how do I renew a book",
	}
	for _, q := range tests {
		res, err := ix.Search(context.Background(), q)
		if err != nil {
			t.Errorf("Search(%.40q) error: %v", q, err)
			continue
		}
		if n := len([]rune(res.Question)); n > MaxQuestionRunes {
			t.Errorf("question not capped: %d runes", n)
		}
	}
	res, err := ix.Search(context.Background(), tests[1])
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("query syntax must be searched as words: %v %v", err, res.Hits)
	}
}

func TestSearchCanceled(t *testing.T) {
	ix := library(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, "how do I renew a book"); err == nil {
		t.Error("search with a canceled context succeeded")
	}
}

func TestBuildCanceled(t *testing.T) {
	ps := make([]content.Passage, 3*cancelCheckEvery)
	for i := range ps {
		ps[i] = content.Passage{ID: fmt.Sprint("p", i), Kind: content.KindPassage, Title: "T", Text: "Some words to analyse."}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// The analysis of the passages, before Bleve sees them, stops too.
	ix := library(t)
	if _, err := analyse(ctx, ix.analyzer, ix.surface, ix.full, ps); !errors.Is(err, context.Canceled) {
		t.Errorf("analyse with a canceled context: %v, want context.Canceled", err)
	}
	for _, dir := range []string{"", filepath.Join(t.TempDir(), "idx")} {
		ix, err := Build(ctx, ps, Options{Dir: dir})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("build in %q with a canceled context: %v, want context.Canceled", dir, err)
		}
		if ix != nil {
			ix.Close()
		}
		if dir != "" {
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("a canceled build left %s behind", dir)
			}
		}
	}
}

func TestAlternativesAreDistinct(t *testing.T) {
	long := strings.Repeat("The reading room has long tables and green lamps for quiet study. ", 80)
	ps := []content.Passage{
		{ID: "room", Kind: content.KindPassage, Title: "Reading room", Text: long[:3400]},
		{ID: "room~2", Kind: content.KindPassage, Title: "Reading room", Text: long[3400:]},
		{ID: "copy", Kind: content.KindPassage, Title: "Copy", Text: long[:3400]},
		{ID: "other", Kind: content.KindPassage, Title: "Other", Text: "Quiet study is possible in the reading room with lamps."},
	}
	ix := built(t, ps)
	res, err := ix.Search(context.Background(), "quiet study reading room lamps")
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]bool{}
	for _, h := range res.Hits {
		key := h.Passage.ItemID()
		if items[key] {
			t.Errorf("item %s appears twice in %v", key, ids(res.Hits))
		}
		items[key] = true
	}
	if len(res.Hits) != 2 {
		t.Errorf("hits = %v, want the split passage once and the other paragraph (the verbatim copy dropped)", ids(res.Hits))
	}
}

func TestExcerptLeadsWithBestSentence(t *testing.T) {
	filler := strings.Repeat("This sentence is about something else entirely and goes on. ", 15)
	text := filler + "The secret garden opens at dawn on Tuesdays. " + filler
	ps := []content.Passage{{ID: "g", Kind: content.KindPassage, Title: "Gardens", Text: text}}
	ix := built(t, ps)
	res, err := ix.Search(context.Background(), "when does the secret garden open")
	if err != nil || len(res.Hits) == 0 {
		t.Fatal(err, res)
	}
	ex := res.Hits[0].Excerpt
	if !strings.HasPrefix(ex, "… The secret garden opens at dawn") {
		t.Errorf("excerpt does not lead with the matching sentence: %.80q", ex)
	}
	if len([]rune(ex)) > excerptRunes+4 {
		t.Errorf("excerpt too long: %d runes", len([]rune(ex)))
	}
}

func TestSuggest(t *testing.T) {
	ix := library(t)
	tests := []struct {
		typed string
		want  string // must be the first suggestion
	}{
		{"how do i ren", "How do I renew a book?"},
		{"late f", "What are the late fees?"},
		{"wifi", "Is there free wifi?"},
		{"libary card", "How do I get a library card?"}, // typo
		{"membership", "How do I get a library card?"},  // alias words match
		{"history", "History of the library"},           // titles too
	}
	for _, tt := range tests {
		got := ix.Suggest(tt.typed, MaxSuggestions)
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q first", tt.typed, got, tt.want)
		}
	}
	if got := ix.Suggest("", MaxSuggestions); len(got) == 0 || len(got) > MaxSuggestions {
		t.Errorf("empty input gives %d suggestions", len(got))
	}
	if got := ix.Suggest("zzzz qqqq", MaxSuggestions); len(got) != 0 {
		t.Errorf("nonsense gives suggestions: %q", got)
	}
}

func TestSuggestLimit(t *testing.T) {
	var ps []content.Passage
	for i := range 60 {
		q := "How do I configure option number " + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "?"
		ps = append(ps, content.Passage{ID: q, Kind: content.KindFAQ, Question: q + strings.Repeat(" very long", 20), Text: "answer"})
	}
	ix := built(t, ps)
	got := ix.Suggest("how do i conf", MaxSuggestions)
	if len(got) != MaxSuggestions {
		t.Errorf("got %d suggestions, want %d", len(got), MaxSuggestions)
	}
	for _, s := range got {
		if n := len([]rune(s)); n > maxSuggestionRunes {
			t.Errorf("suggestion of %d runes: %q", n, s)
		}
	}
}

func TestOpenRejectsOtherContent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ix")
	ps := libraryPassages(t)
	ix, err := Build(context.Background(), ps, Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := Open(context.Background(), ps[:3], Options{Dir: dir}); err == nil {
		t.Error("Open accepted an index built from other content")
	}
}

func TestBuildRejectsDuplicateIDs(t *testing.T) {
	ps := []content.Passage{{ID: "a", Kind: content.KindPassage, Text: "one"}, {ID: "a", Kind: content.KindPassage, Text: "two"}}
	if _, err := Build(context.Background(), ps, Options{}); err == nil {
		t.Error("Build accepted duplicate IDs")
	}
}

func TestByRef(t *testing.T) {
	ix := library(t)
	for _, p := range ix.Passages() {
		got, ok := ix.ByRef(Ref(p.ID))
		if !ok || got.ID != p.ID {
			t.Errorf("ByRef(Ref(%s)) = %v %v", p.ID, got.ID, ok)
		}
		if len(Ref(p.ID)) > 32 {
			t.Errorf("Ref too long for a button: %s", Ref(p.ID))
		}
	}
	if _, ok := ix.ByRef("nope"); ok {
		t.Error("ByRef found a passage that does not exist")
	}
}

func ids(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Passage.ID)
	}
	return out
}

func TestMemBatchSize(t *testing.T) {
	for _, tt := range []struct{ passages, want int }{
		{0, batchSize},
		{2068, batchSize}, // the dev suite's largest content: its layout is the model's
		{maxSmallMem, batchSize},
		{maxSmallMem + 1, memBatch},
		{100000, memBatch},
	} {
		if got := memBatchSize(tt.passages); got != tt.want {
			t.Errorf("memBatchSize(%d) = %d, want %d", tt.passages, got, tt.want)
		}
	}
}
