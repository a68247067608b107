package content

import (
	"reflect"
	"testing"
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
