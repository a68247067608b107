package bot

import (
	"testing"
	"time"
)

func TestCooldownAdmit(t *testing.T) {
	now := time.Unix(1000, 0)
	c := newCooldown(5 * time.Second)
	c.now = func() time.Time { return now }
	type step struct {
		advance  time.Duration
		key      string
		start    bool
		wait     time.Duration
		toldOnce bool
	}
	steps := []step{
		{0, "u1", false, 0, false},                            // a question without an answer starts nothing
		{0, "u1", false, 0, false},                            // ... so the member may ask again at once
		{0, "u1", true, 0, false},                             // answered: the limit starts
		{2 * time.Second, "u1", true, 3 * time.Second, false}, // the true wait, and the first notice
		{0, "u1", false, 3 * time.Second, true},               // waits whether answered or not; told before
		{0, "u2", true, 0, false},                             // another member is free
		{3 * time.Second, "u1", true, 0, false},               // over: free again, and the limit restarts
		{time.Second, "u1", false, 4 * time.Second, false},    // a new wait: not told yet
		{0, "", true, 0, false},                               // no key: never limited
	}
	for n, s := range steps {
		now = now.Add(s.advance)
		wait, told := c.admit(s.key, s.start)
		if wait != s.wait || told != s.toldOnce {
			t.Errorf("step %d (%s, start %v): wait %v told %v, want %v %v", n, s.key, s.start, wait, told, s.wait, s.toldOnce)
		}
	}
	off := newCooldown(0)
	for range 3 {
		if wait, _ := off.admit("u", true); wait != 0 {
			t.Error("zero cooldown held a member back")
		}
	}
}

func TestCooldownSweepsExpiredKeys(t *testing.T) {
	now := time.Unix(1000, 0)
	c := newCooldown(time.Second)
	c.now = func() time.Time { return now }
	for i := range sweepAt {
		c.admit(string(rune('a'+i%26))+time.Duration(i).String(), true)
	}
	now = now.Add(2 * time.Second)
	c.admit("late", true)
	if len(c.last) != 1 {
		t.Errorf("%d keys remembered after the sweep, want 1", len(c.last))
	}
}

func TestCooldownOneOfTwoAtOnce(t *testing.T) {
	c := newCooldown(time.Minute)
	results := make(chan time.Duration, 2)
	for range 2 {
		go func() { w, _ := c.admit("u", true); results <- w }()
	}
	a, b := <-results, <-results
	if (a == 0) == (b == 0) {
		t.Errorf("two answers at once: waits %v and %v, want exactly one admitted", a, b)
	}
}

func TestCooldownRelease(t *testing.T) {
	c := newCooldown(time.Hour)
	c.admit("u1", true)
	c.admit("u2", true)
	c.release("u1")
	if wait, _ := c.admit("u1", false); wait != 0 {
		t.Errorf("released member still waits %v", wait)
	}
	if wait, _ := c.admit("u2", false); wait == 0 {
		t.Error("another member's limit was released too")
	}
	c.release("nobody") // nothing to give back: no harm
}
