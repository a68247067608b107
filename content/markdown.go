package content

import (
	"path"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
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
}

// mdLine is one source line of a paragraph.
type mdLine struct {
	start, end int // byte range in the body
	line       int
}

// markdownDoc is a parsed Markdown body.
type markdownDoc struct {
	src        string
	lineStarts []int // byte offsets of line starts in src
	lineOffset int   // lines of the file before src (front matter)
	blocks     []mdBlock
	md         goldmark.Markdown
}

// newMarkdown returns a Markdown parser with the GitHub extensions (tables,
// strikethrough, task lists, autolinks), the dialect moderators write in.
// A new one per file: goldmark does not promise that a parser may be shared
// between goroutines.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM))
}

// parseMarkdown splits body into its top-level blocks.
func parseMarkdown(body string, lineOffset int) *markdownDoc {
	d := &markdownDoc{src: body, lineOffset: lineOffset, md: newMarkdown()}
	d.lineStarts = []int{0}
	for i := 0; i < len(body); i++ {
		if body[i] == '\n' {
			d.lineStarts = append(d.lineStarts, i+1)
		}
	}
	source := []byte(body)
	root := d.md.Parser().Parse(text.NewReader(source))
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
		b.start, b.end = trimSpan(body, b.start, b.end)
		if b.start >= b.end {
			continue
		}
		b.line = d.lineOf(b.start)
		switch n := n.(type) {
		case *ast.Heading:
			b.level = n.Level
			b.heading = plainText(n, source)
			b.anchor = anchors.add(b.heading)
		case *ast.Paragraph:
			b.para = true
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				s, e := trimSpan(body, seg.Start, seg.Stop)
				b.lines = append(b.lines, mdLine{start: s, end: e, line: d.lineOf(seg.Start)})
			}
		}
		d.blocks = append(d.blocks, b)
	}
	return d
}

// skipBlock reports blocks that carry no text for readers: thematic breaks,
// link reference definitions and HTML comments.
func skipBlock(n ast.Node, source []byte) bool {
	switch n := n.(type) {
	case *ast.ThematicBreak, *ast.LinkReferenceDefinition:
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
	return d.lineStarts[sort.SearchInts(d.lineStarts, pos+1)-1]
}

// lineOf is the 1-based file line of byte offset pos of the body.
func (d *markdownDoc) lineOf(pos int) int {
	return sort.SearchInts(d.lineStarts, pos+1) + d.lineOffset
}

// text is the trimmed source between two offsets of the body.
func (d *markdownDoc) text(start, end int) string {
	return strings.TrimSpace(d.src[start:end])
}

// plain is what a reader sees of a Markdown snippet: its text without
// Markdown syntax, on one line.
func (d *markdownDoc) plain(md string) string {
	source := []byte(md)
	return plainText(d.md.Parser().Parse(text.NewReader(source)), source)
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
	doc := parseMarkdown(body, offset)
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
	w.walk(blocks)
}
