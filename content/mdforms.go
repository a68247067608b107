package content

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
)

// FAQ entries come in more shapes than headings and Q: lines. form reads
// the others a Markdown file may hold at blocks[i]:
//
//   - <details><summary>Question?</summary> answer </details>, as GitHub
//     FAQs fold them (on an FAQ page, any summary; elsewhere one that asks);
//   - a table with Question and Answer columns (and optionally Aliases);
//   - on an FAQ page, a bold question ("**How do I …?**") opening a
//     paragraph, or every item of a list, with its answer after it.
//
// It returns the next block to read and whether blocks[i] was one of them.
// Other HTML blocks are read as their text, and skipped when they have
// none (a lone </details>, <br>).
func (w *mdWalker) form(blocks []mdBlock, i int) (int, bool) {
	b := &blocks[i]
	switch {
	case b.html:
		if next, ok := w.details(blocks, i); ok {
			return next, true
		}
		if text := tidyLines(html.UnescapeString(tagRE.ReplaceAllString(w.doc.text(b.start, b.end), ""))); text != "" {
			w.paragraphText(b, text) // Discord shows no HTML: its text
		}
		return i + 1, true
	case b.node != nil && b.node.Kind() == ast.KindList && w.faq:
		return i + 1, w.boldList(b)
	case b.node != nil && b.node.Kind() != ast.KindList:
		return i + 1, w.table(b)
	case b.para && w.faq:
		return w.boldQuestion(blocks, i)
	}
	return i, false
}

// tagRE is an HTML tag or comment.
var tagRE = regexp.MustCompile(`<!--[\s\S]*?-->|</?[A-Za-z][^>]*>`)

// textless reports whether an HTML block holds tags and nothing else.
func textless(html string) bool {
	return strings.TrimSpace(tagRE.ReplaceAllString(html, "")) == ""
}

// opensEntry reports whether b opens an FAQ entry of one of form's shapes,
// so that a heading above it names a section, not a question.
func (w *mdWalker) opensEntry(b *mdBlock) bool {
	text := w.doc.text(b.start, b.end)
	switch {
	case b.html:
		return summaryRE.MatchString(text)
	case b.para:
		_, _, ok := w.boldQ(text)
		return ok
	case b.node != nil && b.node.Kind() == ast.KindList:
		_, ok := w.boldItems(b)
		return ok
	case b.node != nil:
		_, _, _, ok := w.qaColumns(strings.SplitN(text, "\n", 2)[0])
		return ok
	}
	return false
}

// summaryRE finds a <details> block's summary.
var summaryRE = regexp.MustCompile(`(?is)^\s*<details\b[^>]*>\s*<summary\b[^>]*>(.*?)</summary\s*>`)

// detailsEnd finds the end of a <details> block.
var detailsEnd = regexp.MustCompile(`(?i)</details\s*>`)

// details reads a <details> entry starting at blocks[i]: the summary is
// the question, the rest up to </details> the answer.
func (w *mdWalker) details(blocks []mdBlock, i int) (int, bool) {
	b := &blocks[i]
	raw := w.doc.text(b.start, b.end)
	m := summaryRE.FindStringSubmatchIndex(raw)
	if m == nil {
		return i, false
	}
	question := oneLine(htmlToText(raw[m[2]:m[3]]))
	if question == "" || !w.faq && !strings.HasSuffix(question, "?") {
		return i, false
	}
	var parts []string
	rest, closed := raw[m[1]:], false
	if k := detailsEnd.FindStringIndex(rest); k != nil {
		rest, closed = rest[:k[0]], true
	}
	if t := htmlToText(rest); t != "" {
		parts = append(parts, t)
	}
	j := i + 1
	for ; !closed && j < len(blocks) && blocks[j].level == 0; j++ {
		bj := &blocks[j]
		text := w.doc.text(bj.start, bj.end)
		if !bj.html {
			parts = append(parts, text)
			continue
		}
		if k := detailsEnd.FindStringIndex(text); k != nil {
			text, closed = text[:k[0]], true
		}
		if t := htmlToText(text); t != "" {
			parts = append(parts, t)
		}
	}
	w.pair(b, question, nil, strings.Join(parts, "\n\n"), 0)
	return j, true
}

