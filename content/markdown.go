package content

import (
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mdBlock is one top-level block of a Markdown body.
type mdBlock struct {
	level      int    // heading level, 0 for other blocks
	heading    string // heading text, plain
	anchor     string // heading anchor, de-duplicated within the file
	start, end int    // byte range of the block's source in the body
	line       int    // line in the file
	para       bool   // a paragraph (Q:, A: and Also: lines live in these)
	lines      []mdLine
	html       bool     // an HTML block (<details> FAQ entries live in these)
	node       ast.Node // a list or a table (FAQ entries may live in these too); nil otherwise
}

// mdLine is one source line of a paragraph.
type mdLine struct {
	start, end int // byte range in the body
	line       int
}

// markdownDoc is a parsed Markdown body.
type markdownDoc struct {
	src        string
	lineStarts lineStarts // where the lines of src start
	lineOffset int        // lines of the file before src (front matter)
	blocks     []mdBlock
	md         goldmark.Markdown
	refs       map[string]parser.Reference // link reference definitions, by normalised label
	deadline   time.Time                   // for reading the file (see late)
	overrun    bool                        // plain refused to read after the deadline
}

// newMarkdown returns a Markdown parser with the GitHub extensions (tables,
// strikethrough, task lists, autolinks), the dialect moderators write in.
// A new one per file: goldmark does not promise that a parser may be shared
// between goroutines.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM))
}

// newBlockParser parses the block structure only (headings, paragraphs,
// lists, code, tables), which takes time in proportion to the text once
// nesting is bounded. Inline Markdown is read later, in small pieces
// (plain). Link reference definitions are read by linkRefs.
func newBlockParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithParagraphTransformers(util.Prioritized(extension.NewTableParagraphTransformer(), 200)),
	)
}

// parseMarkdown splits body into its top-level blocks. It refuses (with the
// line and what is wrong) a body nested too deeply or with a heading too
// long to read.
func parseMarkdown(body string, lineOffset int) (*markdownDoc, int, string) {
	d := &markdownDoc{src: body, lineOffset: lineOffset, md: newMarkdown(), refs: map[string]parser.Reference{},
		deadline: time.Now().Add(markdownBudget)}
	if line, depth := deepLine(body, MaxMarkdownDepth); line > 0 {
		return nil, line + lineOffset, fmt.Sprintf("lists or quotes nested %d levels deep or more (limit %d): this file is not read", depth, MaxMarkdownDepth)
	}
	d.lineStarts = newLineStarts(body)
	source := []byte(body)
	root := newBlockParser().Parse(text.NewReader(source))
	d.collectLinkRefs(root)
	var anchors anchors
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if skipBlock(n, source) {
			continue
		}
		b := mdBlock{start: d.lineStart(blockPos(n)), end: len(body)}
		for next := n.NextSibling(); next != nil; next = next.NextSibling() {
			if p := blockPos(next); p >= 0 {
				b.end = d.lineStart(p)
				break
			}
		}
		if p, ok := n.(*ast.Paragraph); ok {
			if refs := d.leadingLinkRefs(p); refs == p.Lines().Len() {
				continue // nothing but link reference definitions
			} else if refs > 0 {
				b.start = d.lineStart(p.Lines().At(refs).Start)
			}
		}
		b.start, b.end = trimSpan(body, b.start, b.end)
		if b.start >= b.end {
			continue
		}
		b.line = d.lineOf(b.start)
		switch n := n.(type) {
		case *ast.Heading:
			raw := d.segments(n)
			if utf8.RuneCountInString(raw) > maxInlineRunes {
				return nil, b.line, fmt.Sprintf("heading longer than %d characters: this file is not read", maxInlineRunes)
			}
			if d.late() {
				return nil, b.line, tooSlow
			}
			b.level = n.Level
			b.heading = d.plain(raw)
			b.anchor = anchors.add(b.heading)
		case *ast.HTMLBlock:
			b.html = true
		case *ast.List, *extast.Table:
			b.node = n
		case *ast.Paragraph:
			b.para = true
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				if seg.Start < b.start {
					continue // a link reference definition
				}
				s, e := trimSpan(body, seg.Start, seg.Stop)
				b.lines = append(b.lines, mdLine{start: s, end: e, line: d.lineOf(seg.Start)})
			}
		}
		d.blocks = append(d.blocks, b)
	}
	return d, 0, ""
}

// tooSlow is the problem of a file whose inline Markdown took longer than
// markdownBudget to read.
var tooSlow = fmt.Sprintf("Markdown too complex to read within %v (from about here on): this file is not read", markdownBudget)

// late reports whether the file has used up its time for inline Markdown.
func (d *markdownDoc) late() bool { return time.Now().After(d.deadline) }

// segments is the source text of a block's lines, joined.
func (d *markdownDoc) segments(n ast.Node) string {
	var b strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.src[seg.Start:seg.Stop])
	}
	return b.String()
}

