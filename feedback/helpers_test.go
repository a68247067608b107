package feedback

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// start is the fake clock's first reading.
var start = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// fakeClock is a settable clock, safe for concurrent use.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: start} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func (c *fakeClock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// forEachMode runs test against a store on disk and a memory-only store: the
// two must behave the same. dir is what to pass to Open.
func forEachMode(t *testing.T, test func(t *testing.T, dir string)) {
	t.Helper()
	for _, m := range []struct {
		name string
		dir  func(t *testing.T) string
	}{
		{"disk", func(t *testing.T) string { return t.TempDir() }},
		{"memory", func(*testing.T) string { return "" }},
	} {
		t.Run(m.name, func(t *testing.T) { test(t, m.dir(t)) })
	}
}

// openStore opens a store that is closed when the test ends.
func openStore(t testing.TB, dir string, retention time.Duration, clock *fakeClock, lim limits) *Store {
	t.Helper()
	s, err := open(dir, "test", retention, clock.Now, lim)
	if err != nil {
		t.Fatalf("open %q: %v", dir, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return s
}

// voter is the VoterKey of a named test member.
func voter(name string) string { return VoterKey("test-salt", name) }

// showQuestions renders questions for comparison, with times as offsets
// from start (the store returns local times; the offsets are what matter).
func showQuestions(qs []Question) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = fmt.Sprintf("%q count=%d last=%v best=%q", q.Text, q.Count, q.Last.Sub(start), q.BestID)
	}
	return out
}
