package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"faqbot/content"
)

// TestChatFormsReadAsTheirWords asks questions as members type them in
// chat and as written: both must be read alike, terms, words and question
// word.
func TestChatFormsReadAsTheirWords(t *testing.T) {
	ps := []content.Passage{
		{ID: "a", Kind: content.KindFAQ, Question: "What's the date of the next meetup?", Text: "The first Friday of the month."},
		{ID: "b", Kind: content.KindFAQ, Question: "I don't have the role, how do I get it?", Text: "Ask a moderator."},
		{ID: "c", Kind: content.KindFAQ, Question: "How can you help me?", Text: "Ask me about the server."},
	}
	ix := built(t, ps)
	terms := func(p parsed) []string {
		var out []string
		for _, x := range p.terms {
			out = append(out, x.term)
		}
		return out
	}
	tests := []struct{ typed, written string }{
		{"whats the date of the next meetup", "what's the date of the next meetup"},
		{"im new and i dont have the role", "i'm new and i don't have the role"},
		{"hows the meetup date chosen", "how's the meetup date chosen"},
		{"can u help me pls", "can you help me please"},
		{"i can’t get the role", "i can't get the role"}, // a typographic apostrophe
		{"wanna know the vc rules for new ppl", "want know the voice rules for new people"},
	}
	for _, tt := range tests {
		typed, err := ix.parse(context.Background(), tt.typed)
		if err != nil {
			t.Fatal(err)
		}
		written, err := ix.parse(context.Background(), tt.written)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(terms(typed), terms(written)) || !slices.Equal(typed.words, written.words) || typed.asks != written.asks {
			t.Errorf("%q read as terms %q, words %v, asking %q; %q as %q, %v, %q", tt.typed, terms(typed), typed.words, typed.asks,
				tt.written, terms(written), written.words, written.asks)
		}
	}
}

// TestChatterLeftOut: the greetings, courtesy and hedges a question comes
// wrapped in are left out where the content never uses them, and count
// where it does.
func TestChatterLeftOut(t *testing.T) {
	ps := []content.Passage{
		{ID: "a", Kind: content.KindFAQ, Question: "How do I renew a book?", Text: "At the desk or online."},
		{ID: "b", Kind: content.KindFAQ, Question: "How do I ask a question?", Text: "Use the form."},
	}
	ix := built(t, ps)
	terms := func(q string) []string {
		p, err := ix.parse(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, x := range p.terms {
			out = append(out, x.term)
		}
		return out
	}
	tests := []struct{ question, want string }{
		{"hey guys, sorry if this is dumb, how do i renew a book? thanks in advance", "renew book"},
		{"hi! quick question: how do i renew a book", "question renew book"}, // the content asks "a question"
		{"how do i renew a book, i'm a noob lol", "renew book"},
		{"how do i ask a question", "ask question"},
	}
	for _, tt := range tests {
		if got := terms(tt.question); !slices.Equal(got, strings.Fields(tt.want)) {
			t.Errorf("%q read as %q, want %q", tt.question, got, tt.want)
		}
	}
}

func TestIsVersion(t *testing.T) {
	tests := []struct {
		term string
		want bool
	}{
		{"v3", true}, {"v1.2", true}, {"v10.0.1", true},
		{"v", false}, {"v.2", false}, {"v2.", false}, {"v1..2", false}, {"vx", false}, {"v2a", false}, {"3", false}, {"vs", false},
	}
	for _, tt := range tests {
		if got := isVersion([]byte(tt.term)); got != tt.want {
			t.Errorf("isVersion(%q) = %v, want %v", tt.term, got, tt.want)
		}
	}
}