// collectLinkRefs keeps the link reference definitions that start the
// top-level paragraphs, for reading inline Markdown anywhere in the file.
func (d *markdownDoc) collectLinkRefs(root ast.Node) {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		p, ok := n.(*ast.Paragraph)
		if !ok {
			continue
		}
		_, defs := linkRefs(d.lineTexts(p))
		for _, def := range defs {
			key := util.ToLinkReference([]byte(def[0]))
			if _, dup := d.refs[key]; !dup { // the first definition wins
				d.refs[key] = parser.NewReference([]byte(def[0]), []byte(def[1]), []byte(def[2]))
			}
		}
	}
}

// leadingLinkRefs is the number of lines at the start of paragraph p that
// are link reference definitions.
func (d *markdownDoc) leadingLinkRefs(p *ast.Paragraph) int {
	n, _ := linkRefs(d.lineTexts(p))
	return n
}

// lineTexts are the source lines of a block, without line endings.
func (d *markdownDoc) lineTexts(n ast.Node) []string {
	lines := n.Lines()
	texts := make([]string, lines.Len())
	for i := range texts {
		seg := lines.At(i)
		texts[i] = strings.TrimRight(d.src[seg.Start:seg.Stop], "\r\n")
	}
	return texts
}

// skipBlock reports blocks that carry no text for readers: thematic breaks
// and HTML comments.
func skipBlock(n ast.Node, source []byte) bool {
	switch n := n.(type) {
	case *ast.ThematicBreak:
		return true
	case *ast.HTMLBlock:
		return n.HTMLBlockType == ast.HTMLBlockType2 // <!-- comment -->
	}
	return blockPos(n) < 0
}

// blockPos is where a block starts in the source, or -1 when unknown.
func blockPos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
		if p := c.Pos(); p >= 0 {
			return p
		}
	}
	return -1
}

// lineStart is the offset of the start of the line holding offset pos.
func (d *markdownDoc) lineStart(pos int) int {
	return d.lineStarts.start(pos)
}

// lineOf is the 1-based file line of byte offset pos of the body.
func (d *markdownDoc) lineOf(pos int) int {
	return d.lineStarts.line(pos) + d.lineOffset
}

// text is the trimmed source between two offsets of the body.
func (d *markdownDoc) text(start, end int) string {
	return strings.TrimSpace(d.src[start:end])
}

// plain is what a reader sees of a Markdown snippet: its text without
// Markdown syntax, on one line. Snippets are short (a heading, a question,
// the start of a paragraph), so that the parser's slow cases stay cheap.
func (d *markdownDoc) plain(md string) string {
	if plainAlready(md) {
		return strings.Join(strings.Fields(md), " ")
	}
	if d.late() {
		d.overrun = true
		return ""
	}
	source := []byte(md)
	pc := refContext{Context: parser.NewContext(), refs: d.refs}
	return plainText(d.md.Parser().Parse(text.NewReader(source), parser.WithContext(pc)), source)
}

// plainAlready reports whether md is one line of text that Markdown leaves
// as it is: no inline syntax, no block marker at its start. Most headings
// and questions are; they need no parser.
func plainAlready(md string) bool {
	if md == "" || strings.ContainsAny(md, "\n\\`*_[]!<>&~|") {
		return false
	}
	switch c := md[0]; {
	case c == ' ' || c == '\t' || c == '-' || c == '+' || c == '#' || c == '=' || ('0' <= c && c <= '9'):
		return false
	}
	return true
}

// refContext is a parse context that also knows the file's link reference
// definitions, so "[text][ref]" in a heading reads as "text".
type refContext struct {
	parser.Context
	refs map[string]parser.Reference
}

// Reference finds a link reference definition by its normalised label.
func (c refContext) Reference(label string) (parser.Reference, bool) {
	if r, ok := c.Context.Reference(label); ok {
		return r, true
	}
	r, ok := c.refs[label]
	return r, ok
}

// plainText collects the visible text below n, words separated by single
// spaces.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(source))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(n.Value)
		case *ast.AutoLink:
			b.Write(n.Label(source))
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b.Write(seg.Value(source))
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// readMarkdown reads a Markdown article or FAQ page.
func readMarkdown(f *file) {
	fm, body, offset, ok := splitFrontMatter(f)
	if !ok {
		return
	}
	doc, line, msg := parseMarkdown(body, offset)
	if msg != "" {
		f.problemf(line, "%s", msg)
		return
	}
	if isTag(f, fm) {
		readTag(f, fm, doc, f.baseURL(fm.URL))
		return
	}
	w := &mdWalker{
		f:     f,
		doc:   doc,
		faq:   fm.Kind == "faq" || fm.Kind == "" && strings.Contains(strings.ToLower(path.Base(f.rel)), "faq"),
		base:  f.baseURL(fm.URL),
		title: fm.Title,
		ords:  ordinals{},
	}
	blocks := doc.blocks
	if len(blocks) > 0 && blocks[0].level == 1 {
		if w.title == "" {
			w.title = blocks[0].heading
		}
		blocks = blocks[1:]
	}
	if w.title == "" {
		w.title = f.defaultTitle()
	}
	line, msg = w.walk(blocks)
	if msg == "" && doc.overrun {
		line, msg = blocks[len(blocks)-1].line, tooSlow
	}
	if msg != "" {
		f.passages = nil
		f.problemf(line, "%s", msg)
	}
}
