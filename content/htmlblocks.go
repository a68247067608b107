package content

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hkind is what a block of a web page is.
type hkind int

const (
	hText    hkind = iota // a paragraph, list, table or code block
	hHeading              // <h1>-<h6>
	hPair                 // a question with its answer: <details>, <dl>, schema.org Question
)

// hblock is one block of a page's main content, in reading order.
type hblock struct {
	kind    hkind
	level   int      // heading level
	text    string   // heading text, paragraph text, or the answer of a pair
	prose   string   // hText: the text without code, for the junk rules
	q       string   // hPair: the question
	aliases []string // hPair: other terms of a <dl> entry
	id      string   // the element's id: a heading's or pair's link anchor
	line    int
	code    bool // a <pre> block: never junk
}

// blockTags are the elements that start a new block; anything else is
// inline text of the block around it.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Center: true, atom.Details: true, atom.Dialog: true, atom.Dd: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hgroup: true, atom.Hr: true, atom.Li: true,
	atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Table: true, atom.Ul: true, atom.Summary: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Caption: true, atom.Menu: true,
}

// isBlock reports whether n starts a block of its own.
func isBlock(n *html.Node) bool {
	return n.Type == html.ElementNode && (blockTags[n.DataAtom] || isQuestionItem(n))
}

// flattener turns the main content's tree into blocks.
type flattener struct {
	blocks []hblock
	warn   func(line int, format string, args ...any)
}

// container reads the children of a block that holds other blocks.
func (fl *flattener) container(n *html.Node, depth int) {
	fl.nodes(children(n), depth)
}

// nodes reads a run of sibling nodes. Text between blocks forms
// paragraphs of its own.
func (fl *flattener) nodes(nodes []*html.Node, depth int) {
	if depth > maxHTMLDepth {
		return
	}
	var run []*html.Node // inline nodes waiting to form a paragraph
	flush := func() {
		if len(run) == 0 {
			return
		}
		text, prose := inlineText(run)
		fl.text(text, prose, "", nodeLine(run[0]), false)
		run = run[:0]
	}
	for _, c := range nodes {
		if !isBlock(c) {
			run = append(run, c)
			continue
		}
		flush()
		fl.block(c, depth+1)
	}
	flush()
}

// text adds a text block unless it is empty.
func (fl *flattener) text(text, prose, id string, line int, code bool) {
	if strings.TrimSpace(text) == "" {
		return
	}
	fl.blocks = append(fl.blocks, hblock{kind: hText, text: text, prose: prose, id: id, line: line, code: code})
}

// block reads one block element.
func (fl *flattener) block(n *html.Node, depth int) {
	line := nodeLine(n)
	if isQuestionItem(n) {
		fl.questionItem(n, depth)
		return
	}
	if lvl := headingLevel(n); lvl > 0 {
		if text := headingText(n); text != "" {
			fl.blocks = append(fl.blocks, hblock{kind: hHeading, level: lvl, text: text, id: headingAnchor(n), line: line})
		}
		return
	}
	switch n.DataAtom {
	case atom.P, atom.Summary, atom.Dt, atom.Figcaption, atom.Caption:
		text, prose := inlineText(children(n))
		fl.text(text, prose, attr(n, "id"), line, false)
	case atom.Pre:
		code := strings.Trim(textContent(n), "\n")
		if strings.TrimSpace(code) != "" {
			fl.text("```\n"+code+"\n```", "", attr(n, "id"), line, true)
		}
	case atom.Ul, atom.Ol:
		if text, prose, ok := listText(n, depth); ok {
			fl.text(text, prose, attr(n, "id"), line, false)
		}
	case atom.Table:
		if layoutTable(n) {
			fl.container(n, depth)
			return
		}
		fl.text(tableText(n), "", attr(n, "id"), line, false)
	case atom.Details:
		fl.details(n, depth)
	case atom.Dl:
		fl.definitions(n, depth)
	case atom.Hr:
	default:
		fl.container(n, depth)
	}
}

