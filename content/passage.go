package content

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what a passage is: an FAQ pair or one paragraph of an article.
type Kind string

// The kinds of passage faqbot indexes.
const (
	// KindFAQ is a question with its answer.
	KindFAQ Kind = "faq"
	// KindPassage is one paragraph of an article.
	KindPassage Kind = "passage"
)

// Passage is the unit faqbot indexes and answers with: one FAQ pair or one
// article paragraph, with everything needed to show it and link back to it.
type Passage struct {
	// ID is stable: the same content read again gets the same ID, so feedback
	// and reload reports can follow a passage across reloads. Parts of a split
	// paragraph share the ID of the first part plus a "~N" suffix (see ItemID).
	ID string
	// Kind is KindFAQ or KindPassage.
	Kind Kind
	// Title is the article or FAQ title; may be empty.
	Title string
	// Section is the heading the passage stands under; may be empty.
	Section string
	// Question is the FAQ question (KindFAQ only).
	Question string
	// Aliases are other ways members ask the same FAQ question. They are
	// searched like the question and shown nowhere.
	Aliases []string
	// Text is the FAQ answer or the paragraph, as the moderator wrote it
	// (Markdown is kept: Discord renders it).
	Text string
	// URL links to the passage, deep-linked to the paragraph where possible.
	// Empty when the source has no link.
	URL string
	// File and Line say where the passage was read from, for errors and logs.
	File string
	Line int
}

// Source is where the passage came from, as "file:line", for people: a
// file name that would not show as written is quoted (see shownName).
func (p Passage) Source() string {
	if p.File == "" {
		return ""
	}
	if p.Line <= 0 {
		return shownName(p.File)
	}
	return shownName(p.File) + ":" + strconv.Itoa(p.Line)
}

// shownName is a file name as people see it in problems, logs and
// `faqbot check`: as it is, or quoted with Go's escapes when it holds what
// a terminal or Discord would not show as written (a line break, a
// control or format character such as an escape sequence or a
// right-to-left override, bytes that are not UTF-8), so that a file's
// name cannot forge a line of a report or hide how it ends.
func shownName(name string) string {
	for _, r := range name {
		if r == utf8.RuneError || !unicode.IsGraphic(r) {
			return strconv.Quote(name)
		}
	}
	return name
}

// ItemID is the ID of the content item the passage belongs to: the passage's
// own ID, without the "~N" suffix that marks the later parts of a split
// paragraph or answer.
func (p Passage) ItemID() string {
	i := strings.LastIndexByte(p.ID, '~')
	if i < 0 {
		return p.ID
	}
	if _, err := strconv.Atoi(p.ID[i+1:]); err != nil {
		return p.ID
	}
	return p.ID[:i]
}

// Problem is one thing wrong in a content file, located by file and line.
type Problem struct {
	File string
	Line int
	Msg  string
}

// Error formats the problem as "file:line: message".
func (p Problem) Error() string {
	if w := p.Where(); w != "" {
		return w + ": " + p.Msg
	}
	return p.Msg
}

// Where is the problem's place: "file:line", or "file" when it is about
// the whole file.
func (p Problem) Where() string {
	return Passage{File: p.File, Line: p.Line}.Source()
}
