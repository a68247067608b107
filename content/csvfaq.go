package content

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// csvColumns are the columns of an FAQ spreadsheet; the first three are
// required.
var csvColumns = []string{"question", "answer", "url", "title", "section", "aliases"}

const csvRequired = 3

// readCSV reads an FAQ exported from a spreadsheet: a header row naming the
// columns (any order, any case), then one question a row. Aliases are
// separated by "|".
func readCSV(f *file) {
	r := csv.NewReader(strings.NewReader(f.src))
	r.FieldsPerRecord = -1 // check row lengths here, to report every bad row
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		f.problemf(1, "empty file: want a header row with question, answer, url")
		return
	}
	if err != nil {
		f.problemf(csvErrLine(err, 1), "invalid CSV header: %v", csvErrMsg(err))
		return
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	var missing []string
	for _, c := range csvColumns[:csvRequired] {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		f.problemf(1, "missing column %s", quoteList(missing))
		return
	}
	ords := ordinals{}
	title := f.defaultTitle()
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			f.problemf(csvErrLine(err, 0), "invalid CSV: %v", csvErrMsg(err))
			continue
		}
		line, _ := r.FieldPos(0)
		if len(row) != len(header) {
			f.problemf(line, "row has %d fields, header has %d", len(row), len(header))
			continue
		}
		field := func(name string) string {
			if i, ok := col[name]; ok {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue // a blank row at the end of a sheet
		}
		q, a := field("question"), field("answer")
		if q == "" {
			f.problemf(line, "empty question")
			continue
		}
		if a == "" {
			f.problemf(line, "question without an answer: %q", q)
			continue
		}
		var aliases []string
		for _, s := range strings.Split(field("aliases"), "|") {
			if s = strings.TrimSpace(s); s != "" {
				aliases = append(aliases, s)
			}
		}
		t := field("title")
		if t == "" {
			t = title
		}
		f.emit(draft{Passage: Passage{
			ID:       questionID(f.rel, q, ords),
			Kind:     KindFAQ,
			Title:    t,
			Section:  field("section"),
			Question: q,
			Aliases:  aliases,
			Text:     a,
			URL:      f.baseURL(field("url")),
			Line:     line,
		}})
	}
}

// csvErrLine is the line of a CSV parse error, or def.
func csvErrLine(err error, def int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) && pe.Line > 0 {
		return pe.Line
	}
	return def
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
