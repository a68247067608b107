package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

func TestCleanText(t *testing.T) {
	tests := []struct {
		in, want string
		controls bool
	}{
		{"plain text\n\twith tab", "plain text\n\twith tab", false},
		{"nul\x00 bell\a esc\x1b[31m del\x7f c1\u0085", "nul bell esc[31m del c1", true},
		{"re\u200bload re\u200cload re\u2060load \ufeffre\u00adload", "reload reload reload reload", false},
		{"word\u200djoiner", "wordjoiner", false},
		{"👩\u200d💻 and ❤\ufe0f\u200d🔥", "👩\u200d💻 and ❤\ufe0f\u200d🔥", false}, // emoji sequences keep their joiners
		{"\u200d", "", false},
	}
	for _, tt := range tests {
		got, controls := cleanText(tt.in)
		if got != tt.want || controls != tt.controls {
			t.Errorf("cleanText(%q) = %q, %v; want %q, %v", tt.in, got, controls, tt.want, tt.controls)
		}
	}
}

func TestLoadDropsControlCharacters(t *testing.T) {
	fsys := fstest.MapFS{
		"a.jsonl": {Data: []byte(`{"id":"x","question":"How do I re\u200bload?","aliases":["\u0000","ok\u0007"],"text":"Type \u0000/reload\u001b[2J now."}` + "\n" +
			`{"id":"y","question":"\u0001","text":"An answer to nothing."}` + "\n")},
		"b.md":      {Data: []byte("## Bell\a heading\n\nText with an escape \x1b[31m inside.\n")},
		"utf16.txt": {Data: []byte("h\x00i\x00\n\x00")},
	}
	c, err := Load(context.Background(), fsys, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Passages {
		for _, s := range append([]string{p.Title, p.Section, p.Question, p.Text}, p.Aliases...) {
			if strings.ContainsFunc(s, func(r rune) bool { return isControl(r) || Invisible(r) }) {
				t.Errorf("%s: control or invisible character in %q", p.ID, s)
			}
		}
	}
	if len(c.Passages) != 2 || c.Passages[0].Question != "How do I reload?" || strings.Join(c.Passages[0].Aliases, "|") != "ok" ||
		c.Passages[0].Text != "Type /reload[2J now." || c.Passages[1].Section != "Bell heading" {
		t.Errorf("passages %+v", c.Passages)
	}
	for _, want := range []string{"a.jsonl:2: empty question", "utf16.txt:1: contains NUL bytes"} {
		if !hasProblem(c.Problems, want) {
			t.Errorf("no problem %q in %q", want, problemStrings(c.Problems))
		}
	}
	for _, want := range []string{"a.jsonl:1: control characters removed", "b.md:3: control characters removed"} {
		if !hasProblem(c.Warnings, want) {
			t.Errorf("no warning %q in %q", want, problemStrings(c.Warnings))
		}
	}
}
