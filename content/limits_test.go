package content

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadTotalBytesLimit(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md": {Data: []byte(strings.Repeat("First file. ", 5) + "\n")},
		"b.md": {Data: []byte(strings.Repeat("Second file. ", 5) + "\n")},
		"c.md": {Data: []byte("Never read.\n")},
	}
	c, err := Load(context.Background(), fsys, "", Options{Limits: Limits{MaxBytes: 100}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Passages) != 1 || c.Passages[0].File != "a.md" {
		t.Errorf("passages %v, want only a.md's", ids(c.Passages))
	}
	want := "b.md: the content is larger than 100 bytes in total (MAX_CONTENT_MB): this file and the rest of the content are not read"
	if got := problemStrings(c.Problems); len(got) != 1 || got[0] != want {
		t.Errorf("problems %q, want [%q]", got, want)
	}
}

// TestLoadPassageLimit is the "million tiny FAQ lines" case at the default
// limit: loading stops at the limit, says where, and holds no more.
func TestLoadPassageLimit(t *testing.T) {
	fsys := fstest.MapFS{}
	const files, perFile = 10, DefaultMaxPassages / 8
	for f := range files {
		var b strings.Builder
		for i := range perFile {
			fmt.Fprintf(&b, "{\"question\":\"q%d-%d?\",\"text\":\"a\"}\n", f, i)
		}
		fsys[fmt.Sprintf("faq-%02d.jsonl", f)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	c, err := Load(context.Background(), fsys, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Passages) != DefaultMaxPassages {
		t.Errorf("%d passages, want the limit %d", len(c.Passages), DefaultMaxPassages)
	}
	want := fmt.Sprintf("faq-08.jsonl:1: the content has more than %d passages (MAX_PASSAGES): this one and the rest of the content are not read", DefaultMaxPassages)
	if got := problemStrings(c.Problems); len(got) != 1 || got[0] != want {
		t.Errorf("problems %q, want [%q]", got, want)
	}
	if c.Files != 9 {
		t.Errorf("Files = %d, want 9 (the tenth is not read)", c.Files)
	}
}

func TestLoadMarkdownSizeLimit(t *testing.T) {
	fsys := fstest.MapFS{
		"big.md": {Data: []byte(strings.Repeat("word ", maxMarkdownBytes/5+1))},
		"big.jsonl": {Data: []byte(`{"id":"a","text":"` + strings.Repeat("word ", maxMarkdownBytes/8) + `"}` + "\n" +
			`{"id":"b","text":"` + strings.Repeat("word ", maxMarkdownBytes/8) + `"}` + "\n")},
	}
	c, err := Load(context.Background(), fsys, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := problemStrings(c.Problems); len(got) != 1 || !strings.HasPrefix(got[0], "big.md: file too large") || !strings.Contains(got[0], "limit 512 KiB): split it") {
		t.Errorf("problems %q", got)
	}
	if len(c.Passages) == 0 || c.Passages[0].File != "big.jsonl" {
		t.Errorf("the JSON Lines file of the same size was not read: %v", ids(c.Passages))
	}
}

// TestLoadProblemsPerFile: a file broken on every line (a stray quote on
// each CSV row, a JSON Lines file of garbage) lists its first problems and
// counts the rest, instead of holding many times its size in problems;
// the limit of the whole load is still reported, and the other files are
// read.
func TestLoadProblemsPerFile(t *testing.T) {
	const lines = 50_000
	tests := []struct {
		name, src  string
		wantMore   string
		wantListed int
	}{
		{"quotes.csv", "question,answer,url\n" + strings.Repeat("\"a\n", lines), "quotes.csv: 49900 more problems in this file, not listed", maxFileProblems},
		{"garbage.jsonl", strings.Repeat("{x\n", lines), "garbage.jsonl: 49900 more problems in this file, not listed", maxFileProblems},
		{"synonyms.txt", strings.Repeat("a\n", lines), "synonyms.txt: 49900 more problems in this file, not listed", maxFileProblems},
		{"few.jsonl", strings.Repeat("{x\n", 3), "", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{tt.name: {Data: []byte(tt.src)}, "good.md": {Data: []byte("Still read.\n")}}
			c, err := Load(context.Background(), fsys, "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			listed, more := 0, ""
			for _, p := range c.Problems {
				if p.Line > 0 {
					listed++
				} else {
					more = p.Error()
				}
			}
			if listed != tt.wantListed || more != tt.wantMore {
				t.Errorf("%d problems listed, then %q; want %d, then %q", listed, more, tt.wantListed, tt.wantMore)
			}
			if len(c.Passages) != 1 || c.Passages[0].File != "good.md" {
				t.Errorf("passages %v", ids(c.Passages))
			}
		})
	}

	// The passage limit is told even after a file's problems are full.
	var b strings.Builder
	b.WriteString(strings.Repeat("{x\n", maxFileProblems+1))
	for i := range 3 {
		fmt.Fprintf(&b, "{\"question\":\"q%d?\",\"text\":\"a\"}\n", i)
	}
	c := loadOne(t, "faq.jsonl", b.String(), Options{Limits: Limits{MaxPassages: 2}})
	want := fmt.Sprintf("faq.jsonl:%d: the content has more than 2 passages (MAX_PASSAGES)", maxFileProblems+4)
	if !hasProblem(c.Problems, want) {
		t.Errorf("no problem %q in %q", want, problemStrings(c.Problems))
	}
}
