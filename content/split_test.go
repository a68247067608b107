package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitText(t *testing.T) {
	tests := []struct {
		name string
		text string
		max  int
		want []string
	}{
		{"short", "One. Two.", 20, []string{"One. Two."}},
		{"at sentences", "One one. Two two. Three three.", 18, []string{"One one. Two two.", "Three three."}},
		{"each sentence", "Aaaa. Bbbb. Cccc.", 6, []string{"Aaaa.", "Bbbb.", "Cccc."}},
		{"long sentence at words", "alpha beta gamma delta", 11, []string{"alpha beta", "gamma delta"}},
		{"long word cut", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"runes not bytes", "ééé ééé", 3, []string{"ééé", "ééé"}},
		{"keeps formatting", "Line one.\nLine two.\n\nPara two.", 20, []string{"Line one.\nLine two.", "Para two."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range splitText(tt.text, tt.max) {
				got = append(got, p.text)
				if tt.text[p.offset:p.offset+len(p.text)] != p.text {
					t.Errorf("part %q: offset %d does not point at it", p.text, p.offset)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("splitText(%q, %d)\n got %q\nwant %q", tt.text, tt.max, got, tt.want)
			}
		})
	}
}

func TestSplitTextLimits(t *testing.T) {
	long := strings.Repeat("The raid lead counts the attendance sheet twice. ", 400) +
		strings.Repeat("word ", 2000) + strings.Repeat("x", 8000)
	parts := splitText(strings.TrimSpace(long), MaxTextRunes)
	var words []string
	for _, p := range parts {
		if n := utf8.RuneCountInString(p.text); n > MaxTextRunes || n == 0 {
			t.Errorf("part of %d runes, want 1..%d", n, MaxTextRunes)
		}
		words = append(words, p.text)
	}
	// Only the over-long word may be cut inside; everything else keeps its words.
	joined := strings.Join(words, " ")
	if strings.ReplaceAll(strings.Join(strings.Fields(joined), ""), " ", "") != strings.Join(strings.Fields(long), "") {
		t.Error("parts lost or reordered text")
	}
}

func TestDraftPartsIDsAndLinks(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		fmt.Fprintf(&b, "Lantern %d glows brightly at night. ", i) // ~7000 runes
	}
	text := b.String()
	tests := []struct {
		name     string
		d        draft
		sameURLs bool
	}{
		{"anchor link shared", draft{Passage: Passage{ID: "a.md#x-1", Kind: KindPassage, Text: text, URL: "https://e.org/a#x", Line: 3}}, true},
		{"fragment per part", draft{Passage: Passage{ID: "a.md#p-1", Kind: KindPassage, Text: text, URL: "https://e.org/a", Line: 3}, fragment: true}, false},
		{"faq fragment by question", draft{Passage: Passage{ID: "a.md#q", Kind: KindFAQ, Question: "Why?", Text: text, URL: "https://e.org/a", Line: 3}, fragment: true}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := tt.d.passages()
			if len(ps) < 2 {
				t.Fatalf("got %d parts, want several", len(ps))
			}
			for i, p := range ps {
				want := tt.d.ID
				if i > 0 {
					want = fmt.Sprintf("%s~%d", tt.d.ID, i+1)
				}
				if p.ID != want || p.ItemID() != tt.d.ID {
					t.Errorf("part %d: ID %q (item %q), want %q", i, p.ID, p.ItemID(), want)
				}
				if (p.URL == ps[0].URL) != tt.sameURLs && i > 0 {
					t.Errorf("part %d: URL %q vs first %q, same=%v wanted", i, p.URL, ps[0].URL, tt.sameURLs)
				}
			}
		})
	}
}
