package bot

import "sync"

// maxSeen bounds the event ids remembered at once; the oldest go first.
// Discord delivers an event twice only moments apart (a gateway session
// resumed, a shard moved), so a few thousand recent ids are plenty.
const maxSeen = 10_000

// seenEvents remembers the ids of the latest events (interactions and
// messages) so that one Discord delivers twice is handled once: handled
// twice, a question would be searched twice, and the copies would race to
// reply (a second reply in the channel, or a cooldown notice that beats the
// answer). It is safe for concurrent use.
type seenEvents struct {
	mu  sync.Mutex
	ids latest[struct{}] // kind:id, the latest maxSeen
}

func newSeenEvents() *seenEvents { return &seenEvents{ids: newLatest[struct{}](maxSeen)} }

// first reports whether the event of this kind and id is seen for the
// first time, and remembers it. An event without an id is always new.
func (s *seenEvents) first(kind, id string) bool {
	if id == "" {
		return true
	}
	id = kind + ":" + id
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, seen := s.ids.get(id); seen {
		return false
	}
	s.ids.put(id, struct{}{})
	return true
}
