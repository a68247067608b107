package pgstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"faqbot/feedback"
	"faqbot/internal/pgtest"
)

// clock is a settable clock, safe for concurrent use.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newClock() *clock { return &clock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)} }

func openTest(t *testing.T, url string, c *clock) *Store {
	t.Helper()
	s, err := Open(context.Background(), url, 30*24*time.Hour, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// store is what both stores offer, as the bot and the report use them.
type store interface {
	RecordUnanswered(ctx context.Context, question, bestID string) error
	Unanswered(ctx context.Context, since time.Time, limit int) ([]feedback.Question, error)
	RecordVote(ctx context.Context, passageID, voter string, up bool) error
	Disliked(ctx context.Context, limit int) ([]feedback.PassageVotes, error)
	RecordChoice(ctx context.Context, question, passageID, voter string) (feedback.Phrasing, error)
	WithdrawChoice(ctx context.Context, question, passageID, voter string) error
	Pending(ctx context.Context, limit int) ([]feedback.Phrasing, error)
	Decided(ctx context.Context, state feedback.State) ([]feedback.Phrasing, error)
	Decide(ctx context.Context, id string, accept bool, by string) (feedback.Phrasing, error)
}

var (
	_ store = (*Store)(nil)
	_ store = (*feedback.Store)(nil)
)

// play runs the same members and moderators against a store, advancing
// the clock, and returns every list as text.
func play(t *testing.T, s store, c *clock) []string {
	t.Helper()
	ctx := context.Background()
	v := func(name string) string { return feedback.VoterKey("salt", name) }
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var out []string
	show := func(label string, x any) { out = append(out, fmt.Sprintf("%s: %+v", label, x)) }
	for _, q := range []string{"How do I join?", "how do i join", "  Where is   the map? ", "how do I JOIN!!", "what is raid night"} {
		must(s.RecordUnanswered(ctx, q, "faq.md#join"))
		c.Advance(time.Minute)
	}
	must(s.RecordUnanswered(ctx, "a question with no candidate", ""))
	c.Advance(time.Minute)
	for _, vote := range []struct {
		p, who string
		up     bool
	}{{"p1", "ann", false}, {"p1", "bob", false}, {"p1", "cy", true}, {"p2", "ann", false}, {"p2", "ann", true}, {"p3", "dee", false}} {
		must(s.RecordVote(ctx, vote.p, v(vote.who), vote.up))
		c.Advance(time.Second)
	}
	for _, ch := range []struct{ q, p, who string }{
		{"when is the weekly dungeon run", "faq.md#raid", "ann"},
		{"When is the weekly dungeon run?", "faq.md#raid", "bob"},
		{"lost my pin", "faq.md#pin", "ann"},
		{"forgot my pin", "faq.md#pin", "bob"},
		{"forgot my pin", "faq.md#pin", "cy"},
		{"is self promotion ok", "faq.md#ads", "dee"},
	} {
		ph, err := s.RecordChoice(ctx, ch.q, ch.p, v(ch.who))
		must(err)
		show("choice", fmt.Sprintf("%s %q ×%d %s", ph.ID, ph.Text, ph.Members, ph.State))
		c.Advance(time.Second)
	}
	must(s.WithdrawChoice(ctx, "", "faq.md#pin", v("cy")))
	pending, err := s.Pending(ctx, 0)
	must(err)
	ids := map[string]string{}
	for _, p := range pending {
		ids[p.Text] = p.ID
		show("pending", fmt.Sprintf("%s %s %q ×%d last=%d", p.ID, p.PassageID, p.Text, p.Members, p.Last.Unix()))
	}
	acc, err := s.Decide(ctx, ids["When is the weekly dungeon run?"], true, "moderator")
	must(err)
	show("accepted", fmt.Sprintf("%s %q %s %s", acc.ID, acc.Text, acc.State, acc.By))
	rej, err := s.Decide(ctx, ids["is self promotion ok"], false, "moderator")
	must(err)
	show("rejected", fmt.Sprintf("%s %q %s", rej.ID, rej.Text, rej.State))
	_, err = s.Decide(ctx, "0123456789abcdef", true, "moderator")
	show("unknown", errors.Is(err, feedback.ErrUnknownPhrasing))
	// A decided phrasing chosen again stores nothing new.
	again, err := s.RecordChoice(ctx, "when is the weekly dungeon run", "faq.md#raid", v("eve"))
	must(err)
	show("chosen again", fmt.Sprintf("%q ×%d %s", again.Text, again.Members, again.State))

	qs, err := s.Unanswered(ctx, time.Time{}, 0)
	must(err)
	for _, q := range qs {
		show("unanswered", fmt.Sprintf("%q ×%d last=%d best=%q", q.Text, q.Count, q.Last.Unix(), q.BestID))
	}
	top, err := s.Unanswered(ctx, time.Time{}, 1)
	must(err)
	show("top unanswered", len(top))
	disliked, err := s.Disliked(ctx, 0)
	must(err)
	show("disliked", disliked)
	for _, state := range []feedback.State{feedback.Accepted, feedback.Rejected} {
		d, err := s.Decided(ctx, state)
		must(err)
		for _, p := range d {
			show("decided", fmt.Sprintf("%s %s %q %s %s %d", p.ID, p.PassageID, p.Text, p.State, p.By, p.Decided.Unix()))
		}
	}
	pending, err = s.Pending(ctx, 0)
	must(err)
	for _, p := range pending {
		show("still pending", fmt.Sprintf("%s %s %q ×%d last=%d", p.ID, p.PassageID, p.Text, p.Members, p.Last.Unix()))
	}
	// Past the retention, members' records expire; decisions stay.
	c.Advance(31 * 24 * time.Hour)
	qs, err = s.Unanswered(ctx, time.Time{}, 0)
	must(err)
	show("unanswered after the retention", len(qs))
	pending, err = s.Pending(ctx, 0)
	must(err)
	show("pending after the retention", len(pending))
	d, err := s.Decided(ctx, feedback.Accepted)
	must(err)
	show("accepted after the retention", len(d))
	return out
}

// TestSameAsBolt: the PostgreSQL store gives what the bbolt store gives,
// list for list, for the same questions, votes, choices and decisions.
func TestSameAsBolt(t *testing.T) {
	url := pgtest.Database(t)
	bc := newClock()
	bolt, err := feedback.Open("", "test", 30*24*time.Hour, bc.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer bolt.Close()
	want := play(t, bolt, bc)
	pc := newClock()
	got := play(t, openTest(t, url, pc), pc)
	if !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			var g, w string
			if i < len(got) {
				g = got[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if g != w {
				t.Errorf("line %d:\n postgres: %s\n bbolt:    %s", i, g, w)
			}
		}
	}
}

// TestInvalidInput: what the bbolt store refuses, this one refuses too.
func TestInvalidInput(t *testing.T) {
	s := openTest(t, pgtest.Database(t), newClock())
	ctx := context.Background()
	good := feedback.VoterKey("s", "ann")
	for name, err := range map[string]error{
		"empty question":    s.RecordUnanswered(ctx, " \t ", ""),
		"NUL in best":       s.RecordUnanswered(ctx, "q", "a\x00b"),
		"raw user id":       s.RecordVote(ctx, "p", "300000000000000001", true),
		"empty passage":     s.RecordVote(ctx, "", good, true),
		"choice with link":  func() error { _, err := s.RecordChoice(ctx, "see https://x.example", "p", good); return err }(),
		"choice, raw voter": func() error { _, err := s.RecordChoice(ctx, "plain words", "p", "ann"); return err }(),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestOpenMigrates: replicas starting together migrate once; the salt is
// shared; a database a newer build migrated is refused; the URL's password
// never shows in an error.
func TestOpenMigrates(t *testing.T) {
	url := pgtest.Database(t)
	c := newClock()
	stores := make([]*Store, 4)
	errs := make([]error, 4)
	var wg sync.WaitGroup
	for i := range stores {
		wg.Go(func() { stores[i], errs[i] = Open(context.Background(), url, time.Hour, c.Now) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("replica %d: %v", i, err)
		}
		defer stores[i].Close()
		if stores[i].Salt() != stores[0].Salt() || len(stores[0].Salt()) != 64 {
			t.Errorf("replica %d has salt %q, replica 0 %q", i, stores[i].Salt(), stores[0].Salt())
		}
	}
	ctx := context.Background()
	var n int
	if err := stores[0].pool.QueryRow(ctx, "SELECT count(*) FROM faqbot_migrations").Scan(&n); err != nil || n != 1 {
		t.Errorf("%d migrations recorded (%v), want 1", n, err)
	}
	if _, err := stores[0].pool.Exec(ctx, "INSERT INTO faqbot_migrations (version, name) VALUES (999, '999_future.sql')"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, url, time.Hour, nil); err == nil || !strings.Contains(err.Error(), "schema version 999") {
		t.Errorf("a newer schema: %v", err)
	}
	const password = "not-the-password-42"
	bad := strings.Replace(url, "://", "://nobody:"+password+"@", 1)
	if _, err := Open(ctx, bad, time.Hour, nil); err == nil || strings.Contains(err.Error(), password) {
		t.Errorf("wrong credentials: %v", err)
	}
}

func TestAskedQuestions(t *testing.T) {
	c := newClock()
	s := openTest(t, pgtest.Database(t), c)
	ctx := context.Background()
	if err := s.RememberAsked(ctx, "k1", "when is raid night", "voter", c.Now().Add(15*time.Minute)); err != nil {
		t.Fatal(err)
	}
	q, who, ok, err := s.RecallAsked(ctx, "k1")
	if err != nil || !ok || q != "when is raid night" || who != "voter" {
		t.Errorf("recall: %q %q %v %v", q, who, ok, err)
	}
	if _, _, ok, _ := s.RecallAsked(ctx, "k2"); ok {
		t.Error("recalled a key never remembered")
	}
	c.Advance(15 * time.Minute)
	if _, _, ok, _ := s.RecallAsked(ctx, "k1"); ok {
		t.Error("recalled an expired question")
	}
	if n, err := s.Prune(ctx); err != nil || n != 1 {
		t.Errorf("prune deleted %d (%v), want the expired question", n, err)
	}
}

// TestNotices: a notice published by one replica reaches another that
// listens, and one that starts listening later gets the latest.
func TestNotices(t *testing.T) {
	url := pgtest.Database(t)
	a, b := openTest(t, url, newClock()), openTest(t, url, newClock())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan Notice, 10)
	go b.Listen(ctx, func(n Notice) { got <- n }, nil)
	// Until b listens, a's notice may be missed as a notification; it is
	// kept, so b's first reading gives it either way.
	first := Notice{Kind: NoticeReload, Fingerprint: "f1", From: "a"}
	if err := a.Publish(ctx, first); err != nil {
		t.Fatal(err)
	}
	waitNotice(t, got, "f1")
	if err := a.Publish(ctx, Notice{Kind: NoticeLearned, Fingerprint: "f2", From: "a"}); err != nil {
		t.Fatal(err)
	}
	if n := waitNotice(t, got, "f2"); n.Kind != NoticeLearned || n.From != "a" {
		t.Errorf("notice %+v", n)
	}
	// A replica listening later starts from the latest.
	later := make(chan Notice, 10)
	go a.Listen(ctx, func(n Notice) { later <- n }, nil)
	waitNotice(t, later, "f2")
}

func waitNotice(t *testing.T, ch <-chan Notice, fingerprint string) Notice {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case n := <-ch:
			if n.Fingerprint == fingerprint {
				return n
			}
		case <-deadline:
			t.Fatalf("no notice %s within 10s", fingerprint)
		}
	}
}

// TestOpenUnresponsiveServer: a DATABASE_URL whose server accepts the
// connection and then says nothing (a hung server, a proxy in front of a
// stopped one) is an error naming the server within the connect timeout,
// not a start-up that waits forever without a word. The error never shows
// the password.
func TestOpenUnresponsiveServer(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var held []net.Conn
	var mu sync.Mutex
	t.Cleanup(func() {
		_ = ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range held {
			_ = c.Close()
		}
	})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			held = append(held, c) // read nothing, answer nothing
			mu.Unlock()
		}
	}()
	const password = "hunter2-secret"
	url := "postgres://faqbot:" + password + "@" + ln.Addr().String() + "/faqbot?sslmode=disable"
	// Longer than connectTimeout, short enough that the test fails
	// rather than hangs when Open waits on its context alone.
	ctx, cancel := context.WithTimeout(context.Background(), connectTimeout+10*time.Second)
	defer cancel()
	start := time.Now()
	s, err := Open(ctx, url, time.Hour, nil)
	took := time.Since(start)
	if err == nil {
		_ = s.Close()
		t.Fatal("Open succeeded on a server that never answers")
	}
	if took > connectTimeout+5*time.Second {
		t.Errorf("Open gave up after %v, want about %v", took, connectTimeout)
	}
	if !strings.Contains(err.Error(), ln.Addr().String()) || strings.Contains(err.Error(), password) {
		t.Errorf("Open = %v, want an error naming %s without the password", err, ln.Addr())
	}
}
