package bot

import (
	"sync"
	"time"
)

// sweepAt is the number of remembered keys above which expired ones are
// forgotten, so a flood of distinct users cannot grow memory for long.
const sweepAt = 10000

// cooldown lets a key (a member, a channel) act once per interval.
type cooldown struct {
	mu    sync.Mutex
	every time.Duration
	last  map[string]time.Time
	now   func() time.Time
}

func newCooldown(every time.Duration) *cooldown {
	return &cooldown{every: every, last: map[string]time.Time{}, now: time.Now}
}

// allow reports whether key may act now and, if so, starts its cooldown;
// otherwise it says how long to wait.
func (c *cooldown) allow(key string) (bool, time.Duration) {
	if c.every <= 0 || key == "" {
		return true, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if t, ok := c.last[key]; ok && now.Sub(t) < c.every {
		return false, c.every - now.Sub(t)
	}
	if len(c.last) >= sweepAt {
		for k, t := range c.last {
			if now.Sub(t) >= c.every {
				delete(c.last, k)
			}
		}
	}
	c.last[key] = now
	return true, 0
}
