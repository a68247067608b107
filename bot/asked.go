package bot

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"
)

// askedWindow is how long the bot remembers the question behind its
// buttons: a choice made later (a click on an old message) teaches nothing,
// which is safer than keeping members' questions for long. Interaction
// tokens last as long.
const askedWindow = 15 * time.Minute

// maxAsked bounds the questions remembered at once; the oldest go first.
const maxAsked = 20_000

// askedKeeper remembers the question behind a reply's buttons until a
// time, so that a click on one says which passage a member chose for which
// question: in this process's memory (askedQuestions), or in the database
// that replicas share, since a click may reach another replica than the
// question did. member is the asker's voter key, never their user id.
type askedKeeper interface {
	RememberAsked(ctx context.Context, key, question, member string, until time.Time) error
	RecallAsked(ctx context.Context, key string) (question, member string, ok bool, err error)
}

// asked is a question the bot answered with buttons, remembered under the
// key its buttons carry, so that a click on one says which passage the
// member chose for which question.
type asked struct {
	question string // as cleaned for the search
	member   string // who asked: only their own choice counts
	at       time.Time
}

// askedQuestions remembers asked questions for askedWindow. It is safe for
// concurrent use.
type askedQuestions struct {
	mu    sync.Mutex
	now   func() time.Time
	asked latest[asked] // by key; the latest maxAsked
}

func newAskedQuestions(now func() time.Time) *askedQuestions {
	return &askedQuestions{now: now, asked: newLatest[asked](maxAsked)}
}

// newAskedKey is a random key for a question's buttons: 8 characters of
// URL-safe base64, which fits beside a passage ref in a custom id.
func newAskedKey() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b) // never fails (crypto/rand panics rather)
	return base64.RawURLEncoding.EncodeToString(b)
}

// remember keeps the question asked under key.
func (a *askedQuestions) remember(key, question, member string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	a.asked.dropOldestWhile(func(q asked) bool { return now.Sub(q.at) >= askedWindow })
	a.asked.put(key, asked{question: question, member: member, at: now})
}

// RememberAsked is remember, for askedKeeper: until is always askedWindow
// away.
func (a *askedQuestions) RememberAsked(_ context.Context, key, question, member string, _ time.Time) error {
	a.remember(key, question, member)
	return nil
}

// RecallAsked is get, for askedKeeper.
func (a *askedQuestions) RecallAsked(_ context.Context, key string) (question, member string, ok bool, err error) {
	q, ok := a.get(key)
	return q.question, q.member, ok, nil
}

// get is the question remembered under key, if it is still remembered.
func (a *askedQuestions) get(key string) (asked, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	q, ok := a.asked.get(key)
	if !ok || a.now().Sub(q.at) >= askedWindow {
		return asked{}, false
	}
	return q, true
}
