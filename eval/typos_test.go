package eval

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTypo(t *testing.T) {
	tests := []struct {
		question string
		n        int
		slips    int // words changed
	}{
		{"how do i reset my password", 2, 2},
		{"how do i reset my password please", 1, 1},
		{"is it up", 2, 0},           // no word of four letters
		{"is it 1234 or 5678", 2, 0}, // numbers are not words
		{"password", 2, 1},           // at least one word, whatever a third says
		{"where can I find the rules", 0, 0},
	}
	for _, tt := range tests {
		got := Typo(tt.question, tt.n)
		if again := Typo(tt.question, tt.n); again != got {
			t.Errorf("Typo(%q) = %q, then %q: not the same slips", tt.question, got, again)
		}
		a, b := strings.Fields(tt.question), strings.Fields(got)
		if len(a) != len(b) {
			t.Fatalf("Typo(%q) = %q: words added or lost", tt.question, got)
		}
		changed := 0
		for i := range a {
			if a[i] == b[i] {
				continue
			}
			changed++
			if d := utf8.RuneCountInString(a[i]) - utf8.RuneCountInString(b[i]); d < -1 || d > 1 {
				t.Errorf("Typo(%q): %q became %q, more than one slip", tt.question, a[i], b[i])
			}
		}
		if changed != tt.slips {
			t.Errorf("Typo(%q, %d) = %q: %d words changed, want %d", tt.question, tt.n, got, changed, tt.slips)
		}
	}
}
