package feedback

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPruneRetention(t *testing.T) {
	forEachMode(t, func(t *testing.T, dir string) {
		ctx := context.Background()
		clock := newClock()
		s := openStore(t, dir, 24*time.Hour, clock, defaultLimits())

		mustAsk(t, s, "old question")
		castVotes(t, s, clock, []vote{{"old", "ann", false}})
		clock.Advance(12 * time.Hour)
		mustAsk(t, s, "new question")
		castVotes(t, s, clock, []vote{{"new", "ann", false}})
		clock.Advance(13 * time.Hour) // the old records are now 25h old

		// Expired records are hidden before they are pruned...
		assertQuestions(t, s, "new question")
		if got, _ := s.Votes(ctx, "old"); got.Down != 0 {
			t.Errorf("expired vote still counted: %+v", got)
		}
		if got, _ := s.Disliked(ctx, 0); len(got) != 1 || got[0].PassageID != "new" {
			t.Errorf("Disliked = %+v, want only passage new", got)
		}
		assertStats(t, s, Stats{Unanswered: 2, Votes: 2})

		// ...and gone after.
		for _, want := range []int{2, 0} {
			n, err := s.Prune(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if n != want {
				t.Errorf("Prune deleted %d, want %d", n, want)
			}
		}
		assertStats(t, s, Stats{Unanswered: 1, Votes: 1})
		assertQuestions(t, s, "new question")
	})
}

func TestRecordUnansweredPrunesHourly(t *testing.T) {
	forEachMode(t, func(t *testing.T, dir string) {
		clock := newClock()
		s := openStore(t, dir, time.Hour, clock, defaultLimits()) // prunes at start

		for _, step := range []struct {
			advance time.Duration
			want    int // records stored after asking
		}{
			{0, 1},                // q0 at 0
			{30 * time.Minute, 2}, // q1 at 30m; last prune 30m ago
			{45 * time.Minute, 2}, // q2 at 75m; prune due: q0 expired and goes
			{50 * time.Minute, 3}, // q3 at 125m; q1 expired but last prune was 50m ago
			{11 * time.Minute, 2}, // q4 at 136m; prune due: q1 and q2 (75m) expired
		} {
			clock.Advance(step.advance)
			mustAsk(t, s, fmt.Sprintf("question at %v", clock.Now().Sub(start)))
			assertStats(t, s, Stats{Unanswered: step.want})
		}
	})
}

func TestOpenPrunes(t *testing.T) {
	dir := t.TempDir()
	clock := newClock()
	s, err := Open(dir, "test", time.Hour, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	mustAsk(t, s, "q")
	castVotes(t, s, clock, []vote{{"p", "ann", true}})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Hour)
	s = openStore(t, dir, time.Hour, clock, defaultLimits())
	assertStats(t, s, Stats{})
}

func TestCaps(t *testing.T) {
	forEachMode(t, func(t *testing.T, dir string) {
		ctx := context.Background()
		clock := newClock()
		lim := defaultLimits()
		lim.maxUnanswered, lim.maxVotes = 5, 3
		s := openStore(t, dir, 24*time.Hour, clock, lim)

		for i := range 8 {
			clock.Advance(time.Second)
			mustAsk(t, s, fmt.Sprintf("q%d", i))
		}
		assertStats(t, s, Stats{Unanswered: 5})
		assertQuestions(t, s, "q7", "q6", "q5", "q4", "q3") // the oldest went

		// a, b, c, d, e vote up: a and b are dropped. c's new vote makes it
		// the newest, so f's vote drops d, not c.
		castVotes(t, s, clock, []vote{
			{"p", "a", true}, {"p", "b", true}, {"p", "c", true}, {"p", "d", true}, {"p", "e", true},
			{"p", "c", false},
			{"p", "f", true},
		})
		assertStats(t, s, Stats{Unanswered: 5, Votes: 3})
		if got, want := mustVotes(t, s, "p"), (PassageVotes{"p", 2, 1}); got != want {
			t.Errorf("Votes = %+v, want %+v (e and f up, c down)", got, want)
		}
		if n, err := s.Prune(ctx); err != nil || n != 0 {
			t.Errorf("Prune at the caps = %d, %v; want 0, nil", n, err)
		}
	})
}

func mustAsk(t *testing.T, s *Store, q string) {
	t.Helper()
	if err := s.RecordUnanswered(context.Background(), q, ""); err != nil {
		t.Fatalf("RecordUnanswered(%q): %v", q, err)
	}
}

func mustVotes(t *testing.T, s *Store, passageID string) PassageVotes {
	t.Helper()
	pv, err := s.Votes(context.Background(), passageID)
	if err != nil {
		t.Fatalf("Votes(%q): %v", passageID, err)
	}
	return pv
}

// assertQuestions checks the texts Unanswered lists, in order.
func assertQuestions(t *testing.T, s *Store, want ...string) {
	t.Helper()
	qs, err := s.Unanswered(context.Background(), time.Time{}, 0)
	if err != nil {
		t.Fatalf("Unanswered: %v", err)
	}
	got := make([]string, len(qs))
	for i, q := range qs {
		got[i] = q.Text
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Unanswered texts = %q, want %q", got, want)
	}
}

func assertStats(t *testing.T, s *Store, want Stats) {
	t.Helper()
	got, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	if got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

// TestCapsBoundFileSize floods a store far past its caps: once full, the
// file must stop growing, since bbolt reuses the pages of dropped records.
func TestCapsBoundFileSize(t *testing.T) {
	t.Parallel()
	clock := newClock()
	lim := defaultLimits()
	lim.maxUnanswered, lim.maxVotes = 100, 100
	s := openStore(t, "", 24*time.Hour, clock, lim)
	long := strings.Repeat("a long and hostile question ", 20)

	var sizes []int64
	for round := range 3 {
		for i := range 300 {
			clock.Advance(time.Millisecond)
			mustAsk(t, s, fmt.Sprintf("%d/%d %s", round, i, long))
			castVotes(t, s, clock, []vote{{fmt.Sprintf("passage-%d", i%50), fmt.Sprint(round, i), i%2 == 0}})
		}
		fi, err := os.Stat(filepath.Join(s.tempDir, FileName))
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, fi.Size())
	}
	assertStats(t, s, Stats{Unanswered: 100, Votes: 100})
	if first, last := sizes[0], sizes[len(sizes)-1]; last > first {
		t.Errorf("file grew from %d to %d bytes while at its caps (sizes by round: %v)", first, last, sizes)
	}
}
