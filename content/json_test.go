package content

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadJSON(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		ids      []string
		texts    []string
		problems []string
	}{
		{"array", "[\n" + `{"id":"a","question":"Why?","text":"Because."},` + "\n" + `{"kind":"passage","text":"Lanterns are lit at dusk."}` + "\n]",
			[]string{"a", "c.json#lanterns-are-lit-at-dusk"}, []string{"Because.", "Lanterns are lit at dusk."}, nil},
		{"answer for text", `[{"question":"When is raid night?","answer":"Fridays."}]`,
			[]string{"c.json#when-is-raid-night"}, []string{"Fridays."}, nil},
		{"array under a key", "{\"version\": 2, \"meta\": {\"by\": \"mods\"}, \"tags\": [\"a\"],\n \"faq\": [\n" + `{"question":"Where?","text":"Here."}` + "\n]}",
			[]string{"c.json#where"}, []string{"Here."}, nil},
		{"one record", `{"question":"Only one?","text":"Yes."}`, []string{"c.json#only-one"}, []string{"Yes."}, nil},
		{"one record with aliases first", `{"aliases":["just one"],"question":"Only one?","answer":"Yes."}`, []string{"c.json#only-one"}, []string{"Yes."}, nil},
		{"empty file", "", nil, nil, nil},
		{"empty array", "[]", nil, nil, nil},
		{"empty array under a key", `{"faq": []}`, nil, nil, nil},
		{"no entries under a key", `{"faq": ["a", "b"]}`, nil, nil, []string{`c.json:1: no field read (found "faq"): name them question, answer, aliases, url, title, section or id`}},
		{"bad records reported on their line, reading goes on",
			"[\n" + `{"question":1,"text":"x"},` + "\n" + `{"question":"q?"},` + "\n\n  " + `{"question":"Kept?","text":"Yes."}` + "\n]",
			[]string{"c.json#kept"}, []string{"Yes."}, []string{
				`c.json:2: field "question": want string, got number`,
				"c.json:3: empty text",
			}},
		{"broken JSON stops at its line", "[\n" + `{"question":"First?","text":"Kept."},` + "\n" + `{"question": "broken`,
			[]string{"c.json#first"}, []string{"Kept."}, []string{"c.json:3: invalid JSON: unexpected EOF"}},
		{"not an array or object", `"faq"`, nil, nil, []string{"c.json:1: want a JSON array of entries, or an object"}},
		{"array of strings", `["a", "b"]`, nil, nil, []string{"c.json:1: want a JSON object, got string", "c.json:1: want a JSON object, got string"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadOne(t, "c.json", tt.src, Options{})
			var texts []string
			for _, p := range c.Passages {
				texts = append(texts, p.Text)
			}
			if !reflect.DeepEqual(ids(c.Passages), tt.ids) || !reflect.DeepEqual(texts, tt.texts) {
				t.Errorf("got ids %q texts %q, want %q %q", ids(c.Passages), texts, tt.ids, tt.texts)
			}
			if got := problemStrings(c.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}

// TestReadJSONLines: problems in a large document name their own lines,
// counted once however many records there are.
func TestReadJSONLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("[\n")
	for range 20000 {
		b.WriteString(`{"question":"Same?","text":"Yes."},` + "\n")
	}
	b.WriteString(`{"question":"Last?"}` + "\n]")
	c := loadOne(t, "c.json", b.String(), Options{})
	if !hasProblem(c.Problems, "c.json:20002: empty text") {
		t.Errorf("problems %q, want line 20002 empty text", problemStrings(c.Problems)[len(c.Problems)-1:])
	}
}

// TestQuestionsAreOneLine: a question or alias written over several lines
// (a JSON "\n", a quoted CSV cell, a YAML block) is one line, as it is
// shown and matched.
func TestQuestionsAreOneLine(t *testing.T) {
	for name, src := range map[string]string{
		"c.json": `[{"question":"How do\n\tI join?","aliases":["join\nthe guild"],"text":"Ask."}]`,
		"c.csv":  "question,answer,url,aliases\n\"How do\nI join?\",Ask.,,\"join\nthe guild\"\n",
		"c.yaml": "- question: |\n    How do\n    I join?\n  aliases: [\"join\\nthe guild\"]\n  answer: Ask.\n",
	} {
		c := loadOne(t, name, src, Options{})
		if len(c.Passages) != 1 || c.Passages[0].Question != "How do I join?" || !reflect.DeepEqual(c.Passages[0].Aliases, []string{"join the guild"}) {
			t.Errorf("%s: %+v, problems %q", name, c.Passages, problemStrings(c.Problems))
		}
	}
}

// TestReadJSONFieldNames: an entry's keys under their other names
// (fieldNames); a key of another tool under one of them is left alone; a
// file none of whose keys is read is one problem, on its first entry.
func TestReadJSONFieldNames(t *testing.T) {
	runFieldNames(t, "c.json", []fieldNamesCase{
		{name: "a help desk's names",
			src:  "{\"faq\": [\n" + `{"Q": "Can I?", "Response": "Yes.", "Source_URL": "https://e.org/a", "Category": "Basics", "Other phrasings": ["may I"], "QnaId": 7, "source": "old.md:3"}` + "\n]}",
			want: []entryView{{"7", "", "Basics", "Can I?", []string{"may I"}, "Yes.", "https://e.org/a", 2}}},
		{name: "text before answer, answer before reply, an empty one gives way",
			src: `[{"question": "Can I?", "reply": "Maybe.", "answer": "No.", "text": "Yes."}, {"question": "May I?", "text": "", "reply": "Maybe."}]`,
			want: []entryView{
				{"c.json#can-i", "", "", "Can I?", nil, "Yes.", "https://kb.e.org/c.json", 1},
				{"c.json#may-i", "", "", "May I?", nil, "Maybe.", "https://kb.e.org/c.json", 1},
			}},
		{name: "another tool's key under another name is left alone",
			src:  `[{"question": "Can I?", "answer": "Yes.", "category": {"id": 3, "name": "Basics"}, "link": {"href": "x"}, "alias": [1]}]`,
			want: []entryView{{"c.json#can-i", "", "", "Can I?", nil, "Yes.", "https://kb.e.org/c.json", 1}}},
		{name: "no key read, one problem on the first entry",
			src:      "[\n" + `{"Frage": "Kann ich?", "Antwort": "Ja."},` + "\n" + `{"Frage": "Darf ich?", "Antwort": "Nein.", "Notiz": "x"}` + "\n]",
			problems: []string{`c.json:2: no field read (found "Frage", "Antwort", "Notiz"): name them question, answer, aliases, url, title, section or id`}},
		{name: "an entry with no key read among others",
			src:  "[\n" + `{"question": "Can I?", "answer": "Yes."},` + "\n" + `{"Frage": "Kann ich?"}` + "\n" + `, {"question": "May I?", "Antwort": "Ja."}]`,
			want: []entryView{{"c.json#can-i", "", "", "Can I?", nil, "Yes.", "https://kb.e.org/c.json", 2}},
			problems: []string{
				`c.json:3: no field read (found "Frage"): name them question, answer, aliases, url, title, section or id`,
				`c.json:4: empty text; fields not read: "Antwort"`,
			}},
		{name: "a list under questions is a list of entries",
			src:  `{"title": "Store", "questions": [{"q": "Can I?", "a": "Yes."}]}`,
			want: []entryView{{"c.json#can-i", "", "", "Can I?", nil, "Yes.", "https://kb.e.org/c.json", 1}}},
	})
}