// details reads <details><summary>question</summary>answer</details> as
// an FAQ pair; without a summary it is an ordinary container.
func (fl *flattener) details(n *html.Node, depth int) {
	var summary *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isElement(c, atom.Summary) {
			summary = c
			break
		}
	}
	if summary == nil {
		fl.container(n, depth)
		return
	}
	q, _ := inlineText(children(summary))
	q = oneLine(q)
	if q == "" {
		fl.container(n, depth)
		return
	}
	var rest []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c != summary {
			rest = append(rest, c)
		}
	}
	id := attr(n, "id")
	if id == "" {
		id = attr(summary, "id")
	}
	fl.pair(q, nil, answerText(rest, depth), id, nodeLine(n))
}

// definitions reads a <dl>: each run of <dt> terms and the <dd>
// descriptions after them is an FAQ pair, the first term the question and
// the others its aliases. <div> wrappers around groups are allowed.
func (fl *flattener) definitions(n *html.Node, depth int) {
	var items []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if isElement(c, atom.Div) {
			for g := c.FirstChild; g != nil; g = g.NextSibling {
				items = append(items, g)
			}
			continue
		}
		items = append(items, c)
	}
	var terms []string
	var termLine int
	var id string
	var answers []string
	done := func() {
		if len(terms) > 0 {
			fl.pair(terms[0], terms[1:], strings.Join(answers, "\n\n"), id, termLine)
		}
		terms, answers, id = nil, nil, ""
	}
	for _, c := range items {
		switch {
		case isElement(c, atom.Dt):
			if len(answers) > 0 {
				done()
			}
			t, _ := inlineText(children(c))
			if t = oneLine(t); t == "" {
				continue
			}
			if len(terms) == 0 {
				termLine, id = nodeLine(c), attr(c, "id")
			}
			terms = append(terms, t)
		case isElement(c, atom.Dd):
			if a := answerText(children(c), depth); a != "" {
				answers = append(answers, a)
			}
		}
	}
	done()
}

// questionItem reads a schema.org Question in microdata: the question is
// its "name" property, the answer the "text" of its acceptedAnswer (or
// suggestedAnswer).
func (fl *flattener) questionItem(n *html.Node, depth int) {
	var q string
	if name := itemProp(n, "name"); name != nil {
		q, _ = inlineText([]*html.Node{name})
		if name.DataAtom == atom.Meta {
			q = attr(name, "content")
		}
	}
	var answer string
	for _, prop := range []string{"acceptedAnswer", "suggestedAnswer"} {
		a := itemProp(n, prop)
		if a == nil {
			continue
		}
		if t := itemProp(a, "text"); t != nil {
			a = t
		}
		answer = answerText(children(a), depth)
		break
	}
	if q = oneLine(q); q == "" {
		fl.container(n, depth)
		return
	}
	fl.pair(q, nil, answer, attr(n, "id"), nodeLine(n))
}

// pair adds an FAQ pair, or notes that its answer is missing.
func (fl *flattener) pair(q string, aliases []string, answer, id string, line int) {
	if strings.TrimSpace(answer) == "" {
		fl.warn(line, "question without an answer: %q", q)
		return
	}
	fl.blocks = append(fl.blocks, hblock{kind: hPair, q: q, aliases: aliases, text: answer, id: id, line: line})
}

// answerText is the text of the nodes of an answer: their blocks' texts,
// paragraphs apart.
func answerText(nodes []*html.Node, depth int) string {
	sub := &flattener{warn: func(int, string, ...any) {}}
	sub.nodes(nodes, depth)
	var parts []string
	for _, b := range sub.blocks {
		switch b.kind {
		case hText, hHeading:
			parts = append(parts, b.text)
		case hPair:
			parts = append(parts, b.q+"\n"+b.text)
		}
	}
	return strings.Join(parts, "\n\n")
}

// children lists the child nodes of n.
func children(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, c)
	}
	return out
}
