package content

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// maxJSONLLine is the longest line of a JSON Lines file.
const maxJSONLLine = 1 << 20

// readJSONL reads passages in the corpus format, one JSON object a line.
// A bad line is reported and skipped; the others are still read.
func readJSONL(f *file) {
	ords := ordinals{}
	var unread unreadEntries
	defer unread.report(f)
	for i, line := range strings.Split(f.src, "\n") {
		n := i + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		if len(line) > maxJSONLLine {
			f.problemf(n, "line too long (%d bytes, limit %d)", len(line), maxJSONLLine)
			continue
		}
		var r jsonlRecord
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			f.problemf(n, "%s", jsonProblem(err))
			continue
		}
		readEntry(f, r, n, ords, &unread)
	}
}

// readEntry adds the passage of record r, read at line n, unless none of
// its keys is read: unread holds such an entry back.
func readEntry(f *file, r jsonlRecord, n int, ords ordinals, unread *unreadEntries) {
	if !unread.entry(n, r.unread, r.read) {
		return
	}
	if p, ok := jsonlPassage(f, r, n, ords); ok {
		f.emit(draft{Passage: p})
	}
}

// jsonlPassage checks one record and turns it into a passage.
func jsonlPassage(f *file, r jsonlRecord, n int, ords ordinals) (Passage, bool) {
	kind := Kind(strings.ToLower(strings.TrimSpace(r.Kind)))
	question := strings.TrimSpace(r.Question)
	switch {
	case kind == "" && question != "":
		kind = KindFAQ
	case kind == "":
		kind = KindPassage
	case kind != KindFAQ && kind != KindPassage:
		f.problemf(n, "unknown kind %q, want faq or passage", r.Kind)
		return Passage{}, false
	}
	text := strings.TrimSpace(r.Text)
	if text == "" {
		f.problemf(n, "empty text%s", notRead("field", r.unread))
		return Passage{}, false
	}
	if kind == KindFAQ && question == "" {
		f.problemf(n, "faq without question%s", notRead("field", r.unread))
		return Passage{}, false
	}
	if kind == KindPassage && question != "" {
		f.warnf(n, "question ignored: kind is passage")
		question = ""
	}
	id := strings.TrimSpace(string(r.ID))
	if id == "" {
		id = jsonlID(f.rel, kind, question, r.Section, text, ords)
	}
	var aliases []string
	for _, a := range r.Aliases {
		if a = strings.TrimSpace(a); a != "" && kind == KindFAQ {
			aliases = append(aliases, a)
		}
	}
	return Passage{
		ID:       id,
		Kind:     kind,
		Title:    strings.TrimSpace(r.Title),
		Section:  strings.TrimSpace(r.Section),
		Question: question,
		Aliases:  aliases,
		Text:     text,
		URL:      f.baseURL(r.URL),
		Line:     n,
	}, true
}

// jsonlID makes an ID for a record without one: the question's slug for an
// FAQ pair, the slug of the first words for a passage (stable when other
// lines are added or moved), numbered within its section as a last resort.
func jsonlID(rel string, kind Kind, question, section, text string, ords ordinals) string {
	if kind == KindFAQ {
		return questionID(rel, question, ords)
	}
	if s := Slug(firstWords(text, fragmentWords)); strings.Trim(s, "-_") != "" {
		return rel + "#" + s
	}
	return rel + "#" + ords.next(Slug(section))
}

// jsonProblem says what is wrong with a line in words that do not mention
// Go types.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te) && te.Field != "":
		return fmt.Sprintf("field %q: want %s, got %s", te.Field, jsonType(te.Type.Kind().String()), te.Value)
	case errors.As(err, &te):
		return fmt.Sprintf("want a JSON object, got %s", te.Value)
	}
	return fmt.Sprintf("invalid JSON: %v", err)
}

// jsonType names a Go kind the way JSON calls it.
func jsonType(kind string) string {
	switch kind {
	case "slice":
		return "array"
	case "struct", "map":
		return "object"
	}
	return kind
}
