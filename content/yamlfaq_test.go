package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// TestYAMLMergeBomb: merge keys that fan out into each other gather a
// bounded number of keys, and every entry's own keys are still read.
func TestYAMLMergeBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 {k0: v, k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, k7: v, k8: v, k9: v}\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "a%d: &a%d {<<: [%s]}\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	b.WriteString("faq:\n")
	for j := range 200 {
		fmt.Fprintf(&b, "  - {<<: [*a8, *a8], question: \"Question %d?\", answer: Yes.}\n", j)
	}
	c := loadOne(t, "c.yaml", b.String(), Options{})
	if len(c.Passages) != 200 || len(c.Problems) != 0 {
		t.Errorf("%d passages, problems %q; want 200 and none", len(c.Passages), problemStrings(c.Problems)[:min(3, len(c.Problems))])
	}
	e := &yaml.Node{Kind: yaml.MappingNode}
	if err := yaml.Unmarshal([]byte(b.String()), e); err != nil {
		t.Fatal(err)
	}
	if n := len(yamlPairs(e.Content[0].Content[len(e.Content[0].Content)-1].Content[0])); n > 2*(maxEntryKeys+2) {
		t.Errorf("an entry gathered %d nodes", n)
	}
}

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
		{"one entry, a list of aliases before other names of its fields", "aliases: [igniters]\nq: Igniter troubles?\nreply: Wait a minute.\n",
			[]string{"c.yaml#igniter-troubles"}, [][]string{{"igniters"}}, nil},
		{"one entry of fields not read, with a list of aliases", "name: ignition\naliases: [igniters]\ntitle: Igniter troubles\nbody: |\n    Wait.\n",
			nil, nil, []string{`c.yaml:1: empty text; fields not read: "name", "body"`}},
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
		{"merge keys", "defaults: &d\n  answer: Ask a moderator.\n  aliases: [shared]\nfaq:\n  - <<: *d\n    question: Merged?\n  - <<: *d\n    question: Own aliases?\n    aliases: [own]\n",
			[]string{"c.yaml#merged", "c.yaml#own-aliases"}, [][]string{{"shared"}, {"own"}}, nil},
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

// TestReadYAMLFieldNames: an entry's keys under their other names
// (fieldNames); a key of another tool under one of them is left alone; a
// file none of whose keys is read is one problem, on its first entry.
func TestReadYAMLFieldNames(t *testing.T) {
	runFieldNames(t, "c.yaml", []fieldNamesCase{
		{name: "other names, any case and separators",
			src:  "faq:\n  - Q: Can I?\n    Reply: Yes.\n    Link: https://e.org/a\n    Category: Basics\n    other_phrasings: may I\n    QnaId: 7\n",
			want: []entryView{{"7", "", "Basics", "Can I?", []string{"may I"}, "Yes.", "https://e.org/a", 2}}},
		{name: "another tool's key under another name is left alone",
			src:  "- question: Can I?\n  answer: Yes.\n  topic: {id: 3}\n  also: {x: y}\n",
			want: []entryView{{"c.yaml#can-i", "", "", "Can I?", nil, "Yes.", "https://kb.e.org/c.yaml", 1}}},
		{name: "no key read, one problem on the first entry",
			src:      "# tags\n- name: rules\n  content: Read the rules.\n- name: roles\n  content: Pick them in #roles.\n  tags: [x]\n",
			problems: []string{`c.yaml:2: no field read (found "name", "content", "tags"): name them question, answer, aliases, url, title, section or id`}},
		{name: "over several documents",
			src:      "name: rules\ncontent: Read the rules.\n---\nname: roles\n",
			problems: []string{`c.yaml:1: no field read (found "name", "content"): name them question, answer, aliases, url, title, section or id`}},
	})
}
