package content

import (
	"strconv"
	"strings"
)

// draft is a passage as a reader found it, before it is split into parts
// no longer than MaxTextRunes and linked.
type draft struct {
	Passage
	// textLine is the line where Text starts, to locate later parts.
	textLine int
	// fragment, when set, links each part with a text fragment of its first
	// words (or of the question, for an FAQ pair) appended to Passage.URL.
	// Otherwise Passage.URL is used as it is.
	fragment bool
	// plain turns Text into what a reader sees (Markdown syntax removed);
	// nil means Text is plain already.
	plain func(string) string
}

// passages splits the draft into its parts and links them.
func (d draft) passages() []Passage {
	text := strings.TrimSpace(d.Text)
	if text == "" {
		return nil
	}
	if d.textLine == 0 {
		d.textLine = d.Line
	}
	parts := splitText(text, MaxTextRunes)
	out := make([]Passage, 0, len(parts))
	for i, pt := range parts {
		p := d.Passage
		p.Text = pt.text
		p.Aliases = append([]string(nil), d.Aliases...)
		if i > 0 {
			p.ID += "~" + strconv.Itoa(i+1)
			p.Line = d.textLine + strings.Count(text[:pt.offset], "\n")
		}
		if d.fragment {
			p.URL = fragmentURL(d.URL, d.fragmentText(pt.text))
		}
		out = append(out, p)
	}
	return out
}

// fragmentText is the text a fragment link of one part quotes.
func (d draft) fragmentText(partText string) string {
	if d.Kind == KindFAQ && d.Question != "" {
		return d.Question
	}
	if d.plain != nil {
		return d.plain(fragmentSource(partText))
	}
	return partText
}

// ordinals numbers the paragraphs of each section of one file, for IDs like
// "guide.md#setup-2".
type ordinals map[string]int

// next returns the ID suffix of the next paragraph under the section whose
// anchor is key ("" for text before any section).
func (o ordinals) next(key string) string {
	if key == "" {
		key = "p"
	}
	o[key]++
	return key + "-" + strconv.Itoa(o[key])
}
