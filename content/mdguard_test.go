package content

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestLineDepth(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"plain text", 0},
		{"> quote", 1},
		{">>> three", 3},
		{"> > - item in a list in two quotes", 3},
		{"- item", 1},
		{"  - nested item", 2},
		{"      1. deeper", 4},
		{"\t- tab-indented", 3},
		{"1. 2. 3) three lists on a line", 3},
		{"-", 1},
		{"- - - -", 0},              // a thematic break
		{"> * * * * * * * *", 1},    // a quoted thematic break
		{"                code", 0}, // indentation alone
		{"---", 0},
		{"*emphasis*", 0},
		{"1.5 million", 0},
		{"2024. A year", 1},
		{strings.Repeat(">", 200000), 33},       // counting stops past the limit
		{strings.Repeat("1. ", 1000) + "x", 33}, // likewise
	}
	for _, tt := range tests {
		if got := lineDepth(tt.line, MaxMarkdownDepth); got != tt.want {
			t.Errorf("lineDepth(%.40q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

func TestLinkRefs(t *testing.T) {
	n, defs := linkRefs([]string{
		"[guide]: https://e.org/guide",
		`  [Two Words]: <https://e.org/two> "Title"`,
		"[x]: /x 'single'",
		"Text after the definitions.",
		"[late]: /late",
	})
	want := [][3]string{{"guide", "https://e.org/guide", ""}, {"Two Words", "https://e.org/two", "Title"}, {"x", "/x", "single"}}
	if n != 3 || !reflect.DeepEqual(defs, want) {
		t.Errorf("linkRefs = %d %q", n, defs)
	}
	for _, text := range []string{"[not a def] text", "[a]:", "[a]: /u trailing words", "[a][b]: /u", "[]: /u", "    [a]: /u", `[a]: /u "open`, "[" + strings.Repeat("x", 1000) + "]: /u"} {
		if n, _ := linkRefs([]string{text, "[a]: /u"}); n != 0 {
			t.Errorf("linkRefs(%.30q) = %d, want 0", text, n)
		}
	}
	if _, defs := linkRefs([]string{`[a\]b]: <with space> (paren title)`}); len(defs) != 1 || defs[0] != [3]string{`a\]b`, "with space", "paren title"} {
		t.Errorf("escaped bracket, <destination>, (title): %q", defs)
	}
}

func TestMarkdownLinkReferences(t *testing.T) {
	src := "## See [the guide][g]\n\n[g]: https://e.org/guide\n[h]: https://e.org/h\nText after the definitions, with [a link][h].\n\n[solo]: /solo\n"
	c := loadOne(t, "refs.md", src, Options{BaseURL: "https://kb.e.org"})
	if err := c.Err(); err != nil {
		t.Fatal(err)
	}
	got := briefs(c.Passages)
	want := []brief{{"refs.md#see-the-guide-1", "See the guide", "", "Text after the definitions, with [a link][h].", "https://kb.e.org/refs.md#see-the-guide", 5}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("passages\n got %+v\nwant %+v", got, want)
	}
}

// pathological Markdown files, each at most the Markdown size limit, made
// to be slow for a Markdown parser.
func pathological() map[string]string {
	nested := func(levels int) string {
		var b strings.Builder
		for i := range levels {
			b.WriteString(strings.Repeat(" ", 2*i) + "- item\n")
		}
		return b.String()
	}
	fill := func(unit string) string { return strings.Repeat(unit, maxMarkdownBytes/len(unit)) }
	return map[string]string{
		"quotes.md":        strings.Repeat(">", 200000),
		"nested-list.md":   nested(3000), // 9 MB: over the size limit
		"nested-700.md":    nested(700),
		"depth-32.md":      fill(strings.Repeat("1. ", 31) + "x\n"),
		"quote-list-32.md": fill(strings.Repeat("> - ", 16) + "x\n"),
		"link-open.md":     fill("[a]("),
		"image-open.md":    fill("![a]("),
		"brackets.md":      strings.Repeat("[", maxMarkdownBytes/2) + strings.Repeat("]", maxMarkdownBytes/2),
		"link-lines.md":    fill("[a](\n"),
		"ref-defs.md":      fill("[a]: /u\n"),
		"headings.md":      fill("## " + strings.Repeat("[a](", 240) + "\n\nx\n\n"),
		"questions.md":     fill("Q: " + strings.Repeat("[a](", 240) + "\nA: x\n\n"),
		"tiny-blocks.md":   fill("-\n"),
		"setext.md":        fill("a\n=\n"),
		"emphasis.md":      fill("*a_b*c_d**e_f*g**h*i_j**"),
	}
}

// TestMarkdownPathological reads each file within a bound (the two
// seconds; more under -race): it is rejected with a problem naming its line,
// or read.
func TestMarkdownPathological(t *testing.T) {
	bound := 2 * time.Second
	if raceEnabled {
		bound *= 8
	}
	wantProblem := map[string]string{
		"quotes.md":      "quotes.md:1: lists or quotes nested 33 levels deep or more",
		"nested-list.md": "nested-list.md: file too large",
		"nested-700.md":  "nested-700.md:33: lists or quotes nested 33 levels deep or more",
	}
	for name, src := range pathological() {
		t.Run(name, func(t *testing.T) {
			done := make(chan *Collection, 1)
			start := time.Now()
			go func() {
				c, err := Load(context.Background(), fstest.MapFS{name: {Data: []byte(src)}}, "", Options{})
				if err != nil {
					t.Error(err)
				}
				done <- c
			}()
			var c *Collection
			select {
			case c = <-done:
			case <-time.After(bound):
				t.Fatalf("%s (%d bytes) not read or rejected within %v", name, len(src), bound)
			}
			t.Logf("%d bytes in %v: %d passages, problems %.200q", len(src), time.Since(start).Round(time.Millisecond), len(c.Passages), problemStrings(c.Problems))
			if want := wantProblem[name]; want != "" && !hasProblem(c.Problems, want) {
				t.Errorf("problems %.300q, want %q", problemStrings(c.Problems), want)
			}
			for _, p := range c.Problems {
				if p.File != name {
					t.Errorf("problem without its file: %v", p)
				}
			}
		})
	}
}

func TestMarkdownLongHeadingAndQuestion(t *testing.T) {
	long := strings.Repeat("word ", maxInlineRunes/5+1)
	c := loadOne(t, "long.md", "# Title\n\n## "+long+"\n\nText.\n", Options{})
	if !hasProblem(c.Problems, fmt.Sprintf("long.md:3: heading longer than %d characters", maxInlineRunes)) || len(c.Passages) != 0 {
		t.Errorf("long heading: problems %q, %d passages", problemStrings(c.Problems), len(c.Passages))
	}
	c = loadOne(t, "qa.md", "Q: "+long+"\nA: Answer.\n\nQ: Short?\nA: Fine.\n", Options{})
	if !hasProblem(c.Problems, "qa.md:1: line longer than") || len(c.Passages) != 1 || c.Passages[0].Question != "Short?" {
		t.Errorf("long question: problems %q, passages %+v", problemStrings(c.Problems), briefs(c.Passages))
	}
	wrapped := "Q: Start\n" + strings.Repeat("and more words here\n", maxInlineRunes/20+1) + "A: Answer.\n"
	c = loadOne(t, "wrap.md", wrapped, Options{})
	if !hasProblem(c.Problems, fmt.Sprintf("wrap.md:1: question longer than %d characters", maxInlineRunes)) || len(c.Passages) != 0 {
		t.Errorf("long wrapped question: problems %q, %d passages", problemStrings(c.Problems), len(c.Passages))
	}
}
