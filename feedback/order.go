package feedback

import (
	"cmp"
	"slices"
	"time"
)

// The policies every store of feedback applies when it lists what it
// keeps (this package's bbolt store, and the PostgreSQL one that replicas
// share), so that the lists read the same whichever keeps them.

// Asked is one unanswered question as a store keeps it.
type Asked struct {
	Text   string // normalised (see Normalise)
	BestID string
	At     time.Time
}

// GroupUnanswered groups unanswered questions, given oldest first, that
// read the same once case, punctuation and spacing are ignored (see Fold):
// a group shows its latest wording and time, and the best candidate of the
// latest question that had one. Most frequent first, then most recently
// asked, then by text; limit <= 0 means no limit.
func GroupUnanswered(asked []Asked, limit int) []Question {
	groups := make(map[string]*Question)
	for _, a := range asked {
		key := groupKey(a.Text)
		g := groups[key]
		if g == nil {
			g = &Question{}
			groups[key] = g
		}
		g.Text, g.Last = a.Text, a.At
		g.Count++
		if a.BestID != "" {
			g.BestID = a.BestID
		}
	}
	list := make([]Question, 0, len(groups))
	for _, g := range groups {
		list = append(list, *g)
	}
	slices.SortFunc(list, func(a, b Question) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), b.Last.Compare(a.Last), cmp.Compare(a.Text, b.Text))
	})
	return cut(list, limit)
}

// SortDisliked orders passages by votes: most 👎 first, then fewest 👍,
// then by id; limit <= 0 means no limit.
func SortDisliked(list []PassageVotes, limit int) []PassageVotes {
	slices.SortFunc(list, func(a, b PassageVotes) int {
		return cmp.Or(cmp.Compare(b.Down, a.Down), cmp.Compare(a.Up, b.Up), cmp.Compare(a.PassageID, b.PassageID))
	})
	return cut(list, limit)
}

// SortPending orders pending phrasings by passage, the passages with the
// most members behind one phrasing first, and within a passage the most
// chosen phrasing first (then the latest); limit <= 0 means no limit.
func SortPending(list []Phrasing, limit int) []Phrasing {
	best := map[string]int{}
	for _, p := range list {
		best[p.PassageID] = max(best[p.PassageID], p.Members)
	}
	slices.SortFunc(list, func(a, b Phrasing) int {
		return cmp.Or(cmp.Compare(best[b.PassageID], best[a.PassageID]), cmp.Compare(a.PassageID, b.PassageID),
			cmp.Compare(b.Members, a.Members), b.Last.Compare(a.Last), cmp.Compare(a.Text, b.Text))
	})
	return cut(list, limit)
}

// SortDecided orders decided phrasings by passage id, then text.
func SortDecided(list []Phrasing) {
	slices.SortFunc(list, func(a, b Phrasing) int {
		return cmp.Or(cmp.Compare(a.PassageID, b.PassageID), cmp.Compare(a.Text, b.Text))
	})
}

func cut[T any](list []T, limit int) []T {
	if limit > 0 && len(list) > limit {
		return list[:limit]
	}
	return list
}

// Normalise is the form a question is stored in: trimmed, white space
// collapsed, invalid UTF-8 dropped, and cut at MaxQuestionRunes.
func Normalise(q string) string { return normaliseQuestion(q) }

// CheckPassageID accepts the passage ids a store keeps: non-empty, at most
// MaxPassageIDBytes, without a NUL byte (ErrInvalidPassageID otherwise).
func CheckPassageID(id string) error { return checkPassageID(id) }

// CheckVoter accepts only what VoterKey makes (ErrInvalidVoter otherwise),
// so that a raw user id cannot be stored by mistake.
func CheckVoter(voter string) error { return checkVoter(voter) }
