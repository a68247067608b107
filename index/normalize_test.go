package index

import (
	"context"
	"strings"
	"testing"
)

func TestNormalizeQuestion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  how do I   reload? ", "how do I reload?"},
		{"re\u200bload", "reload"},                                      // zero-width space
		{"re\u200cload\u200d", "reload"},                                // non-joiner, joiner
		{"\ufeffre\u2060load", "reload"},                                // BOM, word joiner
		{"re\u00adload", "reload"},                                      // soft hyphen
		{"a\x00b\x1b[31mc", "a b [31mc"},                                // controls are spaces
		{"line\nbreak\ttab", "line break tab"},                          // white space collapses
		{strings.Repeat("\u200b", MaxQuestionRunes*2) + "word", "word"}, // invisible runes are free
	}
	for _, tt := range tests {
		if got := normalizeQuestion(tt.in); got != tt.want {
			t.Errorf("normalizeQuestion(%.80q) = %.80q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestInvisibleCharactersKeepTheAnswer asks the same questions with
// zero-width characters inside words (as pasted text often has): the
// answer and its confidence must not change.
func TestInvisibleCharactersKeepTheAnswer(t *testing.T) {
	ix := library(t)
	ctx := context.Background()
	for _, q := range []string{"How do I renew a book?", "what are the late fees", "is the wifi free"} {
		hidden := strings.NewReplacer("re", "re\u200b", "a", "a\u200c", "i", "\u00adi", "e", "e\u200d", " ", "\u2060 \ufeff").Replace(q)
		want, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.Search(ctx, hidden)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Hits) == 0 || len(got.Hits) == 0 || got.Hits[0].Passage.ID != want.Hits[0].Passage.ID ||
			got.Confidence != want.Confidence || got.Answered != want.Answered {
			t.Errorf("%q: answer %v at %.3f; with invisible characters %v at %.3f", q, ids(want.Hits), want.Confidence, ids(got.Hits), got.Confidence)
		}
	}
}
