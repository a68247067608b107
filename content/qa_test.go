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
