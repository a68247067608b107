package content

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadJSONL(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		ids      []string
		kinds    []Kind
		problems []string
	}{
		{"given ids", `{"id":"a","text":"x"}` + "\n" + `{"id":"b","kind":"faq","question":"q?","text":"y"}`, []string{"a", "b"}, []Kind{KindPassage, KindFAQ}, nil},
		{"kind from question", `{"question":"Why so?","text":"Because."}`, []string{"c.jsonl#why-so"}, []Kind{KindFAQ}, nil},
		{"id from first words", `{"text":"Lanterns are lit at dusk every day of the week."}`, []string{"c.jsonl#lanterns-are-lit-at-dusk-every-day-of"}, []Kind{KindPassage}, nil},
		{"id by section when no words", `{"text":"!!!","section":"Misc"}` + "\n" + `{"text":"???"}`, []string{"c.jsonl#misc-1", "c.jsonl#p-1"}, []Kind{KindPassage, KindPassage}, nil},
		{"blank lines and CRLF", "\r\n" + `{"id":"a","text":"x"}` + "\r\n\r\n", []string{"a"}, []Kind{KindPassage}, nil},
		{"bad lines reported, reading goes on", `{"id":"a","text":"x"` + "\n" + `{"id":"b","kind":"note","text":"x"}` + "\n" + `{"id":"c","text":""}` + "\n" + `{"id":"d","kind":"faq","text":"x"}` + "\n" + `{"id":"e","text":"ok"}`,
			[]string{"e"}, []Kind{KindPassage}, []string{
				"c.jsonl:1: invalid JSON: unexpected end of JSON input",
				`c.jsonl:2: unknown kind "note", want faq or passage`,
				"c.jsonl:3: empty text",
				"c.jsonl:4: faq without question",
			}},
		{"wrong type", `{"id":"a","aliases":"one","question":"q","text":"x"}`, nil, nil, []string{`c.jsonl:1: field "aliases": want array, got string`}},
		{"question or alias too long", `{"id":"a","question":"` + strings.Repeat("why ", 251) + `?","text":"x"}` + "\n" + `{"id":"b","question":"q?","aliases":["` + strings.Repeat("y", 1001) + `","kept"],"text":"x"}`,
			[]string{"b"}, []Kind{KindFAQ}, []string{"c.jsonl:1: question longer than 1000 characters", "c.jsonl:2: alias longer than 1000 characters left out"}},
		{"too many aliases", `{"id":"a","question":"q?","aliases":["a"` + strings.Repeat(`,"a"`, 200) + `],"text":"x"}`,
			[]string{"a"}, []Kind{KindFAQ}, []string{"c.jsonl:1: 201 aliases (limit 200): the first 200 are kept"}},
		{"numeric and null ids", `{"id":12,"text":"x"}` + "\n" + `{"id":1.5e3,"text":"y"}` + "\n" + `{"id":null,"question":"Why?","text":"z"}` + "\n" + `{"id":[1],"text":"w"}`,
			[]string{"12", "1.5e3", "c.jsonl#why"}, []Kind{KindPassage, KindPassage, KindFAQ}, []string{`c.jsonl:4: field "id": want string, got array`}},
		{"duplicate id", `{"id":"a","text":"x"}` + "\n" + `{"id":"a","text":"y"}`, []string{"a"}, []Kind{KindPassage}, []string{"c.jsonl:2: duplicate id a, first at c.jsonl:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadOne(t, "c.jsonl", tt.src, Options{})
			var kinds []Kind
			for _, p := range c.Passages {
				kinds = append(kinds, p.Kind)
			}
			if !reflect.DeepEqual(ids(c.Passages), tt.ids) || !reflect.DeepEqual(kinds, tt.kinds) {
				t.Errorf("got ids %q kinds %q, want %q %q", ids(c.Passages), kinds, tt.ids, tt.kinds)
			}
			if got := problemStrings(c.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}

func TestReadJSONLLongLines(t *testing.T) {
	long := `{"id":"long","text":"` + strings.Repeat("lantern ", 100000) + `"}` // ~800 KB: allowed
	tooLong := `{"id":"huge","text":"` + strings.Repeat("x", maxJSONLLine) + `"}`
	c := loadOne(t, "c.jsonl", long+"\n"+tooLong+"\n"+`{"id":"after","text":"still read"}`, Options{})
	if got := ids(c.Passages); len(got) < 3 || got[0] != "long" || got[len(got)-1] != "after" {
		t.Errorf("ids %q, want long, its parts, after", got)
	}
	if !hasProblem(c.Problems, "c.jsonl:2: line too long") {
		t.Errorf("problems %q, want line 2 too long", problemStrings(c.Problems))
	}
}

// TestReadJSONLFieldNames: a line's keys under their other names
// (fieldNames), source staying FORMAT.md's file:line; a file none of whose
// keys is read is one problem, on its first line.
func TestReadJSONLFieldNames(t *testing.T) {
	runFieldNames(t, "c.jsonl", []fieldNamesCase{
		{name: "other names, any case and separators",
			src: `{"QUESTION": "Can I?", "A": "Yes.", "sourceUrl": "https://e.org/a", "Topic": "Basics", "alias": ["may I"]}` + "\n" +
				`{"id": "x", "question": "May I?", "text": "No.", "source": "faq.md:3"}` + "\n",
			want: []entryView{
				{"c.jsonl#can-i", "", "Basics", "Can I?", []string{"may I"}, "Yes.", "https://e.org/a", 1},
				{"x", "", "", "May I?", nil, "No.", "https://kb.e.org/c.jsonl", 2},
			}},
		{name: "no key read",
			src:      "\n" + `{"prompt": "Can I?", "completion": "Yes."}` + "\n" + `{"prompt": "May I?", "completion": "No."}` + "\n",
			problems: []string{`c.jsonl:2: no field read (found "prompt", "completion"): name them question, answer, aliases, url, title, section or id`}},
		{name: "the own name of the wrong type is still a problem",
			src:      `{"question": "Can I?", "answer": ["Yes."]}` + "\n",
			problems: []string{`c.jsonl:1: field "answer": want string, got array`}},
	})
}
