package eval

import (
	"context"
	"slices"
	"strings"
	"testing"

	"faqbot/index"
)

func TestKeyword(t *testing.T) {
	tests := []struct {
		question string
		oneOf    string // the words Keyword may choose, space-separated; "" for none
	}{
		{"thanks!", "thanks"},
		{"How do I reset my password?", "reset password"},
		{"what is it?", ""},
		{"   ", ""},
		{"Where's the club's car park", "where's club's car park"},
		{"is 2FA required", "2fa required"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			got := Keyword(tt.question)
			if tt.oneOf == "" {
				if got != "" {
					t.Fatalf("Keyword = %q, want none", got)
				}
				return
			}
			if !strings.Contains(" "+tt.oneOf+" ", " "+got+" ") {
				t.Fatalf("Keyword = %q, want one of %q", got, tt.oneOf)
			}
			if again := Keyword(tt.question); again != got {
				t.Errorf("Keyword is %q, then %q: a fit would not be reproducible", got, again)
			}
		})
	}
}

// TestKeywordsFitOneWordOnly fits on a real collection: keywords weigh in
// the weights of one-word questions only, so the ranking, the confidence
// of whole questions and the threshold are what whole questions alone
// give; and a kept model keeps all but those weights.
func TestKeywordsFitOneWordOnly(t *testing.T) {
	s := Set{Name: "community-faq", Corpus: Paths{"testdata/community-faq/corpus.jsonl"}, Queries: Paths{"testdata/community-faq/queries.jsonl"}}
	with, err := Collect(context.Background(), s, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	whole := wholeQuestions(with)
	opts := FitOptions{Iterations: 60, Rounds: 1}
	a, b := Fit(whole, 1, opts), Fit(with, 1, opts)
	if a.Rank != b.Rank || a.Confidence != b.Confidence || a.FAQ != b.FAQ || a.Bias != b.Bias {
		t.Error("keywords moved the ranking or the confidence of whole questions")
	}
	if a.OneWord == b.OneWord {
		t.Error("keywords did not weigh in the weights of one-word questions")
	}
	if x, y := ChooseThreshold(&b, whole, 1), ChooseThreshold(&b, with, 1); x != y {
		t.Errorf("threshold %.2f on whole questions, %.2f with keywords", x, y)
	}
	kept := index.Fitted()
	c := Fit(with, 1, FitOptions{Iterations: 60, Rounds: 1, Keep: &kept})
	if c.Rank != kept.Rank || c.Confidence != kept.Confidence || c.FAQ != kept.FAQ || c.Bias != kept.Bias {
		t.Error("a kept model's ranking or whole-question confidence changed")
	}
	if c.OneWord == (index.Signals{}) {
		t.Error("no weights fitted for one-word questions")
	}
}

// TestCollectAsksKeywords collects a set as a fit does: every question
// with a word that is no stop word is asked again as a keyword, with the same right answers, and
// a report collection asks whole questions only.
func TestCollectAsksKeywords(t *testing.T) {
	s := Set{Name: "community-faq", Corpus: Paths{"testdata/community-faq/corpus.jsonl"}, Queries: Paths{"testdata/community-faq/queries.jsonl"}}
	fit, err := Collect(context.Background(), s, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	keywords, found := 0, 0
	for i, e := range fit {
		if !e.Keyword {
			continue
		}
		keywords++
		if i == 0 || fit[i-1].Keyword || fit[i-1].Answerable != e.Answerable {
			t.Fatalf("keyword example %d does not follow its whole question", i)
		}
		if slices.Contains(e.Relevant, true) {
			found++
		}
	}
	if whole := len(fit) - keywords; keywords < whole*9/10 || keywords > whole {
		t.Errorf("%d keywords for %d whole questions, want one for almost every one", keywords, whole)
	}
	if found == 0 {
		t.Error("no keyword found its question's answer among the candidates")
	}
	report, err := Collect(context.Background(), s, 0, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range report {
		if e.Keyword {
			t.Fatal("a report collection asked a keyword")
		}
	}
}
