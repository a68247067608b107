package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// brief is the part of a passage the reader tests look at.
type brief struct {
	ID, Section, Question, Text, URL string
	Line                             int
}

func briefs(ps []Passage) []brief {
	var out []brief
	for _, p := range ps {
		out = append(out, brief{p.ID, p.Section, p.Question, p.Text, p.URL, p.Line})
	}
	return out
}

func TestReadMarkdown(t *testing.T) {
	const base = "https://kb.e.org"
	tests := []struct {
		name     string
		file     string
		src      string
		want     []brief
		problems []string
	}{
		{
			name: "article paragraphs and sections",
			file: "guide.md",
			src:  "Intro line.\n\n## Setup\n\nStep one.\n\n- a\n- b\n\n### Deep\n\nDeeper.\n",
			want: []brief{
				{"guide.md#p-1", "", "", "Intro line.", base + "/guide.md#:~:text=Intro%20line.", 1},
				{"guide.md#setup-1", "Setup", "", "Step one.", base + "/guide.md#setup", 5},
				{"guide.md#setup-2", "Setup", "", "- a\n- b", base + "/guide.md#setup", 7},
				{"guide.md#deep-1", "Deep", "", "Deeper.", base + "/guide.md#deep", 12},
			},
		},
		{
			name: "hash in fenced code is not a heading",
			file: "code.md",
			src:  "## Run\n\n```\n# build\nmake\n```\n",
			want: []brief{{"code.md#run-1", "Run", "", "```\n# build\nmake\n```", base + "/code.md#run", 3}},
		},
		{
			name: "duplicate headings get GitHub anchors",
			file: "dup.md",
			src:  "## Tips\n\nOne.\n\n## Tips\n\nTwo.\n",
			want: []brief{
				{"dup.md#tips-1", "Tips", "", "One.", base + "/dup.md#tips", 3},
				{"dup.md#tips-1-1", "Tips", "", "Two.", base + "/dup.md#tips-1", 7},
			},
		},
		{
			name: "title heading is not a section",
			file: "t.md",
			src:  "# The Title\n\nFirst.\n",
			want: []brief{{"t.md#p-1", "", "", "First.", base + "/t.md#:~:text=First.", 3}},
		},
		{
			name: "faq by file name with sections and aliases",
			file: "Guild-FAQ.md",
			src: "## Basics\n\n### How do I join?\nAlso: joining\nAlso: how to apply\n\nApply in #apply.\n\nThen wait.\n\n" +
				"### Is it free?\nAlso: cost\nYes, always.\n\n## Other\n### Anything else?\nNo.\n",
			want: []brief{
				{"Guild-FAQ.md#how-do-i-join", "Basics", "How do I join?", "Apply in #apply.\n\nThen wait.", base + "/Guild-FAQ.md#how-do-i-join", 3},
				{"Guild-FAQ.md#is-it-free", "Basics", "Is it free?", "Yes, always.", base + "/Guild-FAQ.md#is-it-free", 11},
				{"Guild-FAQ.md#anything-else", "Other", "Anything else?", "No.", base + "/Guild-FAQ.md#anything-else", 16},
			},
		},
		{
			name: "faq by front matter kind",
			file: "rules.md",
			src:  "---\nkind: faq\n---\n## Can I swear?\nNo.\n",
			want: []brief{{"rules.md#can-i-swear", "", "Can I swear?", "No.", base + "/rules.md#can-i-swear", 4}},
		},
		{
			name: "article kind overrides faq file name",
			file: "faq.md",
			src:  "---\nkind: article\n---\n## Can I swear?\nNo.\n",
			want: []brief{{"faq.md#can-i-swear-1", "Can I swear?", "", "No.", base + "/faq.md#can-i-swear", 5}},
		},
		{
			name: "unterminated faq",
			file: "faq.md",
			src:  "## A?\nYes.\n\n## B?\n\n## C?\nAlso: c\n\n## D?\n",
			want: []brief{{"faq.md#a", "", "A?", "Yes.", base + "/faq.md#a", 1}},
			problems: []string{
				`faq.md:4: question without an answer: "B?"`,
				`faq.md:6: question without an answer: "C?"`,
				`faq.md:9: question without an answer: "D?"`,
			},
		},
		{
			name: "q and a pairs in an article",
			file: "qa.md",
			src:  "## Help\n\nQ: Can I rejoin?\nA: Yes, after a week.\n\nMore detail.\n\n**Q:** Who decides?\n\n**A:** The officers.\n\nQ: Forgotten?\n",
			want: []brief{
				{"qa.md#can-i-rejoin", "Help", "Can I rejoin?", "Yes, after a week.\n\nMore detail.", base + "/qa.md#:~:text=Can%20I%20rejoin%3F", 3},
				{"qa.md#who-decides", "Help", "Who decides?", "The officers.", base + "/qa.md#:~:text=Who%20decides%3F", 8},
			},
			problems: []string{"qa.md:12: Q: without A:"},
		},
		{
			name: "q with aliases and wrapped question",
			file: "wrap.md",
			src:  "Q: Can I play\non weekends?\nAlso: weekend play\nA: Sure.\n",
			want: []brief{{"wrap.md#can-i-play-on-weekends", "", "Can I play on weekends?", "Sure.", base + "/wrap.md#:~:text=Can%20I%20play%20on%20weekends%3F", 1}},
		},
		{
			name:     "empty question after Q:",
			file:     "e.md",
			src:      "Q:\nA: Something.\n",
			problems: []string{"e.md:1: Q: without a question"},
		},
		{
			name:     "empty answer after A:",
			file:     "e.md",
			src:      "Q: Anything?\nA:\n",
			problems: []string{`e.md:1: question without an answer: "Anything?"`},
		},
		{
			name: "skipped blocks",
			file: "s.md",
			src:  "<!-- note to self -->\n\n---\n\n[ref]: https://e.org\n\nKept.\n",
			want: []brief{{"s.md#p-1", "", "", "Kept.", base + "/s.md#:~:text=Kept.", 7}},
		},
		{
			name: "markdown removed from fragment words",
			file: "m.md",
			src:  "**Bold** and `code` and [a link](https://e.org) here.\n",
			want: []brief{{"m.md#p-1", "", "", "**Bold** and `code` and [a link](https://e.org) here.", base + "/m.md#:~:text=Bold%20and%20code%20and%20a%20link%20here.", 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadOne(t, tt.file, tt.src, Options{BaseURL: base})
			if got := briefs(c.Passages); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("passages\n got %+v\nwant %+v", got, tt.want)
			}
			if got := problemStrings(c.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}

func TestMarkdownAliasesAndTitle(t *testing.T) {
	tests := []struct {
		name, file, src, title string
		aliases                []string
	}{
		{"front matter title", "a.md", "---\ntitle: From YAML\n---\n# Heading\n\nText.\n", "From YAML", nil},
		{"first heading", "a.md", "# From Heading\n\nText.\n", "From Heading", nil},
		{"file name", "getting-started.md", "Text.\n", "Getting started", nil},
		{"aliases", "faq.md", "## Q?\nAlso: one\nalso: two\n\nAnswer.\n", "FAQ", []string{"one", "two"}},
		{"alias paragraph then answer", "faq.md", "## Q?\nAlso: one\n\nAlso: two\n\nAnswer.\n", "FAQ", []string{"one", "two"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadOne(t, tt.file, tt.src, Options{})
			if err := c.Err(); err != nil {
				t.Fatal(err)
			}
			if len(c.Passages) != 1 {
				t.Fatalf("got %d passages, want 1", len(c.Passages))
			}
			p := c.Passages[0]
			if p.Title != tt.title || !reflect.DeepEqual(p.Aliases, tt.aliases) {
				t.Errorf("title %q aliases %q, want %q %q", p.Title, p.Aliases, tt.title, tt.aliases)
			}
			if p.URL != "" {
				t.Errorf("URL %q, want none without a base URL", p.URL)
			}
			if strings.Contains(p.Text, "Also:") {
				t.Errorf("aliases left in text %q", p.Text)
			}
		})
	}
}

func BenchmarkReadMarkdown(b *testing.B) {
	for _, n := range []int{10, 500} {
		var sb strings.Builder
		sb.WriteString("# FAQ\n\n")
		for i := range n {
			sb.WriteString("## How do I do thing " + strings.Repeat("x", i%7) + "?\nAlso: thing\n\nLike **this**, see [docs](https://e.org).\n\n")
		}
		src := sb.String()
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			for b.Loop() {
				f := &file{rel: "faq.md", name: "faq.md", src: src}
				readMarkdown(f)
			}
		})
	}
}

// TestMarkdownTableFieldNames: an FAQ table's columns under their other
// names (fieldNames), the preferred one read when two name one field.
func TestMarkdownTableFieldNames(t *testing.T) {
	const faq = "---\nkind: faq\n---\n"
	runFieldNames(t, "t.md", []fieldNamesCase{
		{name: "other names, any case",
			src:  faq + "| Q | Reply | Other_Phrasings | Category |\n|---|---|---|---|\n| Can I? | Yes. | may I; could I | Basics |\n",
			want: []entryView{{"t.md#can-i", "T", "", "Can I?", []string{"may I", "could I"}, "Yes.", "https://kb.e.org/t.md#:~:text=Can%20I%3F", 6}}},
		{name: "the preferred name of two",
			src:  faq + "| FAQ | Question | A | Answer |\n|---|---|---|---|\n| x | Can I? | no | Yes. |\n",
			want: []entryView{{"t.md#can-i", "T", "", "Can I?", nil, "Yes.", "https://kb.e.org/t.md#:~:text=Can%20I%3F", 6}}},
	})
}
