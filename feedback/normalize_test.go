package feedback

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormaliseQuestion(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"unchanged", "How do I join?", "How do I join?"},
		{"trimmed", "  \t How do I join? \n", "How do I join?"},
		{"collapsed", "How  do\n\nI\tjoin?", "How do I join?"},
		{"control characters are gaps", "How\x00do\x1bI join", "How do I join"},
		{"invalid utf-8 dropped", "How do\xff I join", "How do I join"},
		{"empty", "", ""},
		{"only space", " \n\t ", ""},
		{"case and punctuation kept", "WHAT's up?!", "WHAT's up?!"},
		{"capped", strings.Repeat("é", 400), strings.Repeat("é", MaxQuestionRunes)},
		{"no trailing space at the cap", strings.Repeat("a", MaxQuestionRunes-1) + " b", strings.Repeat("a", MaxQuestionRunes-1)},
		{"cap counts spaces", strings.Repeat("a ", 200), strings.TrimSpace(strings.Repeat("a ", MaxQuestionRunes/2))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := normaliseQuestion(tc.in)
			if got != tc.want {
				t.Errorf("normaliseQuestion(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if n := utf8.RuneCountInString(got); n > MaxQuestionRunes {
				t.Errorf("%d runes, cap is %d", n, MaxQuestionRunes)
			}
		})
	}
}

func TestGroupKey(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []string // all must share want
		want string
	}{
		{"case punctuation and spacing", []string{"How do I X?", "how do i x", "HOW DO I X!!!", " how  do i x ."}, "how do i x"},
		{"apostrophes", []string{"What's a raid?", "whats a raid"}, "whats a raid"},
		{"lone punctuation between words", []string{"join - now", "join now"}, "join now"},
		{"symbols and digits kept", []string{"C++ 2 + 2 = 4?"}, "c++ 2 + 2 = 4"},
		{"non-latin", []string{"Ça VA?", "ça va"}, "ça va"},
		{"only punctuation", []string{"???", "!"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, in := range tc.in {
				if got := groupKey(in); got != tc.want {
					t.Errorf("groupKey(%q) = %q, want %q", in, got, tc.want)
				}
			}
		})
	}
}
