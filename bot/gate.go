package bot

import (
	"context"
	"errors"
	"fmt"
	"runtime"
)

// errBusy means no search slot came free before the question's deadline.
var errBusy = errors.New("too many questions at once")

// gate bounds how many searches run at once. Searching is CPU work: more of
// them at once than there are cores only makes each one slower (and the
// garbage collector busier), so the rest wait their turn, first come first
// served, until their deadline.
type gate struct {
	slots chan struct{}
}

// newGate lets n searches run at once; n <= 0 means one per core
// (GOMAXPROCS, which follows the container's CPU limit).
func newGate(n int) *gate {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	return &gate{slots: make(chan struct{}, n)}
}

// enter waits for a slot until ctx ends; leave must follow a successful
// enter. A goroutine blocked on a full channel is queued in order, so
// waiting is first come, first served.
func (g *gate) enter(ctx context.Context) (leave func(), err error) {
	select {
	case g.slots <- struct{}{}:
		return g.leave, nil
	default:
	}
	select {
	case g.slots <- struct{}{}:
		return g.leave, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for a search slot (%d busy): %w", cap(g.slots), errBusy)
	}
}

func (g *gate) leave() { <-g.slots }
