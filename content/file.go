package content

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"
)

// file is one content file being read: where it is, its text, and what the
// reader found in it.
type file struct {
	rel  string // path below the content root, for IDs and links
	name string // path shown to people, for Passage.File and problems
	src  string // the text: UTF-8, no BOM, "\n" line endings
	opts Options

	known   bool    // a file of a known type (counted in Collection.Files)
	budget  *budget // the load's limits; nil for none
	cleaned bool    // control characters were removed (warned once)

	passages []Passage
	synonyms []Synonym
	tags     []string   // IDs of the tags read, which alias tags can name
	aliases  []tagAlias // alias tags: names for tags of any file
	problems []Problem
	warnings []Problem

	// Problems and warnings past maxFileProblems, counted only.
	moreProblems, moreWarnings int
}

// problemf records a problem at a line of the file (0: the whole file).
// Past maxFileProblems it is only counted: a file with a broken line
// after every line would otherwise hold many times its size in problems.
func (f *file) problemf(line int, format string, args ...any) {
	if len(f.problems) >= maxFileProblems {
		f.moreProblems++
		return
	}
	f.problems = append(f.problems, Problem{File: f.name, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// limitf records that a limit of the whole load was reached, however many
// problems the file has already: it says why the rest is not read.
func (f *file) limitf(line int, msg string) {
	f.problems = append(f.problems, Problem{File: f.name, Line: line, Msg: msg})
}

// warnf records something worth telling that is not an error; past
// maxFileProblems it is only counted.
func (f *file) warnf(line int, format string, args ...any) {
	if len(f.warnings) >= maxFileProblems {
		f.moreWarnings++
		return
	}
	f.warnings = append(f.warnings, Problem{File: f.name, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// unlisted is what stands for the n problems or notes of f that are not
// listed.
func (f *file) unlisted(n int, what string) Problem {
	return Problem{File: f.name, Msg: fmt.Sprintf("%d more %s in this file, not listed", n, what)}
}

// emit adds a finished draft's passages, with control and invisible
// characters removed; empty drafts add nothing. Once the load's passage
// limit is reached nothing more is added, and the limit is reported here.
func (f *file) emit(d draft) {
	d.File = f.name
	if !f.phrasingsFit(&d) {
		return
	}
	if p, changed, controls := cleanPassage(d.Passage); changed {
		d.Passage = p
		if controls && !f.cleaned {
			f.cleaned = true
			f.warnf(d.Line, "control characters removed from the text")
		}
	}
	if d.Kind == KindFAQ && strings.TrimSpace(d.Question) == "" {
		f.problemf(d.Line, "empty question") // it was made of what cleaning removes
		return
	}
	for _, p := range d.passages() {
		if f.budget != nil {
			ok, msg := f.budget.takePassage()
			if msg != "" {
				f.limitf(p.Line, msg)
			}
			if !ok {
				return
			}
		}
		f.passages = append(f.passages, p)
	}
}

// phrasingsFit applies the limits on questions and aliases to a draft from
// any reader, each made one line: an FAQ pair whose question is longer
// than maxInlineRunes is a problem and left out, and so is an alias that
// long (the pair stays), and aliases past maxAliases. Questions are shown
// as titles and buttons, and every phrasing is compared with every
// member's question.
func (f *file) phrasingsFit(d *draft) bool {
	d.Question = oneLine(d.Question) // a question is one line, wherever it was read from
	if utf8.RuneCountInString(d.Question) > maxInlineRunes {
		f.problemf(d.Line, "question longer than %d characters", maxInlineRunes)
		return false
	}
	aliases := d.Aliases[:0:0]
	for _, a := range d.Aliases {
		if a = oneLine(a); utf8.RuneCountInString(a) > maxInlineRunes {
			f.problemf(d.Line, "alias longer than %d characters left out", maxInlineRunes)
			continue
		}
		aliases = append(aliases, a)
	}
	if len(aliases) > maxAliases {
		f.problemf(d.Line, "%d aliases (limit %d): the first %d are kept", len(aliases), maxAliases, maxAliases)
		aliases = aliases[:maxAliases]
	}
	d.Aliases = aliases
	return true
}

// baseURL is the link of the file as a whole, from its own url if any.
func (f *file) baseURL(own string) string {
	return fileBaseURL(own, f.opts.BaseURL, f.rel)
}

// defaultTitle is the file name made readable, for files without a title.
func (f *file) defaultTitle() string {
	return humanize(path.Base(f.rel))
}

// decode checks raw file bytes and returns them as text with a UTF-8 BOM
// removed and CRLF (or CR) line endings turned into "\n". On failure it
// returns the line at fault (0: the whole file). A NUL byte means the file
// is not text (or is UTF-16, which looks like valid UTF-8 full of NULs).
func decode(raw []byte) (string, int, error) {
	if len(raw) > maxFileBytes {
		return "", 0, fmt.Errorf("file too large (over %d MiB)", maxFileBytes>>20)
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return "", 1 + bytes.Count(raw[:i], []byte("\n")), errors.New("contains NUL bytes: not a text file (save UTF-16 files as UTF-8)")
	}
	if !utf8.Valid(raw) {
		bad := 0
		for len(raw[bad:]) > 0 {
			r, size := utf8.DecodeRune(raw[bad:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			bad += size
		}
		return "", 1 + strings.Count(string(raw[:bad]), "\n"), errors.New("not valid UTF-8")
	}
	s := strings.TrimPrefix(string(raw), "\uFEFF")
	if strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s, 0, nil
}

// humanize turns a file name into a title: "getting-started.md" becomes
// "Getting started", "server_faq.csv" becomes "Server FAQ".
func humanize(name string) string {
	name = strings.TrimSuffix(name, path.Ext(name))
	words := strings.FieldsFunc(name, func(r rune) bool {
		return r == '-' || r == '_' || r == ' ' || r == '.'
	})
	for i, w := range words {
		switch strings.ToLower(w) {
		case "faq":
			words[i] = "FAQ"
		case "faqs":
			words[i] = "FAQs"
		}
	}
	s := strings.Join(words, " ")
	if r, size := utf8.DecodeRuneInString(s); size > 0 {
		s = strings.ToUpper(string(r)) + s[size:]
	}
	return s
}
