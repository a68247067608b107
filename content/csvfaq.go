package content

import (
	"encoding/csv"
	"errors"
	"io"
	"path"
	"sort"
	"strings"
)

// csvRequired are the columns an FAQ spreadsheet must have.
var csvRequired = []field{fieldQuestion, fieldAnswer, fieldURL}

// readCSV reads an FAQ exported from a spreadsheet: a header row naming the
// columns (any order, as fieldNames names them), then one question a row;
// a row's id, when the sheet has one, is kept within the file. Aliases are
// separated by "|". A broken quote is reported on the line where the quote
// opens, and reading goes on from the next line, so that one stray quote
// does not swallow the rows after it.
func readCSV(f *file) {
	cur := newCSVCursor(f.src, csvComma(f.rel, f.src))
	header, err := cur.r.Read()
	if errors.Is(err, io.EOF) {
		f.problemf(1, "empty file: want a header row with question, answer, url")
		return
	}
	if err != nil {
		f.problemf(cur.errLine(err), "invalid CSV header: %v", csvErrMsg(err))
		return
	}
	cols, unread := csvColumns(header)
	if len(cols) == 0 {
		f.problemf(1, "%s", unreadProblem("column", unread))
		return
	}
	var missing []string
	for _, c := range csvRequired {
		if len(cols[c]) == 0 {
			missing = append(missing, fieldLabels[c])
		}
	}
	if len(missing) > 0 {
		f.problemf(1, "missing column %s%s", quoteList(missing), notRead("column", unread))
		return
	}
	ords := ordinals{}
	title := f.defaultTitle()
	for {
		row, err := cur.r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			line := cur.errLine(err)
			f.problemf(line, "invalid CSV: %v", csvErrMsg(err))
			if !cur.restartAfter(line) {
				return
			}
			continue
		}
		line := cur.line()
		if len(row) != len(header) {
			f.problemf(line, "row has %d fields, header has %d", len(row), len(header))
			continue
		}
		field := func(fd field) string {
			for _, i := range cols[fd] {
				if v := strings.TrimSpace(row[i]); v != "" {
					return v
				}
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue // a blank row at the end of a sheet
		}
		q, a := field(fieldQuestion), field(fieldAnswer)
		if q == "" {
			f.problemf(line, "empty question")
			continue
		}
		if a == "" {
			f.problemf(line, "question without an answer: %q", q)
			continue
		}
		var aliases []string
		for _, s := range strings.Split(field(fieldAliases), "|") {
			if s = strings.TrimSpace(s); s != "" {
				aliases = append(aliases, s)
			}
		}
		t := field(fieldTitle)
		if t == "" {
			t = title
		}
		id := questionID(f.rel, q, ords)
		if own := Slug(field(fieldID)); strings.Trim(own, "-_") != "" {
			id = f.rel + "#" + own // the sheet's own id, kept when the question is reworded
		}
		f.emit(draft{Passage: Passage{
			ID:       id,
			Kind:     KindFAQ,
			Title:    t,
			Section:  field(fieldSection),
			Question: q,
			Aliases:  aliases,
			Text:     a,
			URL:      f.baseURL(field(fieldURL)),
			Line:     line,
		}})
	}
}

// csvColumns are the columns of header that hold each field, in order of
// preference (the name's rank in fieldNames, then the column's place),
// and the names of the columns that hold none.
func csvColumns(header []string) (map[field][]int, []string) {
	cols := map[field][]int{}
	ranks := map[int]int{}
	var unread []string
	for i, h := range header {
		fd, rank := lookupField(h, inTables)
		if fd == fieldNone {
			if strings.TrimSpace(h) != "" {
				unread = append(unread, strings.TrimSpace(h))
			}
			continue
		}
		ranks[i] = rank
		cols[fd] = append(cols[fd], i)
	}
	for _, c := range cols {
		sort.SliceStable(c, func(a, b int) bool { return ranks[c[a]] < ranks[c[b]] })
	}
	return cols, unread
}

// csvCursor reads a CSV text that may be restarted after a broken row:
// line numbers stay those of the file.
type csvCursor struct {
	src    string
	starts lineStarts // where every line starts
	base   int        // lines of src before what r reads
	r      *csv.Reader
	comma  rune // the separator (see csvComma)
}

// csvComma is the separator of the CSV text src of the file name: a tab
// in a .tsv file; else a comma, or the semicolon or tab that spreadsheets
// in many languages export with, when the header line has one of those and
// no comma. Quoted column names ("notes, internal") are not looked in.
func csvComma(name, src string) rune {
	if strings.EqualFold(path.Ext(name), ".tsv") {
		return '\t'
	}
	line, _, _ := strings.Cut(src, "\n")
	var b strings.Builder
	for k, part := range strings.Split(line, `"`) {
		if k%2 == 0 { // outside quotes
			b.WriteString(part)
		}
	}
	header := b.String()
	if strings.Contains(header, ",") {
		return ','
	}
	for _, c := range []rune{';', '\t'} {
		if strings.ContainsRune(header, c) {
			return c
		}
	}
	return ','
}

func newCSVCursor(src string, comma rune) *csvCursor {
	c := &csvCursor{src: src, starts: newLineStarts(src), comma: comma}
	c.reset(0)
	return c
}

// reset reads from line base+1 of the file on.
func (c *csvCursor) reset(base int) {
	c.base = base
	c.r = csv.NewReader(strings.NewReader(c.src[c.starts[base]:]))
	c.r.Comma = c.comma
	c.r.FieldsPerRecord = -1 // check row lengths in readCSV, to report every bad row
}

// line is the file line where the row just read starts.
func (c *csvCursor) line() int {
	l, _ := c.r.FieldPos(0)
	return c.base + l
}

// errLine is the file line a parse error belongs to: where the broken
// quoted field opens, else where its row starts.
func (c *csvCursor) errLine(err error) int {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return c.base + 1
	}
	start := c.base + max(pe.StartLine, 1)
	if start > len(c.starts) {
		return len(c.starts)
	}
	return quoteLine(c.src, c.starts[start-1], start, byte(c.comma))
}

// restartAfter goes on reading from the line after line; false at the end
// of the file.
func (c *csvCursor) restartAfter(line int) bool {
	if line >= len(c.starts) {
		return false
	}
	c.reset(line)
	return true
}

// quoteLine is the line of the quote that opens the first quoted field of
// the row starting at byte off (on line line) that is not closed properly:
// one that runs to the end of the file, or whose closing quote is followed
// by something other than the separator (comma) or the end of the line.
// It is line when there is none.
func quoteLine(src string, off, line int, comma byte) int {
	fieldStart, quoted, open := true, false, line
	for i := off; i < len(src); i++ {
		ch := src[i]
		switch {
		case quoted && ch == '"':
			if i+1 < len(src) && src[i+1] == '"' {
				i++ // an escaped quote
				continue
			}
			if i+1 < len(src) && src[i+1] != comma && src[i+1] != '\n' && src[i+1] != '\r' {
				return open // text after the closing quote
			}
			quoted = false
		case quoted:
			if ch == '\n' {
				line++
			}
		case fieldStart && ch == '"':
			quoted, open = true, line
		case ch == '\n':
			return open // the row ended with every quote closed
		}
		fieldStart = !quoted && ch == comma
	}
	return open
}

// csvErrMsg is a CSV error without the line prefix Problem adds.
func csvErrMsg(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// quoteList formats names as "a", "b".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = `"` + n + `"`
	}
	return strings.Join(q, ", ")
}
