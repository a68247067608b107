package content

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// maxTitleWords is the longest line taken for a title or subheading.
const maxTitleWords = 12

// headerRE matches a line of the optional header block of a scraped file.
var headerRE = regexp.MustCompile(`(?i)^(title|url)[ \t]*:[ \t]*(.*)$`)

// faqHeadingRE matches the line that opens an FAQ section.
var faqHeadingRE = regexp.MustCompile(`(?i)^(frequently asked questions|faqs?)[ \t]*:?$`)

// titleLike reports whether a trimmed line reads like a heading: short, not
// ending like a sentence, not a list item.
func titleLike(line string) bool {
	if strings.HasPrefix(line, "- ") || bulletText(line) != "" {
		return false
	}
	if len(strings.Fields(line)) > maxTitleWords {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune(".!?:;,\"'”’»…", last)
}

// bulletText is the text of a list line ("- text", "• text", "* text"), or
// "" when line is not one.
func bulletText(line string) string {
	for _, b := range []string{"- ", "• ", "* ", "– "} {
		if strings.HasPrefix(line, b) {
			return strings.TrimSpace(line[len(b):])
		}
	}
	return ""
}

// scraped reads article text scraped from a web page: one paragraph per
// line, short lines as subheadings, and page debris around them.
type scraped struct {
	f       *file
	title   string
	base    string
	ords    ordinals
	anchors anchors

	section, key string // current subheading and its de-duplicated slug
	inFAQ        bool   // below a "Frequently Asked Questions" line

	// The FAQ pair being read.
	q, a      string
	qLine     int
	qMarked   bool // the question was written "Q: ..."
	answering bool // an answer has started
}

// readScraped reads a .txt article.
func readScraped(f *file) {
	s := &scraped{f: f, ords: ordinals{}}
	lines := strings.Split(f.src, "\n")
	i, url := s.header(lines)
	s.base = f.baseURL(url)
	titleSeen := s.title != ""
	firstDone := false
	for ; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if isJunk(line) {
			continue
		}
		if !firstDone {
			firstDone = true
			if titleLike(line) && !faqHeadingRE.MatchString(line) &&
				(!titleSeen || strings.EqualFold(line, s.title)) {
				if !titleSeen {
					s.title = line
				}
				continue // the article's title line, not a subheading
			}
		}
		s.line(line, i+1)
	}
	s.flushPair()
	if s.title == "" {
		s.title = f.defaultTitle()
		for k := range s.f.passages {
			s.f.passages[k].Title = s.title
		}
	}
}

// header reads the "title:" and "url:" lines at the top of the file and
// returns the index of the first line after them, and the url.
func (s *scraped) header(lines []string) (int, string) {
	url := ""
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	start := i
	for ; i < len(lines); i++ {
		m := headerRE.FindStringSubmatch(strings.TrimSpace(lines[i]))
		if m == nil {
			break
		}
		if strings.EqualFold(m[1], "title") {
			s.title = strings.TrimSpace(m[2])
		} else {
			url = strings.TrimSpace(m[2])
		}
	}
	if i == start {
		return 0, ""
	}
	return i, url
}

// line reads one substantive line.
func (s *scraped) line(line string, n int) {
	if faqHeadingRE.MatchString(line) {
		s.flushPair()
		s.inFAQ = true
		s.setSection(line)
		return
	}
	switch kind, rest, _ := marker(line); kind {
	case markQ:
		if strings.TrimSpace(rest) == "" {
			s.flushPair()
			s.f.problemf(n, "Q: without a question")
			return
		}
		s.question(strings.TrimSpace(rest), n, true)
		return
	case markA:
		if s.q == "" {
			s.f.problemf(n, "A: without Q:")
			return
		}
		s.answer(strings.TrimSpace(rest))
		return
	}
	if b := bulletText(line); s.inFAQ && b != "" {
		if s.q != "" && !s.answering {
			s.answer(b)
		} else {
			s.question(b, n, false)
		}
		return
	}
	if titleLike(line) {
		s.flushPair()
		s.inFAQ = false
		s.setSection(line)
		return
	}
	if s.q != "" {
		s.answer(line) // an answer runs on until the next question or heading
		return
	}
	s.f.emit(draft{
		Passage: Passage{
			ID:      s.f.rel + "#" + s.ords.next(s.key),
			Kind:    KindPassage,
			Title:   s.title,
			Section: s.section,
			Text:    line,
			URL:     s.base,
			Line:    n,
		},
		fragment: true,
	})
}

// setSection starts a new subheading.
func (s *scraped) setSection(line string) {
	s.section = line
	s.key = s.anchors.add(line)
}

// question starts a new FAQ pair, closing the one before.
func (s *scraped) question(q string, n int, marked bool) {
	s.flushPair()
	s.q, s.qLine, s.qMarked = q, n, marked
}

// answer adds a line to the answer of the current pair.
func (s *scraped) answer(text string) {
	if s.answering && s.a != "" && text != "" {
		s.a += "\n"
	}
	s.a += text
	s.answering = true
}

// flushPair emits the FAQ pair being read, or reports it when it has no
// answer.
func (s *scraped) flushPair() {
	q, a := s.q, strings.TrimSpace(s.a)
	defer func() { s.q, s.a, s.answering = "", "", false }()
	switch {
	case q == "":
		return
	case a == "" && s.qMarked && !s.answering:
		s.f.problemf(s.qLine, "Q: without A:")
		return
	case a == "":
		s.f.problemf(s.qLine, "question without an answer: %q", q)
		return
	}
	s.f.emit(draft{
		Passage: Passage{
			ID:       questionID(s.f.rel, q, s.ords),
			Kind:     KindFAQ,
			Title:    s.title,
			Section:  s.section,
			Question: q,
			Text:     a,
			URL:      s.base,
			Line:     s.qLine,
		},
		fragment: true,
	})
}
