package index

import (
	"context"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"reload", "reload"},         // ASCII as is
		{"ｒｅｌｏａｄ", "reload"},         // full-width forms
		{"ﬁle", "file"},              // ligature
		{"café", "cafe"},             // precomposed accent
		{"cafe\u0301", "cafe"},       // combining accent
		{"Résumé", "Resume"},         // case is the lower-case filter's
		{"naïve", "naive"},           // diaeresis
		{"İstanbul", "Istanbul"},     // dotted capital I
		{"straße", "straße"},         // a letter of its own, not an accent
		{"ά", "ά"},                   // Greek keeps its marks
		{"йогурт", "йогурт"},         // so does Cyrillic ("й" is not "и")
		{"हिंदी", "हिंदी"},           // and Devanagari
		{"x²", "x2"},                 // compatibility digit
		{"\u0301cafe", "\u0301cafe"}, // a mark with no letter before it stays
	}
	for _, tt := range tests {
		if got := string(fold([]byte(tt.in))); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLookAlikeLettersKeepTheAnswer asks the same questions typed with
// accents, full-width letters or a ligature: the answer and its confidence
// must not change.
func TestLookAlikeLettersKeepTheAnswer(t *testing.T) {
	ix := library(t)
	ctx := context.Background()
	fullWidth := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= '!' && r <= '~' {
				return r - '!' + '！'
			}
			return r
		}, s)
	}
	for _, tt := range []struct{ plain, typed string }{
		{"How do I renew a book?", fullWidth("How do I renew a book?")},
		{"what are the late fees", "whät are the láte fées"},
		{"is the wifi free", "is the wiﬁ free"},
	} {
		want, err := ix.Search(ctx, tt.plain)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.Search(ctx, tt.typed)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Hits) == 0 || len(got.Hits) == 0 || got.Hits[0].Passage.ID != want.Hits[0].Passage.ID ||
			got.Confidence != want.Confidence || got.Answered != want.Answered {
			t.Errorf("%q: answer %v at %.3f; typed %q: %v at %.3f", tt.plain, ids(want.Hits), want.Confidence, tt.typed, ids(got.Hits), got.Confidence)
		}
	}
}
