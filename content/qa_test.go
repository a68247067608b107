package content

import "testing"

func TestMarker(t *testing.T) {
	tests := []struct {
		line, kind, rest string
	}{
		{"Q: How do I join?", markQ, "How do I join?"},
		{"**Q:** How do I join?", markQ, "How do I join?"},
		{"**Q: How do I join?**", markQ, "How do I join?"},
		{"a: You ask.", markA, "You ask."},
		{"Also: joining", markAlso, "joining"},
		{"Q. How do I join?", markQ, "How do I join?"},
		{"**Q.** How do I join?", markQ, "How do I join?"},
		{"A. You ask.", markA, "You ask."},
		{"A.I. helpers are not allowed.", "", "A.I. helpers are not allowed."},
		{"Q. Smith won the race.", "", "Q. Smith won the race."},
		{"Also. Something", "", "Also. Something"},
		{"Quite so: yes", "", "Quite so: yes"},
	}
	for _, tt := range tests {
		kind, rest, _ := marker(tt.line)
		if kind != tt.kind || kind != "" && rest != tt.rest {
			t.Errorf("marker(%q) = %q, %q; want %q, %q", tt.line, kind, rest, tt.kind, tt.rest)
		}
	}
}

// TestQuestionOfNothingReadable: a question that is nothing once it is
// made one line and cleaned ("Q:" over a lone "*") is a problem, not an FAQ
// pair without a question, whatever the reader.
func TestQuestionOfNothingReadable(t *testing.T) {
	for name, src := range map[string]string{
		"a.md":    "Q:\n*\nA: Yes.\n",
		"c.jsonl": `{"question":" \u200b\t","text":"Yes."}`,
	} {
		c := loadOne(t, name, src, Options{})
		if len(c.Passages) != 0 || !hasProblem(c.Problems, name+":1: empty question") {
			t.Errorf("%s: %d passages, problems %q", name, len(c.Passages), problemStrings(c.Problems))
		}
	}
}
