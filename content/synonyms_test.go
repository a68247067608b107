package content

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseSynonym(t *testing.T) {
	tests := []struct {
		line    string
		want    Synonym
		problem string
	}{
		{"reload, refresh, update", Synonym{Terms: []string{"reload", "refresh", "update"}}, ""},
		{" Raid ,  RAID night ,raid", Synonym{Terms: []string{"raid", "raid night"}}, ""},
		{"lol, lmao => laugh", Synonym{Input: []string{"lol", "lmao"}, Terms: []string{"laugh"}}, ""},
		{"afk => away from keyboard, away", Synonym{Input: []string{"afk"}, Terms: []string{"away from keyboard", "away"}}, ""},
		{"a,,b", Synonym{Terms: []string{"a", "b"}}, ""},
		{"alone", Synonym{}, "synonym group needs at least two terms separated by commas"},
		{"same, SAME", Synonym{}, "synonym group needs at least two terms separated by commas"},
		{"=> x", Synonym{}, `nothing before "=>"`},
		{"x =>", Synonym{}, `nothing after "=>"`},
		{" , => x", Synonym{}, `nothing before "=>"`},
		{"a => b => c", Synonym{}, `more than one "=>"`},
	}
	for _, tt := range tests {
		got, problem := parseSynonym(tt.line)
		if problem != tt.problem || (problem == "" && !reflect.DeepEqual(got, tt.want)) {
			t.Errorf("parseSynonym(%q) = %+v, %q; want %+v, %q", tt.line, got, problem, tt.want, tt.problem)
		}
	}
}

func TestReadSynonymsFile(t *testing.T) {
	c := loadOne(t, "Synonyms.txt", "# comment\r\n\r\nA, b\r\nsolo\r\nx => y\r\nafk => away from keyboard, away", Options{})
	want := []Synonym{
		{Terms: []string{"a", "b"}, File: "Synonyms.txt", Line: 3},
		{Input: []string{"x"}, Terms: []string{"y"}, File: "Synonyms.txt", Line: 5},
		{Input: []string{"afk"}, Terms: []string{"away from keyboard", "away"}, File: "Synonyms.txt", Line: 6},
	}
	if !reflect.DeepEqual(c.Synonyms, want) {
		t.Errorf("synonyms %+v, want %+v", c.Synonyms, want)
	}
	if got := problemStrings(c.Problems); len(got) != 1 || got[0] != "Synonyms.txt:4: synonym group needs at least two terms separated by commas" {
		t.Errorf("problems %q", got)
	}
	if got := problemStrings(c.Warnings); len(got) != 1 || got[0] != `Synonyms.txt:6: "away from keyboard" is several words and is left out: a synonym is one word` {
		t.Errorf("warnings %q", got)
	}
	if len(c.Passages) != 0 || c.Files != 1 {
		t.Errorf("passages %d files %d, want 0 and 1", len(c.Passages), c.Files)
	}
}

// words makes n distinct words, prefix0 to prefix(n-1).
func words(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

// TestReadSynonymsLimits: the index makes every term of a group
// equivalent to every other, in time that grows with the cube of a
// group's size; a line of thousands of terms, or a file of many thousands
// of lines, is left out with a problem instead of holding the index build
// for minutes.
func TestReadSynonymsLimits(t *testing.T) {
	var many strings.Builder
	for _, w := range words("w", maxSynonymTerms) {
		fmt.Fprintf(&many, "reload, %s\n", w) // 2 terms a line
	}
	tests := []struct {
		name     string
		files    map[string]string
		groups   int
		problems []string
	}{
		{
			name:   "a group at the limit",
			files:  map[string]string{"synonyms.txt": strings.Join(words("w", maxGroupTerms), ", ")},
			groups: 1,
		},
		{
			name:     "a group past the limit",
			files:    map[string]string{"synonyms.txt": "a, b\n" + strings.Join(words("w", 3000), ", ") + "\nc => " + strings.Join(words("w", maxGroupTerms), ", ")},
			groups:   1,
			problems: []string{"synonyms.txt:2: synonym line of 3000 terms (limit 100) left out: split it into groups of words that mean the same", "synonyms.txt:3: synonym line of 101 terms (limit 100) left out: split it into groups of words that mean the same"},
		},
		{
			name:     "all files past the limit",
			files:    map[string]string{"a/synonyms.txt": many.String(), "b/synonyms.txt": "x, y\n"},
			groups:   maxSynonymTerms / 2,
			problems: []string{fmt.Sprintf("a/synonyms.txt:%d: the synonyms have more than %d terms in total: this line and the rest of the synonyms are left out", maxSynonymTerms/2+1, maxSynonymTerms)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"faq.md": {Data: []byte("## How do I reload?\n\nRun /faq reload.\n")}}
			for name, text := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(text)}
			}
			c, err := Load(context.Background(), fsys, "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Synonyms) != tt.groups || !reflect.DeepEqual(problemStrings(c.Problems), tt.problems) {
				t.Errorf("%d synonym groups, problems %q; want %d, %q", len(c.Synonyms), problemStrings(c.Problems), tt.groups, tt.problems)
			}
			if len(c.Passages) != 1 {
				t.Errorf("passages %v", ids(c.Passages))
			}
		})
	}
}
