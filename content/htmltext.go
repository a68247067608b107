package content

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// codeTags hold code: their text is kept, but the junk rules, written for
// prose, do not look at it ("use a <div>" is no markup debris).
var codeTags = map[atom.Atom]bool{atom.Code: true, atom.Kbd: true, atom.Samp: true, atom.Var: true, atom.Tt: true}

// inlineText is the text of a run of inline nodes as a reader sees it:
// white space collapsed, <br> and nested blocks as line breaks. prose is
// the same without code, for the junk rules.
func inlineText(nodes []*html.Node) (text, prose string) {
	var t, p strings.Builder
	var walk func(n *html.Node, depth int, inCode bool)
	walk = func(n *html.Node, depth int, inCode bool) {
		if depth > maxHTMLDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			s := strings.Map(func(r rune) rune {
				if r == '\n' || r == '\r' || r == '\t' || r == '\f' {
					return ' '
				}
				return r
			}, n.Data)
			t.WriteString(s)
			if inCode {
				p.WriteByte(' ')
			} else {
				p.WriteString(s)
			}
			return
		case html.ElementNode:
		default:
			return
		}
		if n.DataAtom == atom.Br {
			t.WriteByte('\n')
			p.WriteByte('\n')
			return
		}
		block := isBlock(n)
		if block {
			t.WriteByte('\n')
			p.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1, inCode || codeTags[n.DataAtom])
		}
		if block {
			t.WriteByte('\n')
			p.WriteByte('\n')
		}
	}
	for _, n := range nodes {
		walk(n, 0, false)
	}
	return tidyLines(t.String()), tidyLines(p.String())
}

// tidyLines collapses white space within each line and drops empty lines.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = oneLine(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// oneLine is s with all white space runs made single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// listText renders a <ul> or <ol> as Markdown list lines ("- item",
// "1. item"), nested lists indented. Items that are junk are left out;
// ok is false when nothing is left, or when every item is nothing but a
// link: such a list is navigation (a table of contents, related pages).
func listText(n *html.Node, depth int) (text, prose string, ok bool) {
	var lines, proseLines []string
	allLinks := true
	var walk func(list *html.Node, indent string, depth int)
	walk = func(list *html.Node, indent string, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		num := 0
		if s, err := strconv.Atoi(attr(list, "start")); err == nil {
			num = s - 1
		}
		for li := list.FirstChild; li != nil; li = li.NextSibling {
			if !isElement(li, atom.Li) {
				continue
			}
			num++
			var own, nested []*html.Node
			for c := li.FirstChild; c != nil; c = c.NextSibling {
				if isElement(c, atom.Ul, atom.Ol) {
					nested = append(nested, c)
				} else {
					own = append(own, c)
				}
			}
			t, p := inlineText(own)
			if t != "" && !isJunk(oneLine(p)) {
				if !onlyLinks(own) {
					allLinks = false
				}
				marker := "- "
				if list.DataAtom == atom.Ol {
					marker = strconv.Itoa(num) + ". "
				}
				pad := "\n" + indent + strings.Repeat(" ", len(marker))
				lines = append(lines, indent+marker+strings.ReplaceAll(t, "\n", pad))
				proseLines = append(proseLines, p)
			}
			for _, sub := range nested {
				walk(sub, indent+"  ", depth+1)
			}
		}
	}
	walk(n, "", depth)
	if len(lines) == 0 || allLinks {
		return "", "", false
	}
	return strings.Join(lines, "\n"), strings.Join(proseLines, "\n"), true
}

