package bot

import (
	"fmt"
	"testing"
	"time"
)

func TestRepliesAsksAnew(t *testing.T) {
	now := time.Unix(1_000_000, 0)
	rs := newReplies(func() time.Time { return now })
	rs.remember("m1", reply{channel: "c", id: "r1", question: "whn is raid"})
	steps := []struct {
		name     string
		advance  time.Duration
		msg, q   string
		want     bool
		wantPrev string
	}{
		{"a new question", 0, "m1", "when is raid night", true, "whn is raid"},
		{"the same again", 0, "m1", "when is raid night", false, ""},
		{"another change", time.Minute, "m1", "where is the map", true, "when is raid night"},
		{"no reply to it", 0, "m2", "where is the map", false, ""},
		{"past the window", editWindow, "m1", "who hosts raids", false, ""},
	}
	for _, st := range steps {
		now = now.Add(st.advance)
		prev, ok := rs.asksAnew(st.msg, st.q)
		if ok != st.want || ok && (prev.question != st.wantPrev || prev.id != "r1") {
			t.Errorf("%s: asksAnew = %+v, %v; want %v (previous %q)", st.name, prev, ok, st.want, st.wantPrev)
		}
	}
	// The oldest replies are forgotten first.
	for i := range maxReplies {
		rs.remember(fmt.Sprint("x", i), reply{id: "r"})
	}
	if _, ok := rs.byMsg.byKey["m1"]; ok || len(rs.byMsg.byKey) != maxReplies {
		t.Errorf("after %d more replies: %d remembered, m1 kept %v", maxReplies, len(rs.byMsg.byKey), ok)
	}
}
