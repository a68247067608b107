package content

import (
	"regexp"
	"strings"
)

// faqTitleRE matches a page title or heading that announces FAQs:
// "Guild FAQ", "FAQs", "Frequently asked questions about raids".
var faqTitleRE = regexp.MustCompile(`(?i)\b(faqs?|frequently asked questions)\b`)

// htmlSection is the heading the blocks after it stand under.
type htmlSection struct {
	text   string // the heading
	key    string // its slug, de-duplicated within the page: for IDs
	anchor string // the page's own anchor for it: for links ("" for none)
}

// htmlPage turns the blocks of a page into passage drafts.
type htmlPage struct {
	f       *file
	title   string
	h1      string
	base    string // link of the page
	ords    ordinals
	anchors anchors
	drafts  []draft
}

// assemble reads the blocks in order. The first <h1> is the page's title,
// other headings are sections. Inside an FAQ (below a heading such as
// "Frequently Asked Questions", or anywhere on a page whose title names
// FAQs), a heading that asks a question ("...?") and has text after it is
// a question, that text its answer; other headings there are sections, as
// web pages head groups of questions ("Billing") the way they head
// questions. Junk blocks (the scraped-text rules) are left out.
func (pg *htmlPage) assemble(blocks []hblock) {
	var sec htmlSection
	titleSeen := false
	faqPage := faqTitleRE.MatchString(pg.title) || faqTitleRE.MatchString(pg.h1)
	faqLevel := 0 // headings deeper than this are questions; 0: not in an FAQ
	if faqPage {
		faqLevel = 1
	}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch b.kind {
		case hText:
			if !junkBlock(b) {
				pg.paragraph(b, sec)
			}
		case hPair:
			pg.pair(b.q, b.aliases, b.text, b.id, b.line, sec)
		case hHeading:
			if b.level == 1 && !titleSeen {
				titleSeen = true
				if pg.title == "" {
					pg.title = b.text
				}
				continue
			}
			if isJunk(b.text) {
				continue
			}
			if !faqPage && b.level <= faqLevel {
				faqLevel = 0
			}
			if faqTitleRE.MatchString(b.text) && faqLevel == 0 {
				faqLevel = b.level
			} else if faqLevel > 0 && b.level > faqLevel && asksQuestion(b.text) && i+1 < len(blocks) && blocks[i+1].kind == hText {
				i = pg.headingQuestion(blocks, i, sec)
				continue
			}
			sec = htmlSection{text: b.text, key: pg.anchors.add(b.text), anchor: b.id}
		}
	}
}

// asksQuestion reports whether a heading is worded as a question.
func asksQuestion(heading string) bool {
	return strings.HasSuffix(strings.TrimSpace(heading), "?")
}

// junkBlock reports whether a text block is page debris: every line of its
// prose is junk by the scraped-text rules. Code is never junk.
func junkBlock(b hblock) bool {
	if b.code {
		return false
	}
	prose := b.prose
	if prose == "" {
		prose = b.text
	}
	for _, line := range strings.Split(prose, "\n") {
		if !isJunk(strings.TrimSpace(line)) {
			return false
		}
	}
	return true
}

// headingQuestion emits the question at heading i with the text blocks
// after it as its answer, and returns the index of the last block used.
func (pg *htmlPage) headingQuestion(blocks []hblock, i int, sec htmlSection) int {
	h := blocks[i]
	var parts []string
	j := i + 1
	for ; j < len(blocks) && blocks[j].kind == hText; j++ {
		if !junkBlock(blocks[j]) {
			parts = append(parts, blocks[j].text)
		}
	}
	if len(parts) == 0 {
		pg.f.warnf(h.line, "question without an answer: %q", h.text)
		return j - 1
	}
	pg.pair(h.text, nil, strings.Join(parts, "\n\n"), h.id, h.line, sec)
	pg.drafts[len(pg.drafts)-1].textLine = blocks[i+1].line
	return j - 1
}

// paragraph emits a text block: linked to its own id, else to its
// section's anchor, else by a text fragment of its first words.
func (pg *htmlPage) paragraph(b hblock, sec htmlSection) {
	d := draft{Passage: Passage{
		ID:      pg.f.rel + "#" + pg.ords.next(sec.key),
		Kind:    KindPassage,
		Section: sec.text,
		Text:    b.text,
		Line:    b.line,
	}}
	switch {
	case b.id != "":
		d.URL = anchorURL(pg.base, b.id)
	case sec.anchor != "":
		d.URL = anchorURL(pg.base, sec.anchor)
	default:
		d.URL, d.fragment, d.plain = pg.base, true, fragmentQuote
	}
	pg.drafts = append(pg.drafts, d)
}

// listMarkerRE matches the marker of a list line: "- ", "12. ".
var listMarkerRE = regexp.MustCompile(`^\s*(- |\d+\. )`)

// fragmentQuote is the part of a block's text a text fragment can find on
// the page: browsers match text within one block, so a list is quoted by
// its first item, a table by its first cell, code by its first line.
func fragmentQuote(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "```") {
			continue
		}
		line = listMarkerRE.ReplaceAllString(line, "")
		if i := strings.Index(line, " | "); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}

// pair emits an FAQ pair: linked to its element's id, else by a text
// fragment of the question.
func (pg *htmlPage) pair(q string, aliases []string, answer, id string, line int, sec htmlSection) {
	d := draft{Passage: Passage{
		ID:       questionID(pg.f.rel, q, pg.ords),
		Kind:     KindFAQ,
		Section:  sec.text,
		Question: q,
		Aliases:  aliases,
		Text:     answer,
		Line:     line,
	}}
	if id != "" {
		d.URL = anchorURL(pg.base, id)
	} else {
		d.URL, d.fragment = pg.base, true
	}
	pg.drafts = append(pg.drafts, d)
}

// merge adds the FAQ pairs of the page's schema.org data that the page's
// text does not already hold as pairs. The paragraphs that only repeat
// one (a visible copy of the FAQ that the reader did not recognise as
// one, also its short paragraphs after the first) are dropped, and the pair takes the place and section of the first
// of them; pairs the page does not show come last.
func (pg *htmlPage) merge(items []faqItem) {
	extra := newFAQItems(pg.drafts, items)
	if len(extra) == 0 {
		return
	}
	placed := make([]bool, len(extra))
	old := pg.drafts
	pg.drafts = nil
	last := -1 // the item the paragraph before repeated
	for _, d := range old {
		k := -1
		if d.Kind == KindPassage {
			k = repeatsFAQ(d.Text, extra)
			if k < 0 && last >= 0 && continuesAnswer(d.Text, extra[last]) {
				k = last
			}
		}
		last = k
		if k < 0 {
			pg.drafts = append(pg.drafts, d)
			continue
		}
		if !placed[k] {
			placed[k] = true
			pg.pair(extra[k].q, nil, extra[k].a, "", d.Line, htmlSection{text: d.Section})
		}
	}
	for k, it := range extra {
		if !placed[k] {
			pg.pair(it.q, nil, it.a, "", it.line, htmlSection{})
		}
	}
}