// pair emits an FAQ pair read from block b, whose answer starts on line
// answerLine (0: b's), linked by a text fragment of its question.
func (w *mdWalker) pair(b *mdBlock, question string, aliases []string, answer string, answerLine int) {
	if strings.TrimSpace(answer) == "" {
		w.f.problemf(b.line, "question without an answer: %q", question)
		return
	}
	section, _ := w.section()
	w.f.emit(draft{
		Passage: Passage{
			ID:       questionID(w.f.rel, question, w.ords),
			Kind:     KindFAQ,
			Title:    w.title,
			Section:  section,
			Question: question,
			Aliases:  aliases,
			Text:     strings.TrimSpace(answer),
			URL:      w.base,
			Line:     b.line,
		},
		textLine: answerLine,
		fragment: true,
		plain:    w.doc.plain,
	})
}

// boldQRE matches a bold question opening a line ("**…?**" or "__…?__",
// underscores inside the first and asterisks inside the second allowed:
// "**How do I use my_bot?**"), and what follows it.
var boldQRE = regexp.MustCompile(`(?s)^(?:\*\*([^*\n]+?\?)\*\*|__([^_\n]+?\?)__)[ \t]*(?:[:\-–—][ \t]*)?(.*)$`)

// boldQ splits text that opens with a bold question into the question
// (plain) and the rest; ok is false when it does not.
func (w *mdWalker) boldQ(text string) (question, rest string, ok bool) {
	m := boldQRE.FindStringSubmatch(text)
	if m == nil {
		return "", "", false
	}
	return w.doc.plain(m[1] + m[2]), strings.TrimSpace(m[3]), true
}

// boldQuestion reads, on an FAQ page, a paragraph that opens with a bold
// question: the answer is the rest of it and the paragraphs after it, up
// to the next heading, Q: line or entry of another shape (see opensEntry).
func (w *mdWalker) boldQuestion(blocks []mdBlock, i int) (int, bool) {
	b := &blocks[i]
	question, rest, ok := w.boldQ(w.doc.text(b.start, b.end))
	if !ok {
		return i, false
	}
	parts := []string{rest}
	j := i + 1
	for ; j < len(blocks) && blocks[j].level == 0 && !w.isQ(&blocks[j]) && !w.opensEntry(&blocks[j]); j++ {
		bj := &blocks[j]
		text := w.doc.text(bj.start, bj.end)
		if bj.html && textless(text) {
			continue
		}
		parts = append(parts, text)
	}
	w.pair(b, question, nil, strings.Join(parts, "\n\n"), 0)
	return j, true
}

// itemMarkerRE is the marker of a list item's first line.
var itemMarkerRE = regexp.MustCompile(`^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+`)

// boldList reads, on an FAQ page, a list whose every item opens with a
// bold question and goes on with its answer; it reports whether the list
// is one.
func (w *mdWalker) boldList(b *mdBlock) bool {
	entries, ok := w.boldItems(b)
	for _, e := range entries {
		item := *b
		item.line = e.line
		w.pair(&item, e.question, nil, e.answer, 0)
	}
	return ok
}

// boldItem is one item of a list of bold questions.
type boldItem struct {
	question, answer string
	line             int
}

