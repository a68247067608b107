package content

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestHTMLSeed reads an HTML copy of the seed article, made from the seed
// file at test time the way a news site would show it (navigation, a
// cookie banner, a table of contents, share links, debris left in the
// text), and checks that it gives the same paragraphs and FAQ pairs as the
// scraped-text reader gives on the text, for each way a site may mark its
// FAQ.
func TestHTMLSeed(t *testing.T) {
	raw, err := os.ReadFile(seedPath)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("seed article %s not present (the shared/ folder is not beside the repository)", seedPath)
	}
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{BaseURL: "https://news.example.com/articles"}
	want := loadOne(t, "article.txt", string(raw), opts)
	if len(want.Passages) == 0 || len(want.Problems) > 0 {
		t.Fatalf("scraped reader: %d passages, problems %v", len(want.Passages), want.Problems)
	}
	for _, faq := range []string{"headings", "details", "dl", "jsonld"} {
		t.Run(faq, func(t *testing.T) {
			page := seedPage(string(raw), faq)
			got := loadOne(t, "article.html", page, opts)
			if len(got.Problems) > 0 || len(got.Warnings) > 0 {
				t.Errorf("problems %v, warnings %v", got.Problems, got.Warnings)
			}
			if g, w := seedShape(got.Passages, ".html"), seedShape(want.Passages, ".txt"); !reflect.DeepEqual(g, w) {
				t.Errorf("HTML copy differs from the scraped text:\n got %s\nwant %s", g, w)
			}
			for _, p := range got.Passages {
				if !strings.HasPrefix(p.URL, "https://news.example.com/articles/article.html#") {
					t.Errorf("%s: url %q, want a link into the page", p.ID, p.URL)
				}
			}
		})
	}
}

// seedShape is what both readers must agree on: kind, ID (without the
// file's extension), title, section, question and text of each passage.
func seedShape(ps []Passage, ext string) string {
	var b strings.Builder
	for _, p := range ps {
		line, _ := json.Marshal([]string{string(p.Kind), strings.Replace(p.ID, "article"+ext, "article", 1), p.Title, p.Section, p.Question, p.Text})
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// seedPage renders a scraped article as the web page it came from. The
// first line is the title; lines with markup remnants and "Table of
// Contents" are kept as the debris they are; short lines without closing
// punctuation are subheadings; "- " lines after "Frequently Asked
// Questions" alternate question and answer, marked up as faq says.
func seedPage(src, faq string) string {
	var lines []string
	for _, l := range strings.Split(src, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	title, lines := lines[0], lines[1:]
	var body, head strings.Builder
	var pairs [][2]string
	var headings []string
	for _, l := range lines {
		if short(l) && !strings.HasPrefix(l, "- ") && !strings.Contains(l, `">`) && l != "Table of Contents" {
			headings = append(headings, l)
		}
	}
	esc := html.EscapeString
	inFAQ := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case l == "Table of Contents":
			fmt.Fprintf(&body, "<p><strong>%s</strong></p>\n<ul>\n", esc(l))
			for k, h := range headings {
				fmt.Fprintf(&body, "  <li><a href=\"#s%d\">%s</a></li>\n", k, esc(h))
			}
			body.WriteString("</ul>\n")
		case strings.Contains(l, `">`):
			fmt.Fprintf(&body, "<p>%s</p>\n<figure><img src=\"/images/placeholder.jpg\" alt=\"\"></figure>\n", esc(l))
		case strings.HasPrefix(l, "- ") && inFAQ && i+1 < len(lines):
			pairs = append(pairs, [2]string{l[2:], strings.TrimPrefix(lines[i+1], "- ")})
			i++
		case short(l):
			inFAQ = l == "Frequently Asked Questions"
			k := 0
			for k < len(headings) && headings[k] != l {
				k++
			}
			fmt.Fprintf(&body, "<h2 id=\"s%d\">%s</h2>\n", k, esc(l))
			if !inFAQ {
				body.WriteString("<p>Advertisement</p>\n")
			}
		default:
			fmt.Fprintf(&body, "<p>%s</p>\n", esc(l))
		}
	}
	switch faq {
	case "headings":
		for _, p := range pairs {
			fmt.Fprintf(&body, "<h3>%s</h3>\n<p>%s</p>\n", esc(p[0]), esc(p[1]))
		}
	case "details":
		for _, p := range pairs {
			fmt.Fprintf(&body, "<details><summary>%s</summary><p>%s</p></details>\n", esc(p[0]), esc(p[1]))
		}
	case "dl":
		body.WriteString("<dl>\n")
		for _, p := range pairs {
			fmt.Fprintf(&body, "  <dt>%s</dt><dd>%s</dd>\n", esc(p[0]), esc(p[1]))
		}
		body.WriteString("</dl>\n")
	case "jsonld":
		var entities []map[string]any
		body.WriteString("<div class=\"faq-block\">\n")
		for _, p := range pairs {
			entities = append(entities, map[string]any{"@type": "Question", "name": p[0],
				"acceptedAnswer": map[string]any{"@type": "Answer", "text": esc(p[1])}})
			fmt.Fprintf(&body, "  <div class=\"faq-q\"><strong>%s</strong></div>\n  <div class=\"faq-a\">%s</div>\n", esc(p[0]), esc(p[1]))
		}
		body.WriteString("</div>\n")
		ld, _ := json.Marshal(map[string]any{"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities})
		fmt.Fprintf(&head, "<script type=\"application/ld+json\">%s</script>\n", ld)
	}
	return fmt.Sprintf(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>%[1]s - World News Today</title>
<script>var ads = [];</script>
%[2]s</head>
<body>
<header class="masthead"><a href="/">World News Today</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li></ul></nav></header>
<div class="cookie-notice"><p>We use cookies to improve your experience.</p><button>OK</button></div>
<article>
<h1>%[1]s</h1>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
%[3]s<p>Share this article</p>
</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Another story</a></li></ul></aside>
<footer><p>© World News Today</p></footer>
</body>
</html>
`, html.EscapeString(title), head.String(), body.String())
}

// short reports whether a scraped line reads like a heading: few words,
// no closing punctuation.
func short(l string) bool {
	last, _ := utf8.DecodeLastRuneInString(l)
	return len(strings.Fields(l)) <= 12 && !strings.ContainsRune(".!?:;,\"'”’»…", last)
}
