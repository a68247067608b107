package content

import (
	"reflect"
	"strings"
	"testing"
)

func TestFieldKey(t *testing.T) {
	tests := []struct{ name, want string }{
		{"question", "question"},
		{"Question", "question"},
		{"QUESTION", "question"},
		{" Question ", "question"},
		{"source_url", "sourceurl"},
		{"source-url", "sourceurl"},
		{"sourceUrl", "sourceurl"},
		{"Source URL", "sourceurl"},
		{"source.url", "sourceurl"},
		{"Other phrasings", "otherphrasings"},
		{"QnaId", "qnaid"},
		{"Frage", "frage"},
		{"***", ""},
	}
	for _, tt := range tests {
		if got := fieldKey(tt.name); got != tt.want {
			t.Errorf("fieldKey(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLookupField(t *testing.T) {
	tests := []struct {
		name            string
		tables, entries field
	}{
		{"question", fieldQuestion, fieldQuestion},
		{"Q", fieldQuestion, fieldQuestion},
		{"Questions", fieldQuestion, fieldNone}, // a JSON list of entries is kept under "questions"
		{"FAQ", fieldQuestion, fieldNone},       // and under "faq"
		{"aliases", fieldAliases, fieldAliases},
		{"Alias", fieldAliases, fieldAliases},
		{"also", fieldAliases, fieldAliases},
		{"other_phrasings", fieldAliases, fieldAliases},
		{"text", fieldAnswer, fieldAnswer},
		{"Answer", fieldAnswer, fieldAnswer},
		{"answers", fieldAnswer, fieldNone}, // a quiz's list of choices
		{"A", fieldAnswer, fieldAnswer},
		{"response", fieldAnswer, fieldAnswer},
		{"Reply", fieldAnswer, fieldAnswer},
		{"URL", fieldURL, fieldURL},
		{"link", fieldURL, fieldURL},
		{"source_url", fieldURL, fieldURL},
		{"sourceUrl", fieldURL, fieldURL},
		{"Source", fieldURL, fieldSource}, // FORMAT.md's file:line in JSON Lines
		{"title", fieldTitle, fieldTitle},
		{"Section", fieldSection, fieldSection},
		{"category", fieldSection, fieldSection},
		{"Topic", fieldSection, fieldSection},
		{"id", fieldID, fieldID},
		{"QnaId", fieldID, fieldID},
		{"kind", fieldNone, fieldKind},
		// Names that mean other things in common exports are never read.
		{"name", fieldNone, fieldNone},
		{"content", fieldNone, fieldNone},
		{"body", fieldNone, fieldNone},
		{"tags", fieldNone, fieldNone},
		{"trigger", fieldNone, fieldNone},
		{"responses", fieldNone, fieldNone},
		{"patterns", fieldNone, fieldNone},
		{"", fieldNone, fieldNone},
	}
	for _, tt := range tests {
		if got, _ := lookupField(tt.name, inTables); got != tt.tables {
			t.Errorf("lookupField(%q, inTables) = %v, want %v", tt.name, got, tt.tables)
		}
		if got, _ := lookupField(tt.name, inEntries); got != tt.entries {
			t.Errorf("lookupField(%q, inEntries) = %v, want %v", tt.name, got, tt.entries)
		}
	}
}

// TestFieldNamesPreferred: a field's documented name is preferred to its
// other names, and text to answer (as JSON Lines read them before answer
// was one).
func TestFieldNamesPreferred(t *testing.T) {
	tests := []struct {
		better, worse string
		in            fieldShape
	}{
		{"question", "q", everywhere},
		{"question", "faq", inTables},
		{"text", "answer", inEntries},
		{"answer", "text", inTables},
		{"reply", "text", inTables},
		{"answer", "response", everywhere},
		{"aliases", "also", everywhere},
		{"url", "link", everywhere},
		{"url", "source", inTables},
		{"section", "category", everywhere},
		{"id", "qnaid", everywhere},
	}
	for _, tt := range tests {
		for _, in := range []fieldShape{inTables, inEntries} {
			if tt.in&in == 0 {
				continue
			}
			fb, rb := lookupField(tt.better, in)
			fw, rw := lookupField(tt.worse, in)
			if fb != fw || rb >= rw {
				t.Errorf("%q (%v, rank %d) is not preferred to %q (%v, rank %d)", tt.better, fb, rb, tt.worse, fw, rw)
			}
		}
	}
}

// TestFieldLabels: every field's label is one of its names wherever the
// field is read, so that a problem never asks for a name that is not read.
func TestFieldLabels(t *testing.T) {
	for _, f := range append(entryFields, fieldKind, fieldSource) {
		for _, in := range []fieldShape{inTables, inEntries} {
			got, _ := lookupField(fieldLabels[f], in)
			if got != f && !(in == inTables && (f == fieldKind || f == fieldSource)) {
				t.Errorf("label %q reads as %v in shape %d, want %v", fieldLabels[f], got, in, f)
			}
		}
	}
}

func TestEntryKey(t *testing.T) {
	tests := []struct {
		key  string
		want bool
	}{
		{"question", true},
		{"Question", true},
		{"text", true},
		{"answer", true},
		{"ANSWER", true},
		{"q", false},        // a search log's query
		{"response", false}, // an API wrapper's
		{"faq", false},
		{"questions", false},
		{"aliases", false},
		{"title", false},
	}
	for _, tt := range tests {
		if got := entryKey(tt.key); got != tt.want {
			t.Errorf("entryKey(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}

func TestUnreadProblem(t *testing.T) {
	tests := []struct {
		what  string
		found []string
		want  string
	}{
		{"field", []string{"Frage", "Antwort"},
			`no field read (found "Frage", "Antwort"): name them question, answer, aliases, url, title, section or id`},
		{"column", []string{"a\"b"},
			`no column read (found "a\"b"): name them question, answer, aliases, url, title, section or id`},
		{"field", []string{"1", "2", "3", "4", "5", "6", "7"},
			`no field read (found "1", "2", "3", "4", "5", …): name them question, answer, aliases, url, title, section or id`},
		{"field", []string{strings.Repeat("é", 30)},
			`no field read (found "` + strings.Repeat("é", maxShownName) + `…"): name them question, answer, aliases, url, title, section or id`},
	}
	for _, tt := range tests {
		if got := unreadProblem(tt.what, tt.found); got != tt.want {
			t.Errorf("unreadProblem(%q, %q)\n got %s\nwant %s", tt.what, tt.found, got, tt.want)
		}
	}
	if got := notRead("column", nil); got != "" {
		t.Errorf("notRead of none = %q, want nothing", got)
	}
	if got, want := notRead("column", []string{"notes"}), `; columns not read: "notes"`; got != want {
		t.Errorf("notRead = %q, want %q", got, want)
	}
}

// entryView is what a test of a structured reader compares of a passage.
type entryView struct {
	ID, Title, Section, Question string
	Aliases                      []string
	Text, URL                    string
	Line                         int
}

// entryViews lists the passages as entryViews.
func entryViews(ps []Passage) []entryView {
	var out []entryView
	for _, p := range ps {
		aliases := p.Aliases
		if len(aliases) == 0 {
			aliases = nil // none, however a reader leaves them
		}
		out = append(out, entryView{p.ID, p.Title, p.Section, p.Question, aliases, p.Text, p.URL, p.Line})
	}
	return out
}

// fieldNamesCase is one file read by a structured reader, for the tests of
// the names each format reads.
type fieldNamesCase struct {
	name     string
	src      string
	want     []entryView
	problems []string
}

// runFieldNames reads each case's src as a file named file.
func runFieldNames(t *testing.T, file string, tests []fieldNamesCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadOne(t, file, tt.src, Options{BaseURL: "https://kb.e.org"})
			if got := entryViews(c.Passages); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("passages\n got %+v\nwant %+v", got, tt.want)
			}
			if got := problemStrings(c.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}
