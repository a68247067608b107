package content

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// field is what a column of a table (CSV, TSV, a Markdown table) or a key
// of an entry (JSON, JSON Lines, YAML) holds.
type field int

const (
	fieldNone field = iota
	fieldQuestion
	fieldAliases
	fieldAnswer
	fieldURL
	fieldTitle
	fieldSection
	fieldID
	fieldKind   // an entry's kind, faq or passage (entries only)
	fieldSource // where a passage was read from, FORMAT.md's file:line (entries only)
)

// fieldShape says where a name is read: in the header of a table, in the
// keys of an entry, or in both.
type fieldShape uint8

const (
	inTables fieldShape = 1 << iota
	inEntries
	everywhere = inTables | inEntries
)

// fieldName is one name a file may give a field.
type fieldName struct {
	key   string // as fieldKey writes it
	field field
	in    fieldShape
}

// fieldNames is every name the structured readers know, in order of
// preference within a field: an entry that names a field twice (text and
// answer) reads the first name's value that is not empty, a table the
// first name's column. Names other files use for something else are read
// only where they cannot mean it: a JSON or YAML list of entries is often
// kept under "faq" or "questions", a quiz's "answers" are a list of
// choices, and "source" is FORMAT.md's file:line; and names as wide as
// "name", "content", "body", "tags" or "trigger" are never read.
var fieldNames = []fieldName{
	{"question", fieldQuestion, everywhere},
	{"q", fieldQuestion, everywhere},
	{"questions", fieldQuestion, inTables},
	{"faq", fieldQuestion, inTables},
	{"aliases", fieldAliases, everywhere},
	{"alias", fieldAliases, everywhere},
	{"also", fieldAliases, everywhere},
	{"otherphrasings", fieldAliases, everywhere},
	{"text", fieldAnswer, inEntries}, // FORMAT.md's own name
	{"answer", fieldAnswer, everywhere},
	{"answers", fieldAnswer, inTables},
	{"a", fieldAnswer, everywhere},
	{"response", fieldAnswer, everywhere},
	{"reply", fieldAnswer, everywhere},
	{"text", fieldAnswer, inTables}, // a sheet's notes, as likely as its answers
	{"url", fieldURL, everywhere},
	{"link", fieldURL, everywhere},
	{"sourceurl", fieldURL, everywhere},
	{"source", fieldURL, inTables},
	{"title", fieldTitle, everywhere},
	{"section", fieldSection, everywhere},
	{"category", fieldSection, everywhere},
	{"topic", fieldSection, everywhere},
	{"id", fieldID, everywhere},
	{"qnaid", fieldID, everywhere}, // QnA Maker's export
	{"kind", fieldKind, inEntries},
	{"source", fieldSource, inEntries},
}

// fieldLabels name the fields in problems and in the README: the name
// each format documents.
var fieldLabels = [...]string{
	fieldQuestion: "question",
	fieldAliases:  "aliases",
	fieldAnswer:   "answer",
	fieldURL:      "url",
	fieldTitle:    "title",
	fieldSection:  "section",
	fieldID:       "id",
	fieldKind:     "kind",
	fieldSource:   "source",
}

// fieldKey is a column or key name as the vocabulary matches it: in lower
// case, without spaces, underscores, hyphens or other separators, so that
// "Question", "QUESTION", "source_url", "source-url", "Source URL" and
// "sourceUrl" are read alike.
func fieldKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, name)
}

// lookupField is the field a name stands for in a file of the given shape,
// and the name's rank among the field's names (lower is preferred); the
// field is fieldNone for a name that is not read there.
func lookupField(name string, in fieldShape) (field, int) {
	for _, rank := range fieldRanks[fieldKey(name)] {
		if fieldNames[rank].in&in != 0 {
			return fieldNames[rank].field, rank
		}
	}
	return fieldNone, 0
}

// fieldRanks are the places in fieldNames of each key.
var fieldRanks = func() map[string][]int {
	m := map[string][]int{}
	for rank, n := range fieldNames {
		m[n.key] = append(m[n.key], rank)
	}
	return m
}()

// ownName reports whether name is a field's documented name (the label),
// in any case: such a field of the wrong shape is a problem, where another
// name of the wrong shape is some other tool's key and left alone.
func ownName(name string, f field) bool {
	return f != fieldNone && fieldKey(name) == fieldLabels[f] ||
		f == fieldAnswer && fieldKey(name) == "text"
}

// entryKey says whether key names a field only an entry has (its
// question or answer under their own names), so that an object or mapping
// with it is one entry, not a file holding a list of them under some key.
func entryKey(key string) bool {
	f, _ := lookupField(key, inEntries)
	return (f == fieldQuestion || f == fieldAnswer) && ownName(key, f)
}

// Problems name at most maxShownNames of the names a file uses, each cut
// to maxShownName characters, so that they fit a Discord report.
const (
	maxShownNames = 5
	maxShownName  = 24
)

// unreadProblem says that none of the names a file gives its fields (its
// columns or its entries' keys, what) is read, names those found and the
// ones to rename them to.
func unreadProblem(what string, found []string) string {
	return fmt.Sprintf("no %s read (found %s): name them %s", what, shownNames(found), readLabels())
}

// entryFields are the fields an FAQ entry has in every structured format,
// in the order problems name them.
var entryFields = []field{fieldQuestion, fieldAnswer, fieldAliases, fieldURL, fieldTitle, fieldSection, fieldID}

// readLabels lists the documented names of entryFields.
func readLabels() string {
	var labels []string
	for _, f := range entryFields {
		labels = append(labels, fieldLabels[f])
	}
	return strings.Join(labels[:len(labels)-1], ", ") + " or " + labels[len(labels)-1]
}

// notRead is what a problem about a missing field adds when the entry or
// header has names that are not read (what: "field" or "column"), so
// that a moderator sees which to rename; "" when it has none.
func notRead(what string, names []string) string {
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf("; %ss not read: %s", what, shownNames(names))
}

// shownNames quotes the first names, each cut to maxShownName characters.
func shownNames(names []string) string {
	var q []string
	for i, n := range names {
		if i == maxShownNames {
			q = append(q, "…")
			break
		}
		if r := []rune(n); len(r) > maxShownName {
			n = string(r[:maxShownName]) + "…"
		}
		q = append(q, strconv.Quote(n))
	}
	return strings.Join(q, ", ")
}
