package content

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadYAML(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		ids      []string
		aliases  [][]string
		problems []string
	}{
		{"list", "- question: Why?\n  answer: Because.\n  aliases: [how come]\n- kind: passage\n  text: Lanterns are lit at dusk.\n",
			[]string{"c.yaml#why", "c.yaml#lanterns-are-lit-at-dusk"}, [][]string{{"how come"}, nil}, nil},
		{"list under a key, other keys kept out", "# the FAQ\nversion: 2\ntags: [a, b]\nfaq:\n  - question: Where?\n    text: |\n      Here,\n      and there.\n    tags: [x]\n",
			[]string{"c.yaml#where"}, [][]string{nil}, nil},
		{"one entry, aliases first", "aliases: one alias\nquestion: Only one?\nanswer: Yes.\n", []string{"c.yaml#only-one"}, [][]string{{"one alias"}}, nil},
		{"empty", "", nil, nil, nil},
		{"comments only", "# nothing yet\n", nil, nil, nil},
		{"one entry a document", "---\nquestion: One?\nanswer: Yes.\n---\n# none here\n---\n- question: Two?\n  answer: Yes.\n---\nquestion: [three]\n",
			[]string{"c.yaml#one", "c.yaml#two"}, [][]string{nil, nil}, []string{"c.yaml:10: question must be text"}},
		{"broken second document", "question: One?\nanswer: Yes.\n---\n- question: [unclosed\n", []string{"c.yaml#one"}, [][]string{nil}, []string{"c.yaml:4: invalid YAML: did not find expected ',' or ']'"}},
		{"empty list under a key", "title: Store FAQ\nfaq: []\ntags: [a, b]\n", nil, nil, nil},
		{"bad entries reported on their line, reading goes on",
			"- question: A list?\n  answer: [not, text]\n- just words\n- question: No answer?\n- question: Kept?\n  answer: Yes.\n  aliases: [[nested]]\n- question: Also kept?\n  answer: Yes.\n",
			[]string{"c.yaml#also-kept"}, [][]string{nil}, []string{
				"c.yaml:2: answer must be text",
				"c.yaml:3: want an entry of key: value lines",
				"c.yaml:4: empty text",
				"c.yaml:7: aliases must be a list of text",
			}},
		{"broken YAML", "- question: [unclosed\n", nil, nil, []string{"c.yaml:2: invalid YAML: did not find expected ',' or ']'"}},
		{"a plain text", "just some words\n", nil, nil, []string{"c.yaml:1: want a list of entries, or key: value lines"}},
		// Aliases are read where they stand, never expanded into copies.
		{"alias bomb", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
			nil, nil, strings.Split(strings.Repeat("c.yaml:1: want an entry of key: value lines\n", 9), "\n")[:9]},
		{"problems with aliases on the alias's line", "- &list [a, b]\n- question: Answer?\n  answer: *list\n- *list\n- question: Kept?\n  answer: Yes.\n  aliases: *list\n",
			[]string{"c.yaml#kept"}, [][]string{{"a", "b"}}, []string{
				"c.yaml:1: want an entry of key: value lines",
				"c.yaml:3: answer must be text",
				"c.yaml:4: want an entry of key: value lines",
			}},
		{"an entry's fields by anchor", "- &base\n  question: Base?\n  answer: Yes.\n- *base\n", []string{"c.yaml#base"}, [][]string{nil}, []string{"c.yaml:4: duplicate id c.yaml#base, first at c.yaml:1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadOne(t, "c.yaml", tt.src, Options{})
			var aliases [][]string
			for _, p := range c.Passages {
				aliases = append(aliases, p.Aliases)
			}
			if !reflect.DeepEqual(ids(c.Passages), tt.ids) || !reflect.DeepEqual(aliases, tt.aliases) {
				t.Errorf("got ids %q aliases %q, want %q %q", ids(c.Passages), aliases, tt.ids, tt.aliases)
			}
			if got := problemStrings(c.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}
