package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"faqbot/content"
)

func TestCompoundsFilter(t *testing.T) {
	ix := library(t)
	tests := []struct{ text, want string }{
		{"how do i log in", "log login"},          // "in" is a stop word; the compound stays
		{"sign-up form", "sign signup form"},      // a hyphen joins too
		{"wi fi password", "wi wifi fi password"}, // the halves stay
		{"the log. In the morning", "log morn"},   // a sentence apart: no compound
		{"log  in", "log"},                        // two spaces apart: no compound
		{"login", "login"},
		{"set a reminder", "set remind"},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range ix.analyzer.Analyze([]byte(tt.text)) {
			got = append(got, string(tok.Term))
		}
		if want := strings.Fields(tt.want); !slices.Equal(got, want) {
			t.Errorf("%q analysed as %q, want %q", tt.text, got, want)
		}
	}
}

// TestCompoundsMatchEitherWay: content that writes a compound in one word
// answers a question that writes it in two, and the other way round.
func TestCompoundsMatchEitherWay(t *testing.T) {
	ps := []content.Passage{
		{ID: "login", Kind: content.KindFAQ, Question: "Why does my login fail?", Text: "Reset your password first."},
		{ID: "signup", Kind: content.KindFAQ, Question: "How do I sign up for the tournament?", Text: "Use the form in #events."},
		{ID: "rules", Kind: content.KindFAQ, Question: "Where are the server rules?", Text: "In #rules."},
	}
	ix := built(t, ps)
	for _, tt := range []struct{ question, want string }{
		{"why does log in fail", "login"},
		{"tournament signup", "signup"},
		{"tournament sign-up", "signup"},
	} {
		res, err := ix.Search(context.Background(), tt.question)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Passage.ID != tt.want {
			t.Errorf("%q: %v, want %s first", tt.question, ids(res.Hits), tt.want)
		}
	}
}
