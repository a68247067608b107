package content

import (
	"strings"
	"unicode/utf8"
)

// mdWalker turns the blocks of a Markdown body into passages.
type mdWalker struct {
	f     *file
	doc   *markdownDoc
	faq   bool   // an FAQ page: headings with text below them are questions
	base  string // link of the file
	title string
	ords  ordinals

	sections []mdBlock // FAQ pages: the open section headings, outermost first
	cur      *mdBlock  // the heading the next blocks stand under
}

// walk reads the blocks after the title heading. It stops, with the line
// and the problem, when the file has taken too long to read.
func (w *mdWalker) walk(blocks []mdBlock) (int, string) {
	for i := 0; i < len(blocks); {
		b := &blocks[i]
		if w.doc.late() {
			return b.line, tooSlow
		}
		switch {
		case b.level > 0 && w.faq:
			i = w.faqHeading(blocks, i)
		case b.level > 0:
			w.cur = b
			i++
		case w.isQ(b):
			i = w.qa(blocks, i)
		default:
			if next, ok := w.form(blocks, i); ok {
				i = next
				break
			}
			w.paragraph(b)
			i++
		}
	}
	return 0, ""
}

// isQ reports whether b is a paragraph that starts with "Q:".
func (w *mdWalker) isQ(b *mdBlock) bool {
	return w.markerAt(b, 0) == markQ
}

// markerAt returns the marker opening line k of paragraph b ("" for none).
func (w *mdWalker) markerAt(b *mdBlock, k int) string {
	if !b.para || k >= len(b.lines) {
		return ""
	}
	l := b.lines[k]
	kind, _, _ := marker(w.doc.src[l.start:l.end])
	return kind
}

// periodQ reports whether paragraph b opens with a Q. marker, not Q:. A
// period is weaker evidence than a colon ("Q. Smith asked whether …?" is
// prose), so a Q. paragraph is a question only with its A.: without one
// it is read as text, not reported.
func (w *mdWalker) periodQ(b *mdBlock) bool {
	l := b.lines[0]
	_, _, n := marker(w.doc.src[l.start:l.end])
	return strings.Contains(w.doc.src[l.start:l.start+n], ".")
}

// markedText is the text after the marker of line k of paragraph b, plain;
// ok is false (and a problem recorded) when it is too long to be a question
// or an alias.
func (w *mdWalker) markedText(b *mdBlock, k int) (string, bool) {
	l := b.lines[k]
	_, rest, _ := marker(w.doc.src[l.start:l.end])
	if utf8.RuneCountInString(rest) > maxInlineRunes {
		w.f.problemf(l.line, "line longer than %d characters after its %q marker", maxInlineRunes, w.markerAt(b, k)+":")
		return "", false
	}
	return w.doc.plain(rest), true
}

// markedOffset is where the text after the marker of line k of paragraph b
// starts.
func (w *mdWalker) markedOffset(b *mdBlock, k int) int {
	l := b.lines[k]
	_, _, n := marker(w.doc.src[l.start:l.end])
	return l.start + n
}

// section is the text and anchor of the heading the current blocks stand
// under.
func (w *mdWalker) section() (text, anchor string) {
	if w.cur == nil {
		return "", ""
	}
	return w.cur.heading, w.cur.anchor
}

// paragraph emits one article block.
func (w *mdWalker) paragraph(b *mdBlock) {
	w.paragraphText(b, w.doc.text(b.start, b.end))
}

// paragraphText emits one article block whose text is text.
func (w *mdWalker) paragraphText(b *mdBlock, text string) {
	section, anchor := w.section()
	d := draft{
		Passage: Passage{
			ID:      w.f.rel + "#" + w.ords.next(anchor),
			Kind:    KindPassage,
			Title:   w.title,
			Section: section,
			Text:    text,
			URL:     anchorURL(w.base, anchor),
			Line:    b.line,
		},
		plain: w.doc.plain,
	}
	if w.cur == nil {
		// No heading to link to: quote the paragraph's first words.
		d.URL, d.fragment = w.base, true
	}
	w.f.emit(d)
}

