package bot

import (
	"fmt"
	"testing"
)

func TestSeenEvents(t *testing.T) {
	s := newSeenEvents()
	for _, tc := range []struct {
		kind, id string
		want     bool
	}{
		{"message", "1", true},
		{"message", "1", false},
		{"interaction", "1", true}, // another kind of event with the same id
		{"message", "2", true},
		{"message", "", true},
		{"message", "", true}, // no id: never taken for a repeat
	} {
		if got := s.first(tc.kind, tc.id); got != tc.want {
			t.Errorf("first(%q, %q) = %v, want %v", tc.kind, tc.id, got, tc.want)
		}
	}
	for n := range maxSeen {
		s.first("flood", fmt.Sprint(n))
	}
	if len(s.ids.byKey) != maxSeen || len(s.ids.order) != maxSeen {
		t.Errorf("remembers %d ids (%d in order), want at most %d", len(s.ids.byKey), len(s.ids.order), maxSeen)
	}
	if !s.first("message", "1") {
		t.Error("the oldest id is still remembered after maxSeen newer ones")
	}
}
