package content

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// readJSON reads passages from one JSON document, as FAQ exports and other
// bots keep them: an array of records in the JSON Lines format (see
// readJSONL), an object holding such an array under some key ({"faq":
// [...]}), or one record. A bad record is reported on the line where it
// starts and skipped; the others are still read.
func readJSON(f *file) {
	dec := json.NewDecoder(strings.NewReader(f.src))
	lines := newLineStarts(f.src)
	var unread unreadEntries
	defer unread.report(f)
	tok, err := dec.Token()
	switch {
	case errors.Is(err, io.EOF):
		return // an empty file: Load notes that nothing was indexed
	case err != nil:
		f.problemf(lines.line(int(dec.InputOffset())), "%s", jsonProblem(err))
		return
	case tok == json.Delim('{'):
		if !enterArray(f, dec, lines, &unread) {
			return
		}
	case tok != json.Delim('['):
		f.problemf(1, "want a JSON array of entries, or an object")
		return
	}
	ords := ordinals{}
	for dec.More() {
		n := lines.line(int(valueStart(f.src, dec.InputOffset())))
		var r jsonlRecord
		if err := dec.Decode(&r); err != nil {
			f.problemf(n, "%s", jsonProblem(err))
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				return // broken JSON: nothing after it can be read
			}
			continue
		}
		readEntry(f, r, n, ords, &unread)
	}
}

// enterArray reads the object whose opening brace dec has just read up to
// the first array of objects among its values (tags and other arrays stand
// beside it), and says whether it found one; dec then stands at that
// array's first element. An object with an entry's own fields (a question,
// a text), or without an array, is one entry, which enterArray reads
// itself.
func enterArray(f *file, dec *json.Decoder, lines lineStarts, unread *unreadEntries) bool {
	var keys map[string]json.RawMessage
	one := false
	if json.Unmarshal([]byte(f.src), &keys) == nil {
		for k := range keys {
			one = one || entryKey(k)
		}
	}
	empty := false // an empty array: a list with no entries yet
	for !one && dec.More() {
		if _, err := dec.Token(); err != nil { // the key
			f.problemf(lines.line(int(dec.InputOffset())), "%s", jsonProblem(err))
			return false
		}
		if v := f.src[valueStart(f.src, dec.InputOffset()):]; strings.HasPrefix(v, "[") {
			switch first := v[valueStart(v, 1):]; {
			case strings.HasPrefix(first, "{"):
				_, err := dec.Token()
				return err == nil
			case strings.HasPrefix(first, "]"):
				empty = true
			}
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			f.problemf(lines.line(int(dec.InputOffset())), "%s", jsonProblem(err))
			return false
		}
	}
	if !one && empty {
		return false // Load notes that nothing was indexed
	}
	var r jsonlRecord
	if err := json.Unmarshal([]byte(f.src), &r); err != nil {
		f.problemf(1, "%s", jsonProblem(err))
		return false
	}
	readEntry(f, r, 1, ordinals{}, unread)
	return false
}

// valueStart is the offset of the next JSON value in src from off: past
// white space, a key's colon and an element's comma.
func valueStart(src string, off int64) int64 {
	for off < int64(len(src)) && strings.IndexByte(" \t\r\n:,", src[off]) >= 0 {
		off++
	}
	return off
}
