package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"faqbot/content"
	"faqbot/feedback"
	"faqbot/index"
)

// fakeLimits is a limits state set up by a test, which records what decide
// asked of it.
type fakeLimits struct {
	memberWait  time.Duration // > 0: the member is over their limit
	told        bool          // ... and was told so before
	channelWait time.Duration // > 0: the help channel had an unasked answer moments ago
	earlier     *post         // an answer just posted in the channel

	memberCalls  int
	started      []string // members whose limit started
	channelCalls int
	claimed      []string // channel/item pairs claimed
}

func (f *fakeLimits) member(id string, answered bool) (time.Duration, bool) {
	f.memberCalls++
	if f.memberWait > 0 {
		return f.memberWait, f.told
	}
	if answered {
		f.started = append(f.started, id)
	}
	return 0, false
}

func (f *fakeLimits) channel(string) time.Duration {
	f.channelCalls++
	return f.channelWait
}

func (f *fakeLimits) release(string) {}

func (f *fakeLimits) claim(channel, item string) (*post, *post) {
	f.claimed = append(f.claimed, channel+"/"+item)
	if f.earlier != nil {
		return f.earlier, nil
	}
	return nil, newPost(time.Time{})
}

// fakeAnswers answers from a fixed table of results, by question; a
// question it does not know finds nothing. While hold is set, searches
// wait for it to close.
type fakeAnswers struct {
	mu       sync.Mutex
	results  map[string]index.Result
	passages []content.Passage
	hold     chan struct{}
	searches int
}

func (f *fakeAnswers) Search(ctx context.Context, q string) (index.Result, error) {
	f.mu.Lock()
	f.searches++
	hold := f.hold
	res, ok := f.results[q]
	f.mu.Unlock()
	if hold != nil {
		select {
		case <-hold:
		case <-ctx.Done():
			return index.Result{}, ctx.Err()
		}
	}
	if !ok {
		return index.Result{Question: q, Reason: index.ReasonNoMatch}, nil
	}
	return res, nil
}

func (f *fakeAnswers) Suggest(typed string, limit int) []string {
	var out []string
	for _, p := range f.passages {
		if p.Question != "" && strings.HasPrefix(strings.ToLower(p.Question), strings.ToLower(typed)) && len(out) < limit {
			out = append(out, p.Question)
		}
	}
	return out
}

func (f *fakeAnswers) ByRef(ref string) (content.Passage, bool) {
	for _, p := range f.passages {
		if p.ID == ref || index.Ref(p.ID) == ref {
			return p, true
		}
	}
	return content.Passage{}, false
}

// Passages for the tests: two FAQ pairs and an article paragraph.
var (
	raidFAQ = content.Passage{ID: "faq.md#raid", Kind: content.KindFAQ, Title: "Guild FAQ", Section: "Events",
		Question: "When is raid night?", Text: "Every Thursday at 20:00.", URL: "https://guild.example/faq#raid"}
	clubFAQ = content.Passage{ID: "faq.md#club", Kind: content.KindFAQ, Title: "Guild FAQ", Section: "Events",
		Question: "How do I join the book club?", Text: "Ask in #book-club."}
	rulesParagraph = content.Passage{ID: "rules.md#p-1", Kind: content.KindPassage, Title: "Rules", Section: "Warnings",
		Text: "A moderator warns you first; the third warning means a one-week mute."}
)

// answered is a result the policy judged confident: p, then alternatives.
func answered(q string, p content.Passage, alts ...content.Passage) index.Result {
	res := index.Result{Question: q, Answered: true, Confidence: 0.9, Hits: []index.Hit{{Passage: p, Excerpt: p.Text}}}
	for _, a := range alts {
		res.Hits = append(res.Hits, index.Hit{Passage: a, Excerpt: a.Text})
	}
	return res
}

// unsure is a result without a confident answer, offering alts.
func unsure(q string, alts ...content.Passage) index.Result {
	res := index.Result{Question: q, Confidence: 0.1, Reason: index.ReasonLowConfidence}
	for _, a := range alts {
		res.Hits = append(res.Hits, index.Hit{Passage: a, Excerpt: a.Text})
	}
	if len(alts) == 0 {
		res.Reason = index.ReasonNoMatch
	}
	return res
}

// fakeRecorder keeps what the bot records.
type fakeRecorder struct {
	mu         sync.Mutex
	unanswered []string // question and best passage
	votes      []string
	choices    map[string][]string // "question → passage" → voters
	decided    []string            // "id accept by"
}

func (f *fakeRecorder) RecordUnanswered(_ context.Context, question, bestID string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.unanswered = append(f.unanswered, question+" → "+bestID)
	return nil
}

func (f *fakeRecorder) RecordVote(_ context.Context, passageID, voter string, up bool) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.votes = append(f.votes, passageID)
	return nil
}

func (f *fakeRecorder) Unanswered(context.Context, time.Time, int) ([]feedback.Question, error) {
	return nil, nil
}

func (f *fakeRecorder) Disliked(context.Context, int) ([]feedback.PassageVotes, error) {
	return nil, nil
}

func (f *fakeRecorder) Salt() string { return "salt" }

func (f *fakeRecorder) RecordChoice(_ context.Context, question, passageID, voter string) (feedback.Phrasing, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.choices == nil {
		f.choices = map[string][]string{}
	}
	k := question + " → " + passageID
	if !slices.Contains(f.choices[k], voter) {
		f.choices[k] = append(f.choices[k], voter)
	}
	return feedback.Phrasing{ID: feedback.PhrasingID(passageID, question), PassageID: passageID, Text: question,
		Members: len(f.choices[k]), State: feedback.Pending}, nil
}

func (f *fakeRecorder) WithdrawChoice(_ context.Context, question, passageID, voter string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for k, vs := range f.choices {
		if strings.HasSuffix(k, " → "+passageID) && (question == "" || strings.HasPrefix(k, question+" → ")) {
			f.choices[k] = slices.DeleteFunc(vs, func(v string) bool { return v == voter })
		}
	}
	return nil
}

func (f *fakeRecorder) Pending(context.Context, int) ([]feedback.Phrasing, error) { return nil, nil }

func (f *fakeRecorder) Decided(context.Context, feedback.State) ([]feedback.Phrasing, error) {
	return nil, nil
}

func (f *fakeRecorder) Decide(_ context.Context, id string, accept bool, by string) (feedback.Phrasing, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.decided = append(f.decided, fmt.Sprint(id, " ", accept, " ", by))
	return feedback.Phrasing{ID: id, State: feedback.Accepted, By: by}, nil
}

// chosen lists the recorded choices as "question → passage ×members".
func (f *fakeRecorder) chosen() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for k, vs := range f.choices {
		if len(vs) > 0 {
			out = append(out, fmt.Sprintf("%s ×%d", k, len(vs)))
		}
	}
	slices.Sort(out)
	return out
}