// boldItems are the question and answer of every item of list b, when
// every item opens with a bold question and some go on with their answer:
// an item without one is an entry whose answer is missing (pair reports
// it), not a sign that the list is something else.
func (w *mdWalker) boldItems(b *mdBlock) ([]boldItem, bool) {
	var starts []int
	for item := b.node.FirstChild(); item != nil; item = item.NextSibling() {
		p := blockPos(item)
		if p < 0 {
			return nil, false
		}
		starts = append(starts, w.doc.lineStart(p))
	}
	var entries []boldItem
	answered := false
	for k, start := range starts {
		end := b.end
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		text := itemMarkerRE.ReplaceAllString(w.doc.text(start, end), "")
		question, rest, ok := w.boldQ(text)
		if !ok {
			return nil, false
		}
		answered = answered || rest != ""
		var lines []string
		for _, l := range strings.Split(rest, "\n") {
			lines = append(lines, strings.TrimSpace(l))
		}
		entries = append(entries, boldItem{question, strings.Join(lines, "\n"), w.doc.lineOf(start)})
	}
	return entries, answered
}

// table reads a table with Question and Answer columns (any order, under
// any of their names in fieldNames; an Aliases column holds other
// phrasings separated by ";"), one FAQ pair a row; it reports whether the
// table is one. Outside an FAQ page its questions must ask, as a <details>
// summary's must: "Q" and "A" head other columns too (a quarter, a
// charge, an area).
func (w *mdWalker) table(b *mdBlock) bool {
	lines := strings.Split(w.doc.text(b.start, b.end), "\n")
	if len(lines) < 2 {
		return false
	}
	q, a, al, ok := w.qaColumns(lines[0])
	if !ok {
		return false
	}
	rows := make([][]string, 0, len(lines)-2)
	for _, line := range lines[2:] {
		cells := tableCells(line)
		if !w.faq && q < len(cells) && cells[q] != "" && !strings.HasSuffix(strings.TrimRight(cells[q], "*_ "), "?") {
			return false
		}
		rows = append(rows, cells)
	}
	for n, cells := range rows {
		cell := func(k int) string {
			if k < 0 || k >= len(cells) {
				return ""
			}
			return strings.TrimSpace(brRE.ReplaceAllString(cells[k], "\n"))
		}
		row := *b
		row.line = b.line + 2 + n
		question := w.doc.plain(cell(q))
		if question == "" {
			w.f.problemf(row.line, "table row without a question")
			continue
		}
		var aliases []string
		for _, s := range strings.Split(cell(al), ";") {
			if s = w.doc.plain(s); s != "" {
				aliases = append(aliases, s)
			}
		}
		w.pair(&row, question, aliases, cell(a), 0)
	}
	return true
}

// qaColumns finds the question, answer and aliases columns (-1: none) in a
// table's header row, named as fieldNames names them (of two columns of
// one field, the one under the preferred name); ok is false without a
// question and an answer column. Other columns (a link, a category) are
// not read: a row's link is the page's.
func (w *mdWalker) qaColumns(header string) (q, a, aliases int, ok bool) {
	q, a, aliases = -1, -1, -1
	best := map[field]int{} // the rank of the name each column was chosen by
	for k, h := range tableCells(header) {
		fd, rank := lookupField(w.doc.plain(h), inTables)
		if r, ok := best[fd]; fd == fieldNone || ok && r <= rank {
			continue
		}
		best[fd] = rank
		switch fd {
		case fieldQuestion:
			q = k
		case fieldAnswer:
			a = k
		case fieldAliases:
			aliases = k
		}
	}
	return q, a, aliases, q >= 0 && a >= 0
}

// brRE is a line break written in HTML, as table cells hold them.
var brRE = regexp.MustCompile(`(?i)<br\s*/?>`)

// tableCells splits a table row into its cells: at "|" outside code spans,
// and not escaped, without the outer pipes.
func tableCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var cells []string
	var cur strings.Builder
	code := false
	for k := 0; k < len(line); k++ {
		switch c := line[k]; {
		case c == '\\' && k+1 < len(line) && line[k+1] == '|':
			cur.WriteByte('|')
			k++
		case c == '`':
			code = !code
			cur.WriteByte(c)
		case c == '|' && !code:
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(cells, strings.TrimSpace(cur.String()))
}