// onlyLinks reports whether all the letters and digits of nodes stand in
// links.
func onlyLinks(nodes []*html.Node) bool {
	linked, all := 0, 0
	var walk func(n *html.Node, inLink bool, depth int)
	walk = func(n *html.Node, inLink bool, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		inLink = inLink || isElement(n, atom.A)
		if n.Type == html.TextNode {
			for _, r := range n.Data {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					all++
					if inLink {
						linked++
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink, depth+1)
		}
	}
	for _, n := range nodes {
		walk(n, false, 0)
	}
	return all > 0 && linked == all
}

// layoutTable reports whether a table lays out a page rather than holding
// data: it nests tables or headings, or says so with role=presentation.
func layoutTable(n *html.Node) bool {
	if r := strings.ToLower(attr(n, "role")); r == "presentation" || r == "none" {
		return true
	}
	nested := findAll(n, func(m *html.Node) bool {
		return m != n && (m.DataAtom == atom.Table || headingLevel(m) > 0)
	})
	return len(nested) > 0
}

// tableText renders a data table one row a line, cells apart by " | ",
// with its caption first.
func tableText(n *html.Node) string {
	var lines []string
	for _, c := range findAll(n, func(m *html.Node) bool { return m.DataAtom == atom.Caption }) {
		if t, _ := inlineText(children(c)); t != "" {
			lines = append(lines, oneLine(t))
		}
	}
	for _, tr := range findAll(n, func(m *html.Node) bool { return m.DataAtom == atom.Tr }) {
		var cells []string
		empty := true
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if !isElement(c, atom.Td, atom.Th) {
				continue
			}
			t, _ := inlineText(children(c))
			t = oneLine(t)
			if t != "" {
				empty = false
			}
			cells = append(cells, t)
		}
		if !empty {
			lines = append(lines, strings.Join(cells, " | "))
		}
	}
	return strings.Join(lines, "\n")
}

// permalinkSymbols are what docs generators put in a heading's link to
// itself ("Install¶"): not part of the heading's text.
const permalinkSymbols = "¶#§🔗⚓"

// headingText is a heading's text without its permalink.
func headingText(n *html.Node) string {
	var nodes []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !isPermalink(c) {
			nodes = append(nodes, c)
		}
	}
	t, _ := inlineText(nodes)
	return strings.TrimRight(oneLine(t), " "+permalinkSymbols)
}

// isPermalink reports whether n is a heading's link to itself.
func isPermalink(n *html.Node) bool {
	if !isElement(n, atom.A) || !strings.HasPrefix(attr(n, "href"), "#") {
		return false
	}
	if furnitureName(attr(n, "class")) {
		return true
	}
	cls := strings.ToLower(attr(n, "class"))
	if strings.Contains(cls, "headerlink") || strings.Contains(cls, "anchor") || strings.Contains(cls, "permalink") {
		return true
	}
	return strings.Trim(oneLine(textContent(n)), permalinkSymbols+" ") == ""
}

// headingAnchor is the fragment that links to a heading: its id, a named
// anchor in it, its permalink's target, or the id of the section it opens.
func headingAnchor(n *html.Node) string {
	if id := attr(n, "id"); id != "" {
		return id
	}
	for _, a := range findAll(n, func(m *html.Node) bool { return m.DataAtom == atom.A }) {
		if id := attr(a, "id"); id != "" {
			return id
		}
		if name := attr(a, "name"); name != "" {
			return name
		}
		if isPermalink(a) && len(attr(a, "href")) > 1 {
			return attr(a, "href")[1:]
		}
	}
	if p := n.Parent; p != nil && isElement(p, atom.Section, atom.Div, atom.Article) && attr(p, "id") != "" {
		first := p.FirstChild
		for first != nil && first.Type != html.ElementNode {
			first = first.NextSibling
		}
		if first == n {
			return attr(p, "id")
		}
	}
	return ""
}

// isQuestionItem reports whether n is a schema.org Question in microdata.
func isQuestionItem(n *html.Node) bool {
	if n.Type != html.ElementNode || !hasAttr(n, "itemscope") {
		return false
	}
	for _, t := range strings.Fields(attr(n, "itemtype")) {
		if strings.HasSuffix(strings.TrimRight(strings.ToLower(t), "/"), "schema.org/question") {
			return true
		}
	}
	return false
}

// itemProp is the first element below the item scope that holds the
// property name, not looking into nested items.
func itemProp(scope *html.Node, name string) *html.Node {
	var found *html.Node
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil && found == nil && depth <= maxHTMLDepth; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			for _, p := range strings.Fields(attr(c, "itemprop")) {
				if p == name {
					found = c
					return
				}
			}
			if !hasAttr(c, "itemscope") {
				walk(c, depth+1)
			}
		}
	}
	walk(scope, 0)
	return found
}
