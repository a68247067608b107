package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// FuzzReaders feeds arbitrary text to every reader: none may panic, and
// whatever they return keeps the collection's promises.
func FuzzReaders(f *testing.F) {
	seeds := []string{
		"---\ntitle: T\n---\n# H\n\n## Q?\nAlso: a\n\nA.\n\nQ: x\nA: y\n",
		"Title: T\n\nHeading\n- q?\n- a.\nFAQ\n- q2?\n",
		"question,answer,url\n\"a\nb\",c,\n",
		`{"id":"a","text":"b"}` + "\n[1]\n",
		`{"faq": [{"question":"q?","answer":"a"}, 1]}`,
		"faq:\n  - question: q?\n    answer: a\n    aliases: [b]\n  - &x [c]\n  - *x\n",
		"a, b => c\n",
		"question;answer;url;\"notes, x\"\n\"q?\";\"a;b\";;\nq\t2?;a\n",
		"---\n- [\n---\n",
		"**Q:** x\n\n**A:**\n",
		`[{"Q":"q?","Reply":"a","category":{"x":1},"QnaId":1},{"Frage":"f"},{"source_url":"u","text":null}]`,
		"Q;Reply;Source_URL;QnaId\nq?;a;;1\n| Q | Reply |\n|---|---|\n| q? | a |\n",
		"## S\n\n<details><summary>q?</summary>\n\na\n</details>\n\n- **q?** a\n- **r?**\n  b\n\n| Question | Answer |\n|---|---|\n| q | `a \\| b` |\n\n**q?** a\n\nQ. q?\nA. a\n",
		"type: embed\n\ncolour: blurple\nembed:\n    title: T\n---\n\n**B**\nline\n-# small\n",
		"type: alias\nother: i\n",
		"type: alias\ntarget: x/j\n---\ntext\n",
		"type: text\naliases: a, b\ntitle: :x: T: u\nbutton: [d](https://e.org)\n\n---\nA\n",
		"---\ntype: text\n---\n---\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fsys := fstest.MapFS{}
		for _, name := range []string{"a-faq.md", "b.md", "c.txt", "d.csv", "e.jsonl", "f.json", "g.yaml", "h.tsv", "synonyms.txt", "i.ytag", "x/j.tag", "tags/k.md"} {
			fsys[name] = &fstest.MapFile{Data: []byte(src)}
		}
		c, err := Load(context.Background(), fsys, "content", Options{BaseURL: "https://kb.e.org"})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, p := range c.Passages {
			if seen[p.ID] {
				t.Errorf("duplicate id %q", p.ID)
			}
			seen[p.ID] = true
			if strings.TrimSpace(p.Text) == "" || utf8.RuneCountInString(p.Text) > MaxTextRunes {
				t.Errorf("%s: text of %d runes", p.ID, utf8.RuneCountInString(p.Text))
			}
			if p.Kind == KindFAQ && p.Question == "" {
				t.Errorf("%s: faq without question", p.ID)
			}
			if len(p.Aliases) > maxAliases {
				t.Errorf("%s: %d aliases", p.ID, len(p.Aliases))
			}
			for _, a := range p.Aliases {
				if utf8.RuneCountInString(a) > maxInlineRunes || strings.Contains(a, "\n") {
					t.Errorf("%s: alias %q", p.ID, a)
				}
			}
		}
		for _, p := range c.Problems {
			if p.File == "" {
				t.Errorf("problem without file: %v", p)
			}
		}
	})
}
