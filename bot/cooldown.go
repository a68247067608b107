package bot

import (
	"sync"
	"time"
)

// sweepAt is the number of remembered keys above which expired ones are
// forgotten, so a flood of distinct users cannot grow memory for long.
const sweepAt = 10000

// cooldown lets a key (a member, a channel) have one thing per interval,
// and remembers whether the key was told so while it waits.
type cooldown struct {
	mu    sync.Mutex
	every time.Duration
	last  map[string]*mark
	now   func() time.Time
}

// mark is when a key's interval started and whether it was told to wait.
type mark struct {
	at   time.Time
	told bool
}

func newCooldown(every time.Duration) *cooldown {
	return &cooldown{every: every, last: map[string]*mark{}, now: time.Now}
}

// admit reports how long key must still wait (0 when it need not) and
// whether it was told so before during this wait; a key that waits is
// marked as told. A key that need not wait starts its interval when start
// is set, and stays free otherwise: the check and the start are one step,
// so two questions at once cannot both pass.
func (c *cooldown) admit(key string, start bool) (wait time.Duration, toldBefore bool) {
	if c.every <= 0 || key == "" {
		return 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if m, ok := c.last[key]; ok && now.Sub(m.at) < c.every {
		told := m.told
		m.told = true
		return c.every - now.Sub(m.at), told
	}
	if !start {
		return 0, false
	}
	if len(c.last) >= sweepAt {
		for k, m := range c.last {
			if now.Sub(m.at) >= c.every {
				delete(c.last, k)
			}
		}
	}
	c.last[key] = &mark{at: now}
	return 0, false
}

// release forgets key's interval, so that it is free at once: the thing it
// had did not happen after all.
func (c *cooldown) release(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.last, key)
}
