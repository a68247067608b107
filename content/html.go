package content

import (
	"bytes"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// lineAttr is the attribute annotateLines gives every start tag: the line
// where the tag starts. The HTML parser keeps no positions, and problems
// must name the line of the element.
const lineAttr = "data-faqbot-line"

// maxHTMLDepth is how deep the reader follows nested elements; the HTML
// parser nests far deeper on hostile input, and no page's content needs it.
const maxHTMLDepth = 200

// readHTML reads a web page (.html, .htm): its main content only, with
// headings as sections, paragraphs, lists and tables as passages,
// <details>, <dl> and schema.org FAQPage data as FAQ pairs.
func readHTML(f *file) {
	annotated, ok := annotateLines(f.src)
	if !ok {
		f.problemf(0, "more than %d HTML elements: the page is skipped (its text would take too much memory to read; save the part that matters)", maxHTMLElements)
		return
	}
	doc, err := html.Parse(strings.NewReader(annotated))
	if err != nil {
		// A string never fails to read: the parser gives up only on
		// elements nested past its limit (512), and says so in its own
		// words, which are not for moderators.
		f.problemf(0, "elements nested too deeply to read (hundreds inside each other): the page is skipped")
		return
	}
	meta := readPageMeta(doc)
	structured, notes := faqPageData(doc)
	for _, n := range notes {
		f.warnf(n.Line, "%s", n.Msg)
	}
	root := mainContent(doc, meta.url)
	fl := &flattener{warn: f.warnf}
	fl.container(root, 0)
	h1 := ""
	for _, b := range fl.blocks {
		if b.kind == hHeading && b.level == 1 {
			h1 = b.text
			break
		}
	}
	pg := &htmlPage{
		f:     f,
		title: pageTitle(meta.ogTitle, meta.title, h1, meta.siteName),
		h1:    h1,
		base:  f.baseURL(meta.url),
		ords:  ordinals{},
	}
	pg.assemble(fl.blocks)
	pg.merge(structured)
	if pg.title == "" {
		pg.title = f.defaultTitle()
	}
	for _, d := range pg.drafts {
		d.Title = pg.title
		f.emit(d)
	}
	if len(pg.drafts) == 0 {
		f.warnf(0, "no text found in the page's main content")
	}
}

// maxHTMLElements is the most elements a page may have. The parsed page
// takes a few hundred bytes an element, and a 10 MiB page of nothing but
// tiny elements would take gigabytes; real pages, long documentation
// included, have tens of thousands.
const maxHTMLElements = 100_000

// annotateLines copies an HTML source, adding lineAttr with the line of
// each start tag to the tag. Everything else is copied byte for byte, so
// the page parses as it did. ok is false, and nothing copied, for a page
// of more than maxHTMLElements elements.
func annotateLines(src string) (annotated string, ok bool) {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	b.Grow(len(src) + len(src)/8)
	line, elements := 1, 0
	for {
		tt := z.Next()
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			if elements++; elements > maxHTMLElements {
				return "", false
			}
			end := len(raw) - 1 // before '>'
			if tt == html.SelfClosingTagToken {
				end-- // before "/>"
			}
			if end > 0 && raw[len(raw)-1] == '>' {
				b.Write(raw[:end])
				b.WriteString(" " + lineAttr + `="` + strconv.Itoa(line) + `"`)
				b.Write(raw[end:])
				line += bytes.Count(raw, []byte{'\n'})
				continue
			}
		}
		b.Write(raw)
		line += bytes.Count(raw, []byte{'\n'})
		if tt == html.ErrorToken {
			return b.String(), true
		}
	}
}

// attr returns the value of an element's attribute ("" when absent).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether an element has the attribute at all.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// nodeLine is the source line of n: of its own start tag, else of the
// nearest element around it that has one (elements the parser made up,
// like <tbody>, have none); 0 when unknown.
func nodeLine(n *html.Node) int {
	for m := n; m != nil; m = m.Parent {
		if m.Type != html.ElementNode {
			continue
		}
		if v := attr(m, lineAttr); v != "" {
			if l, err := strconv.Atoi(v); err == nil {
				return l
			}
		}
	}
	return 0
}

// isElement reports whether n is an element of one of the given kinds.
func isElement(n *html.Node, atoms ...atom.Atom) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, a := range atoms {
		if n.DataAtom == a {
			return true
		}
	}
	return false
}

// headingLevel is 1-6 for <h1>-<h6>, else 0.
func headingLevel(n *html.Node) int {
	if n.Type != html.ElementNode {
		return 0
	}
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// findAll returns the elements below n (n included) for which match is
// true, in document order, not looking inside a match.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return out
}

// textContent is all the text below n, raw (no white space collapsed).
func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}
