package bot

// latest keeps the latest entries of a map: at most max, the oldest
// dropped first to make room for a new key. The bot remembers several
// things this way for a while (the questions behind buttons, the events
// seen, the replies to members' messages). It is not safe for concurrent
// use: its owner locks around it.
type latest[V any] struct {
	max   int
	byKey map[string]V
	order []string // keys, oldest first
}

func newLatest[V any](max int) latest[V] {
	return latest[V]{max: max, byKey: map[string]V{}}
}

// get is the value under key, if it is kept.
func (r *latest[V]) get(key string) (V, bool) {
	v, ok := r.byKey[key]
	return v, ok
}

// put sets the value under key. A new key comes last, after the oldest
// keys are dropped to keep at most max; a key already kept keeps its place.
func (r *latest[V]) put(key string, v V) {
	if _, ok := r.byKey[key]; !ok {
		for len(r.order) >= r.max {
			delete(r.byKey, r.order[0])
			r.order = r.order[1:]
		}
		r.order = append(r.order, key)
	}
	r.byKey[key] = v
}

// dropOldestWhile drops the oldest entries as long as stale says so of
// them (or they are gone).
func (r *latest[V]) dropOldestWhile(stale func(V) bool) {
	n := 0
	for n < len(r.order) {
		v, ok := r.byKey[r.order[n]]
		if ok && !stale(v) {
			break
		}
		delete(r.byKey, r.order[n])
		n++
	}
	if n > 0 {
		r.order = append(r.order[:0:0], r.order[n:]...)
	}
}
