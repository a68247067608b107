package content

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadTree loads a tree with one broken file of each kind: every problem
// is reported with file:line, and the good files' passages still load.
func TestLoadTree(t *testing.T) {
	c, err := Load(context.Background(), os.DirFS("testdata/tree"), "content", Options{BaseURL: "https://kb.e.org"})
	if err != nil {
		t.Fatal(err)
	}
	wantProblems := []string{
		"content/articles/ranks.md:5: invalid front matter: ",
		"content/bad-encoding.txt:2: not valid UTF-8",
		"content/exports/corpus.jsonl:2: invalid JSON: ",
		`content/exports/sheet.csv:1: missing column "answer"`,
		"content/faq/general-faq.md:3: duplicate id faq/general-faq.md#how-do-i-join, first at content/exports/corpus.jsonl:3",
		`content/faq/general-faq.md:9: question without an answer: "Is voice chat required?"`,
	}
	got := problemStrings(c.Problems)
	if len(got) != len(wantProblems) {
		t.Errorf("got %d problems, want %d:\n%s", len(got), len(wantProblems), strings.Join(got, "\n"))
	}
	for i := range min(len(got), len(wantProblems)) {
		if !strings.HasPrefix(got[i], wantProblems[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s...", i, got[i], wantProblems[i])
		}
	}
	wantIDs := []string{
		"articles/welcome.md#p-1",
		"articles/welcome.md#joining-1",
		"exports-1",
		"faq/general-faq.md#how-do-i-join",
		"faq/general-faq.md#do-you-raid-on-weekdays",
		"news.txt#p-1",
	}
	if !reflect.DeepEqual(ids(c.Passages), wantIDs) {
		t.Errorf("ids\n got %q\nwant %q", ids(c.Passages), wantIDs)
	}
	for _, p := range c.Passages {
		if !strings.HasPrefix(p.File, "content/") || p.Line == 0 {
			t.Errorf("%s: source %q, want content/...:line", p.ID, p.Source())
		}
	}
	if w := problemStrings(c.Warnings); len(w) != 2 || w[0] != "content/readme.doc: unknown file type, skipped" ||
		w[1] != `content/synonyms.txt:1: "sign up" is several words and is left out: a synonym is one word` {
		t.Errorf("warnings %q", w)
	}
	if len(c.Synonyms) != 1 || c.Synonyms[0].File != "content/synonyms.txt" {
		t.Errorf("synonyms %+v", c.Synonyms)
	}
	if c.Files != 8 {
		t.Errorf("Files = %d, want 8", c.Files)
	}
	err = c.Err()
	if err == nil {
		t.Fatal("Err() = nil, want the problems")
	}
	for _, p := range c.Problems {
		if !errors.Is(err, p) {
			t.Errorf("Err() does not hold %v", p)
		}
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != len(c.Problems) {
		t.Errorf("Err() has %d lines, want one per problem (%d)", n, len(c.Problems))
	}
}

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"a/b.md":          {Data: []byte("In a folder.\n")},
		"a.md":            {Data: []byte("At the root.\n")},
		".git/config.md":  {Data: []byte("Hidden dir.\n")},
		"a/.draft.md":     {Data: []byte("Hidden file.\n")},
		"img/logo.png":    {Data: []byte{0x89, 'P', 'N', 'G'}},
		"big.md":          {Data: make([]byte, maxFileBytes+1)},
		"Notes/README.MD": {Data: []byte("Upper-case extension.\n")},
		"empty.txt":       {Data: nil},
		"headings.md":     {Data: []byte("# Only\n\n## Headings\n")},
	}
	c, err := Load(context.Background(), fsys, "", Options{BaseURL: "https://kb.e.org/"})
	if err != nil {
		t.Fatal(err)
	}
	wantIDs := []string{"Notes/README.MD#p-1", "a.md#p-1", "a/b.md#p-1"}
	if !reflect.DeepEqual(ids(c.Passages), wantIDs) {
		t.Errorf("ids %q, want %q (files in lexical path order, hidden skipped)", ids(c.Passages), wantIDs)
	}
	if got := c.Passages[2]; got.File != "a/b.md" || got.URL != "https://kb.e.org/a/b.md#:~:text=In%20a%20folder." {
		t.Errorf("passage file %q url %q", got.File, got.URL)
	}
	if !hasProblem(c.Problems, "big.md: file too large") {
		t.Errorf("problems %q, want big.md too large", problemStrings(c.Problems))
	}
	for _, w := range []string{"img/logo.png: unknown file type, skipped", "empty.txt: nothing to index", "headings.md: nothing to index"} {
		if !hasProblem(c.Warnings, w) {
			t.Errorf("warnings %q, want %q", problemStrings(c.Warnings), w)
		}
	}
	if hasProblem(c.Warnings, "a.md: nothing") || hasProblem(c.Warnings, "big.md: nothing") {
		t.Errorf("warnings %q: a file with passages, or with a problem already, needs no note", problemStrings(c.Warnings))
	}
	if c.Files != 6 {
		t.Errorf("Files = %d, want 6", c.Files)
	}
}

