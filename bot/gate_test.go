package bot

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestGateBoundsConcurrency(t *testing.T) {
	g := newGate(2)
	var running, most atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			leave, err := g.enter(context.Background())
			if err != nil {
				t.Error(err)
				return
			}
			n := running.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			running.Add(-1)
			leave()
		}()
	}
	wg.Wait()
	if m := most.Load(); m < 1 || m > 2 {
		t.Errorf("%d searches ran at once, want at most 2", m)
	}
}

func TestGateDeadline(t *testing.T) {
	g := newGate(1)
	leave, err := g.enter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := g.enter(ctx); !errors.Is(err, errBusy) {
		t.Errorf("enter with every slot taken until the deadline: %v, want errBusy", err)
	}
	leave()
	if leave, err := g.enter(context.Background()); err != nil {
		t.Errorf("enter after leave: %v", err)
	} else {
		leave()
	}
	if n := cap(newGate(0).slots); n != runtime.GOMAXPROCS(0) {
		t.Errorf("default slots %d, want GOMAXPROCS %d", n, runtime.GOMAXPROCS(0))
	}
}
