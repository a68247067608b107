package learn

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"faqbot/content"
	"faqbot/feedback"
)

var testPassages = []content.Passage{
	{ID: "faq.md#card", Kind: content.KindFAQ, Question: "When does my card arrive?", Aliases: []string{"card delivery"}, Text: "In a week.", File: "faq.md", Line: 3},
	{ID: "faq.md#pin", Kind: content.KindFAQ, Question: "How do I change my PIN?", Text: "In the app.", File: "faq.md", Line: 9},
	{ID: "guide.md#intro", Kind: content.KindPassage, Title: "Guide", Text: "Welcome."},
}

func ph(id, text string) feedback.Phrasing { return feedback.Phrasing{PassageID: id, Text: text} }

func TestApply(t *testing.T) {
	tests := []struct {
		name     string
		accepted []feedback.Phrasing
		aliases  map[string][]string // passage id → aliases after
		added    int
		orphans  []string
		shadowed []string
	}{
		{"none", nil, map[string][]string{"faq.md#card": {"card delivery"}, "faq.md#pin": nil}, 0, nil, nil},
		{
			"added by id",
			[]feedback.Phrasing{ph("faq.md#card", "my card still hasn't come"), ph("faq.md#pin", "new pin please")},
			map[string][]string{"faq.md#card": {"card delivery", "my card still hasn't come"}, "faq.md#pin": {"new pin please"}},
			2, nil, nil,
		},
		{
			"a phrasing the passage has is not added again",
			[]feedback.Phrasing{ph("faq.md#card", "Card delivery?"), ph("faq.md#card", "when does my card arrive"), ph("faq.md#card", "x y"), ph("faq.md#card", "X, y!")},
			map[string][]string{"faq.md#card": {"card delivery", "x y"}},
			1, nil, nil,
		},
		{
			"orphans: a passage that is gone, or a paragraph",
			[]feedback.Phrasing{ph("faq.md#gone", "where did it go"), ph("guide.md#intro", "hello there")},
			map[string][]string{"faq.md#card": {"card delivery"}},
			0, []string{"where did it go", "hello there"}, nil,
		},
		{
			"another passage's question is not taken",
			[]feedback.Phrasing{ph("faq.md#pin", "card delivery"), ph("faq.md#pin", "When does my card arrive")},
			map[string][]string{"faq.md#pin": nil},
			0, nil, []string{"card delivery", "When does my card arrive"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := slices.Clone(testPassages[0].Aliases)
			got := Apply(testPassages, tc.accepted)
			if !slices.Equal(testPassages[0].Aliases, before) {
				t.Fatal("Apply modified the passages given")
			}
			for _, p := range got.Passages {
				if want, ok := tc.aliases[p.ID]; ok && !slices.Equal(p.Aliases, want) {
					t.Errorf("%s aliases %q, want %q", p.ID, p.Aliases, want)
				}
			}
			texts := func(ps []feedback.Phrasing) []string {
				var out []string
				for _, p := range ps {
					out = append(out, p.Text)
				}
				return out
			}
			if got.Added != tc.added || !slices.Equal(texts(got.Orphans), tc.orphans) || !slices.Equal(texts(got.Shadowed), tc.shadowed) {
				t.Errorf("added %d orphans %q shadowed %q; want %d %q %q", got.Added, texts(got.Orphans), texts(got.Shadowed), tc.added, tc.orphans, tc.shadowed)
			}
		})
	}
}

func TestExport(t *testing.T) {
	accepted := []feedback.Phrasing{ph("faq.md#pin", "new pin please"), ph("faq.md#card", "my card still hasn't come"), ph("faq.md#card", "where's my card"), ph("old.md#x", "gone -- away")}
	var j bytes.Buffer
	if err := WriteJSONL(&j, testPassages, accepted); err != nil {
		t.Fatal(err)
	}
	wantJ := `{"id":"faq.md#card","question":"When does my card arrive?","aliases":["my card still hasn't come","where's my card"],"source":"faq.md:3"}
{"id":"faq.md#pin","question":"How do I change my PIN?","aliases":["new pin please"],"source":"faq.md:9"}
{"id":"old.md#x","aliases":["gone -- away"]}
`
	if j.String() != wantJ {
		t.Errorf("JSON Lines:\n%s\nwant\n%s", j.String(), wantJ)
	}
	var m bytes.Buffer
	if err := WriteMarkdown(&m, testPassages, accepted); err != nil {
		t.Fatal(err)
	}
	wantM := `<!-- faq.md:3 -->
### When does my card arrive?
Also: my card still hasn't come
Also: where's my card

<!-- faq.md:9 -->
### How do I change my PIN?
Also: new pin please

<!-- orphaned: their passage is no longer in the content
old.md#x: gone - - away
-->
`
	if m.String() != wantM {
		t.Errorf("Markdown:\n%s\nwant\n%s", m.String(), wantM)
	}
	// Pasted above their answers, the lines read back as the same aliases.
	pasted := strings.ReplaceAll(m.String(), "\n\n", "\nThe answer.\n\n")
	c, err := content.LoadPath(t.Context(), writeFile(t, "learned-faq.md", pasted), content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range c.Passages {
		got = append(got, p.Question+": "+strings.Join(p.Aliases, "; "))
	}
	want := []string{"When does my card arrive?: my card still hasn't come; where's my card", "How do I change my PIN?: new pin please"}
	if !slices.Equal(got, want) {
		t.Errorf("read back %q, want %q", got, want)
	}
}
