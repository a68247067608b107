package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// FuzzHTML feeds arbitrary text to the HTML reader: it may not panic, the
// line numbers it adds must not change the page, and what it returns
// keeps the collection's promises, with lines inside the file.
func FuzzHTML(f *testing.F) {
	seeds := []string{
		"<!doctype html><title>T | S</title><main><h1>T</h1><h2 id=a>FAQ</h2><h3>Q?</h3><p>A.</p></main>",
		"<details><summary>q</summary>a</details><dl><dt>t<dt>u<dd>d</dl>",
		`<script type="application/ld+json">{"@type":"FAQPage","mainEntity":{"@type":"Question","name":"q","acceptedAnswer":{"text":"<p>a"}}}</script>`,
		`<div itemscope itemtype="https://schema.org/Question"><b itemprop=name>q</b><i itemprop=acceptedAnswer itemscope><s itemprop=text>a`,
		"<table><tr><td><table><tr><td>x</table></table><ul><li><ol><li>y</ol></ul>",
		"<!-- saved from url=(0014)https://e.org/ --><p a=b/>x<br/ <svg><style><p>",
		"<pre>\n\ncode</pre><p>" + strings.Repeat("<div>", 300) + "deep",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if annotated, ok := annotateLines(src); !ok {
			t.Skip("more elements than a page may have")
		} else if back := stripLines.ReplaceAllString(annotated, ""); back != src && !strings.Contains(src, lineAttr) {
			t.Fatalf("annotateLines changed the page:\n%q\n%q", src, back)
		}
		c, err := Load(context.Background(), fstest.MapFS{"p.html": {Data: []byte(src)}}, "content", Options{BaseURL: "https://kb.e.org"})
		if err != nil {
			t.Fatal(err)
		}
		// A lone carriage return ends a line too: the reader reads old Mac
		// line ends as line ends, as editors show them.
		lines := strings.Count(strings.ReplaceAll(src, "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(src, "\r\n", ""), "\r") + 1
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
			if p.Line < 0 || p.Line > lines {
				t.Errorf("%s: line %d of %d", p.ID, p.Line, lines)
			}
		}
		for _, p := range append(c.Problems, c.Warnings...) {
			if p.File == "" || p.Line < 0 || p.Line > lines {
				t.Errorf("problem without a place in the file: %+v", p)
			}
		}
	})
}