func TestLoadNameDoesNotChangeIDs(t *testing.T) {
	fsys := fstest.MapFS{"guide.md": {Data: []byte("## Setup\n\nDo it.\n")}}
	a, _ := Load(context.Background(), fsys, "content", Options{})
	b, _ := Load(context.Background(), fsys, "/srv/data", Options{})
	if a.Passages[0].ID != b.Passages[0].ID || a.Passages[0].File == b.Passages[0].File {
		t.Errorf("ids %q %q files %q %q", a.Passages[0].ID, b.Passages[0].ID, a.Passages[0].File, b.Passages[0].File)
	}
	if b.Passages[0].File != "/srv/data/guide.md" {
		t.Errorf("File = %q", b.Passages[0].File)
	}
}

func TestLoadWalkError(t *testing.T) {
	if _, err := Load(context.Background(), os.DirFS(filepath.Join(t.TempDir(), "missing")), "missing", Options{}); err == nil {
		t.Error("Load of a missing root: no error")
	}
	if _, err := LoadPath(context.Background(), filepath.Join(t.TempDir(), "missing"), Options{}); err == nil {
		t.Error("LoadPath of a missing path: no error")
	}
}

func TestLoadPath(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "kb")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "faq.md"), []byte("## Why?\nBecause.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(sub, "faq.md")
	c, err := LoadPath(context.Background(), file, Options{BaseURL: "https://kb.e.org"})
	if err != nil {
		t.Fatal(err)
	}
	p := c.Passages[0]
	if p.ID != "faq.md#why" || p.File != "faq.md" || p.URL != "https://kb.e.org/faq.md#why" || c.Files != 1 {
		t.Errorf("single file: %+v, files %d", p, c.Files)
	}
	c, err = LoadPath(context.Background(), sub, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p := c.Passages[0]; p.ID != "faq.md#why" || p.File != "faq.md" {
		t.Errorf("directory: %+v", p)
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name, in, want string
		line           int
	}{
		{"plain", "a\nb", "a\nb", 0},
		{"bom and crlf", "\uFEFFa\r\nb\r\n", "a\nb\n", 0},
		{"old mac", "a\rb", "a\nb", 0},
		{"invalid utf-8", "ok\nbad \xff\n", "", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, line, err := decode([]byte(tt.in))
			if got != tt.want || line != tt.line || (err != nil) != (tt.line > 0) {
				t.Errorf("decode(%q) = %q, %d, %v; want %q, %d", tt.in, got, line, err, tt.want, tt.line)
			}
		})
	}
}

func TestHumanize(t *testing.T) {
	tests := map[string]string{
		"getting-started.md": "Getting started",
		"server_faq.csv":     "Server FAQ",
		"faqs.jsonl":         "FAQs",
		"notes.txt":          "Notes",
		"déjà-vu.md":         "Déjà vu",
	}
	for in, want := range tests {
		if got := humanize(in); got != want {
			t.Errorf("humanize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestErrNil(t *testing.T) {
	if err := (&Collection{}).Err(); err != nil {
		t.Errorf("Err() = %v, want nil", err)
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{10, 200} {
		fsys := fstest.MapFS{}
		for i := range n {
			fsys[fmt.Sprintf("faq-%03d.md", i)] = &fstest.MapFile{Data: []byte("# FAQ\n\n## How do I join?\nAlso: apply\n\nApply in #apply.\n\n## Is it free?\nYes.\n")}
		}
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Load(context.Background(), fsys, "content", Options{BaseURL: "https://kb.e.org"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
