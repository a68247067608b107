package index

import (
	"context"
	"slices"
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
	ix, err := Build(context.Background(), ps, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
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