// faqHeading handles heading i of an FAQ page: a question when text follows
// it, a section when another heading, a Q: paragraph or an entry of another
// form (see opensEntry) does. It returns the
// index of the next block to read.
func (w *mdWalker) faqHeading(blocks []mdBlock, i int) int {
	h := &blocks[i]
	for len(w.sections) > 0 && w.sections[len(w.sections)-1].level >= h.level {
		w.sections = w.sections[:len(w.sections)-1]
	}
	w.cur = nil
	if len(w.sections) > 0 {
		w.cur = &w.sections[len(w.sections)-1]
	}
	if i+1 == len(blocks) || blocks[i+1].level > 0 && blocks[i+1].level <= h.level {
		w.f.problemf(h.line, "question without an answer: %q", h.heading)
		return i + 1
	}
	if next := &blocks[i+1]; next.level > 0 || w.isQ(next) || w.opensEntry(next) {
		w.sections = append(w.sections, *h)
		w.cur = &w.sections[len(w.sections)-1]
		return i + 1
	}

	// A question: Also: lines, then the answer up to the next heading.
	var aliases []string
	ansStart := -1
	j := i + 1
aliasLines:
	for ; j < len(blocks) && blocks[j].level == 0; j++ {
		b := &blocks[j]
		k := 0
		for w.markerAt(b, k) == markAlso {
			if alias, _ := w.markedText(b, k); alias != "" {
				aliases = append(aliases, alias)
			}
			k++
		}
		switch {
		case k == 0:
			ansStart = b.start
		case k < len(b.lines):
			ansStart = b.lines[k].start
		default:
			continue // a paragraph of Also: lines only
		}
		break aliasLines
	}
	end := j
	for end < len(blocks) && blocks[end].level == 0 {
		end++
	}
	if ansStart < 0 {
		w.f.problemf(h.line, "question without an answer: %q", h.heading)
		return end
	}
	if h.heading == "" {
		w.f.problemf(h.line, "empty question heading")
		return end
	}
	section, _ := w.section()
	w.f.emit(draft{
		Passage: Passage{
			ID:       questionID(w.f.rel, h.heading, w.ords),
			Kind:     KindFAQ,
			Title:    w.title,
			Section:  section,
			Question: h.heading,
			Aliases:  aliases,
			Text:     w.doc.text(ansStart, blocks[end-1].end),
			URL:      anchorURL(w.base, h.anchor),
			Line:     h.line,
		},
		textLine: w.doc.lineOf(ansStart),
		plain:    w.doc.plain,
	})
	return end
}

// qa handles a Q: paragraph at blocks[i]: the question (its first line,
// continued by further lines), Also: lines, and the answer from "A:" to the
// next Q: paragraph or heading. It returns the index of the next block.
func (w *mdWalker) qa(blocks []mdBlock, i int) int {
	q := &blocks[i]
	question, ok := w.markedText(q, 0)
	var aliases []string
	ansStart := -1
	for k := 1; k < len(q.lines) && ansStart < 0 && ok; k++ {
		switch w.markerAt(q, k) {
		case markAlso:
			if alias, _ := w.markedText(q, k); alias != "" {
				aliases = append(aliases, alias)
			}
		case markA:
			ansStart = w.markedOffset(q, k)
		default: // a question wrapped over several lines
			l := q.lines[k]
			if utf8.RuneCountInString(question)+l.end-l.start > maxInlineRunes {
				w.f.problemf(q.line, "question longer than %d characters", maxInlineRunes)
				ok = false
				break
			}
			question += " " + w.doc.plain(w.doc.src[l.start:l.end])
		}
	}
	if !ok {
		return w.skipAnswer(blocks, i+1)
	}
	j := i + 1
	if ansStart < 0 && j < len(blocks) && w.markerAt(&blocks[j], 0) == markA {
		ansStart = w.markedOffset(&blocks[j], 0)
		j++
	}
	if ansStart < 0 && w.periodQ(q) {
		w.paragraph(q) // prose that opens with "Q. Smith asked …?"
		return i + 1
	}
	if ansStart < 0 {
		w.f.problemf(q.line, "Q: without A:")
		return i + 1
	}
	if question == "" {
		w.f.problemf(q.line, "Q: without a question")
		return w.skipAnswer(blocks, j)
	}
	j = w.skipAnswer(blocks, j)
	w.pair(q, question, aliases, w.doc.text(ansStart, blocks[j-1].end), w.doc.lineOf(ansStart))
	return j
}

// skipAnswer returns the index of the first block from j on that ends a
// Q:/A: answer: a heading or the next Q: paragraph.
func (w *mdWalker) skipAnswer(blocks []mdBlock, j int) int {
	for j < len(blocks) && blocks[j].level == 0 && !w.isQ(&blocks[j]) {
		j++
	}
	return j
}
