package index

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSearch asks arbitrary questions of a small index: whatever a member
// types, Search and Suggest must not fail, and their results must keep the
// promises the bot relies on when it renders them.
func FuzzSearch(f *testing.F) {
	seeds := []struct {
		question string
		limit    int
	}{
		{"How do I get a library card?", MaxSuggestions},
		{"how can i renew my books", MaxSuggestions},
		{"what's the wireless password", 5},
		{"how do I reneww a book", MaxSuggestions},
		{"", MaxSuggestions},
		{"   ", 0},
		{"ren", MaxSuggestions},
		{"renew ", -1},
		{`+renew -book title:wifi "late fees"~2 ^3 *? fee* AND OR NOT (a|b) [1 TO 5] {x} \`, 1000},
		{strings.Repeat("renew book fee wifi ", 60), MaxSuggestions},
		{strings.Repeat("a", 1200), MaxSuggestions},
		{strings.Repeat("é", MaxQuestionRunes+1), MaxSuggestions},
		{"\xff\xfe renew a book \xc3", MaxSuggestions},
		{"renew\x00\x1b[31m book\r\n\t\v\f", MaxSuggestions},
		{"🙂🙂🙂 renew?? !!! 👩‍👩‍👧 🇫🇷", MaxSuggestions},
		{"كيف أجدد كتابا؟ ‏renew‎ ‮koob‬", MaxSuggestions},
		{"re\u200bnew a\u200c bo\u200dok\ufeff \u2060wifi", MaxSuggestions},
		{"<@123456789> @everyone how do I renew a book", MaxSuggestions},
		{"İstanbul ǅ ﬃ ß ΣΑΣ", MaxSuggestions},
		{"hwo waht hte ｒｅｎｅｗ a boook whats u pls vc ppl lst café ﬁne", MaxSuggestions},
	}
	for _, s := range seeds {
		f.Add(s.question, s.limit)
	}
	ix := library(f)
	f.Fuzz(func(t *testing.T, question string, limit int) {
		res, err := ix.Search(t.Context(), question)
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return
			}
			t.Fatalf("Search(%q): %v", question, err)
		}
		checkResult(t, res)
		for _, lim := range []int{limit, MaxSuggestions} {
			got := ix.Suggest(question, lim)
			if len(got) > MaxSuggestions || len(got) > max(lim, 0) {
				t.Errorf("Suggest(%q, %d): %d suggestions", question, lim, len(got))
			}
			for _, s := range got {
				if n := utf8.RuneCountInString(s); s == "" || n > maxSuggestionRunes || !utf8.ValidString(s) {
					t.Errorf("Suggest(%q, %d): suggestion %q of %d runes", question, lim, s, n)
				}
			}
		}
	})
}

// checkResult checks what every Result promises, whatever the question.
func checkResult(t *testing.T, res Result) {
	t.Helper()
	if n := utf8.RuneCountInString(res.Question); n > MaxQuestionRunes {
		t.Errorf("question not capped: %d runes", n)
	}
	if !utf8.ValidString(res.Question) {
		t.Errorf("question %q is not valid UTF-8", res.Question)
	}
	if c := res.Confidence; math.IsNaN(c) || c < 0 || c > 1 {
		t.Errorf("confidence %v outside [0,1]", c)
	}
	if res.Answered {
		t.Error("Search decided by itself; a Policy decides")
	}
	res = Policy{MinConfidence: DefaultMinConfidence}.Apply(res)
	if res.Answered != (res.Reason == ReasonNone) {
		t.Errorf("answered=%v with reason %q", res.Answered, res.Reason)
	}
	if res.Answered && len(res.Hits) == 0 {
		t.Error("answered without hits")
	}
	if len(res.Hits) > maxHits {
		t.Errorf("%d hits, want at most %d", len(res.Hits), maxHits)
	}
	seen := map[string]bool{}
	for _, h := range res.Hits {
		id := h.Passage.ItemID()
		if seen[id] {
			t.Errorf("item %s found twice", id)
		}
		seen[id] = true
		if math.IsNaN(h.Score) || math.IsInf(h.Score, 0) {
			t.Errorf("%s: score %v", h.Passage.ID, h.Score)
		}
	}
}
