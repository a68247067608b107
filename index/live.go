package index

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"faqbot/content"
)

// ErrClosed is returned by a Live that has been closed.
var ErrClosed = errors.New("index closed")

// Live is the index currently serving, replaceable while searches run:
// Swap puts a new index in place atomically, and the old one is handed back
// only once every search that started on it has finished. It is safe for
// concurrent use.
type Live struct {
	cur atomic.Pointer[generation]
}

// generation is one index while it is live. Searches hold its read lock;
// retiring it takes the write lock, which waits for them.
type generation struct {
	mu      sync.RWMutex
	ix      *Index
	retired bool
}

// NewLive serves ix.
func NewLive(ix *Index) *Live {
	l := &Live{}
	l.cur.Store(&generation{ix: ix})
	return l
}

// acquire pins the current index for one use; release must follow.
func (l *Live) acquire() (*generation, error) {
	for {
		g := l.cur.Load()
		if g == nil {
			return nil, ErrClosed
		}
		g.mu.RLock()
		if !g.retired {
			return g, nil
		}
		// Swapped out between Load and RLock: take the new one.
		g.mu.RUnlock()
	}
}

// Search searches the current index.
func (l *Live) Search(ctx context.Context, question string) (Result, error) {
	return l.SearchTop(ctx, question, maxHits)
}

// SearchTop searches the current index for up to n distinct hits.
func (l *Live) SearchTop(ctx context.Context, question string, n int) (Result, error) {
	g, err := l.acquire()
	if err != nil {
		return Result{}, err
	}
	defer g.mu.RUnlock()
	return g.ix.SearchTop(ctx, question, n)
}

// Suggest completes a partly typed question from the current index.
func (l *Live) Suggest(typed string, limit int) []string {
	g, err := l.acquire()
	if err != nil {
		return nil
	}
	defer g.mu.RUnlock()
	return g.ix.Suggest(typed, limit)
}

// ByRef finds a passage of the current index by its ID or Ref.
func (l *Live) ByRef(ref string) (content.Passage, bool) {
	g, err := l.acquire()
	if err != nil {
		return content.Passage{}, false
	}
	defer g.mu.RUnlock()
	return g.ix.ByRef(ref)
}

// With runs fn with the current index pinned (it stays open until fn
// returns).
func (l *Live) With(fn func(*Index) error) error {
	g, err := l.acquire()
	if err != nil {
		return err
	}
	defer g.mu.RUnlock()
	return fn(g.ix)
}

// Swap makes ix the live index and returns the previous one once no search
// uses it any more; the caller closes it (and removes its directory).
func (l *Live) Swap(ix *Index) (*Index, error) {
	old := l.cur.Load()
	if old == nil {
		return nil, ErrClosed
	}
	if !l.cur.CompareAndSwap(old, &generation{ix: ix}) {
		return nil, errors.New("swap index: concurrent swap")
	}
	return retire(old), nil
}

// Close stops serving and closes the live index after searches in flight.
func (l *Live) Close() error {
	g := l.cur.Swap(nil)
	if g == nil {
		return nil
	}
	return retire(g).Close()
}

func retire(g *generation) *Index {
	g.mu.Lock()
	g.retired = true
	g.mu.Unlock()
	return g.ix
}
