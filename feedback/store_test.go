package feedback

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"faqbot/internal/dirlock"
)

func TestReopenPersists(t *testing.T) {
	dir := t.TempDir()
	clock := newClock()
	ctx := context.Background()

	s, err := Open(dir, "test", 24*time.Hour, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	mustAsk(t, s, "How do I join?")
	mustAsk(t, s, "how do i join")
	castVotes(t, s, clock, []vote{{"p", "ann", false}, {"p", "bob", true}})
	salt := s.Salt()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openStore(t, dir, 24*time.Hour, clock, defaultLimits())
	if s.Salt() != salt {
		t.Errorf("salt changed across reopen: %q, then %q", salt, s.Salt())
	}
	assertStats(t, s, Stats{Unanswered: 2, Votes: 2})
	assertQuestions(t, s, "how do i join")
	if got, want := mustVotes(t, s, "p"), (PassageVotes{"p", 1, 1}); got != want {
		t.Errorf("Votes = %+v, want %+v", got, want)
	}
	// The vote keys still match: a member's new vote replaces the old one.
	castVotes(t, s, clock, []vote{{"p", "ann", true}})
	if got, want := mustVotes(t, s, "p"), (PassageVotes{"p", 2, 0}); got != want {
		t.Errorf("Votes after a changed vote = %+v, want %+v", got, want)
	}
	if qs, err := s.Unanswered(ctx, time.Time{}, 0); err != nil || len(qs) != 1 || qs[0].Count != 2 {
		t.Errorf("Unanswered = %+v, %v; want one group of 2", qs, err)
	}
}

func TestOpenLocked(t *testing.T) {
	dir := t.TempDir()
	first := openStore(t, dir, time.Hour, newClock(), defaultLimits())

	begin := time.Now()
	second, err := Open(dir, "report", time.Hour, nil)
	if err == nil {
		second.Close()
		t.Fatal("second Open of the same directory succeeded")
	}
	if elapsed := time.Since(begin); elapsed > time.Second {
		t.Errorf("second Open took %v to fail", elapsed)
	}
	var held *dirlock.HeldError
	if !errors.Is(err, ErrLocked) || !errors.As(err, &held) || held.Holder.PID != os.Getpid() || held.Holder.Command != "test" {
		t.Errorf("error %v is not ErrLocked naming the owner", err)
	}
	if !strings.Contains(err.Error(), "faqbot test (pid ") || !strings.Contains(err.Error(), "holds "+dir) {
		t.Errorf("error %q does not say who holds the directory", err)
	}

	// Once the first store closes, the file can be opened again.
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	openStore(t, dir, time.Hour, newClock(), defaultLimits())
}

// TestOpenFileHeldElsewhere holds the store file with bbolt directly, as a
// process that does not take the lock would: Open gives up after its
// timeout instead of waiting for ever.
func TestOpenFileHeldElsewhere(t *testing.T) {
	t.Parallel() // it waits out the lock timeout
	dir := t.TempDir()
	db, err := bolt.Open(filepath.Join(dir, FileName), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	begin := time.Now()
	if s, err := Open(dir, "test", time.Hour, nil); !errors.Is(err, ErrLocked) || !strings.Contains(fmt.Sprint(err), filepath.Join(dir, FileName)) {
		if err == nil {
			s.Close()
		}
		t.Errorf("Open of a held file = %v, want ErrLocked naming the file", err)
	}
	if elapsed := time.Since(begin); elapsed > 3*time.Second {
		t.Errorf("Open took %v to fail", elapsed)
	}
}

// TestOpenSetsDamagedFileAside: a store file that is no database, or whose
// pages were overwritten (as a full disk or a crash can leave it), is kept
// under another name and a new store is started, so that the bot starts;
// a healthy file is left as it is.
func TestOpenSetsDamagedFileAside(t *testing.T) {
	clock := newClock()
	made := t.TempDir()
	s := openStore(t, made, 24*time.Hour, clock, defaultLimits())
	mustAsk(t, s, "How do I join?")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	healthy, err := os.ReadFile(filepath.Join(made, FileName))
	if err != nil {
		t.Fatal(err)
	}
	scrambled := slices.Clone(healthy)
	for i := 2 * 4096; i < len(scrambled); i++ { // all but the two meta pages
		scrambled[i] = scrambled[i]*7 + 13
	}
	for _, tc := range []struct {
		name    string
		file    []byte
		damaged bool
	}{
		{"healthy", healthy, false},
		{"not a database", []byte(strings.Repeat("not a database\n", 1000)), true},
		{"pages overwritten", scrambled, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			if err := os.WriteFile(path, tc.file, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Open(dir, "test", 24*time.Hour, clock.Now)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer s.Close()
			if (s.SetAside != "") != tc.damaged {
				t.Fatalf("SetAside = %q, damaged %v", s.SetAside, tc.damaged)
			}
			want := Stats{Unanswered: 1}
			if tc.damaged {
				if kept, err := os.ReadFile(s.SetAside); err != nil || !bytes.Equal(kept, tc.file) || filepath.Dir(s.SetAside) != dir {
					t.Errorf("damaged file not kept as it was at %s: %v", s.SetAside, err)
				}
				want = Stats{}
			}
			assertStats(t, s, want)
			mustAsk(t, s, "where is the map")
		})
	}
}

func TestOpenErrors(t *testing.T) {
	fileAsDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(fileAsDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		dir       string
		retention time.Duration
		want      string
	}{
		{"zero retention", t.TempDir(), 0, "retention"},
		{"negative retention", "", -time.Hour, "retention"},
		{"dir is a file", fileAsDir, time.Hour, "file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(tc.dir, "test", tc.retention, nil)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestOpenCreatesDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "feedback")
	openStore(t, dir, time.Hour, newClock(), defaultLimits())
	if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
		t.Error(err)
	}
}

func TestMemoryStore(t *testing.T) {
	a, err := Open("", "test", time.Hour, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := openStore(t, "", time.Hour, newClock(), defaultLimits())
	if a.Salt() == b.Salt() || len(a.Salt()) != 64 {
		t.Errorf("salts %q and %q: want two different random salts", a.Salt(), b.Salt())
	}
	mustAsk(t, a, "q")
	assertStats(t, b, Stats{}) // memory stores share nothing

	if _, err := os.Stat(a.tempDir); err != nil {
		t.Fatalf("temporary directory: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(a.tempDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary directory left after Close: %v", err)
	}
}

func TestClosed(t *testing.T) {
	forEachMode(t, func(t *testing.T, dir string) {
		s, err := Open(dir, "test", time.Hour, nil)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := s.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
		}
		for name, err := range callAll(context.Background(), s) {
			if !errors.Is(err, ErrClosed) {
				t.Errorf("%s after Close = %v, want ErrClosed", name, err)
			}
		}
	})
}

func TestContextCanceled(t *testing.T) {
	forEachMode(t, func(t *testing.T, dir string) {
		s := openStore(t, dir, time.Hour, newClock(), defaultLimits())
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		for name, err := range callAll(ctx, s) {
			if !errors.Is(err, context.Canceled) {
				t.Errorf("%s with a canceled context = %v, want context.Canceled", name, err)
			}
		}
		assertStats(t, s, Stats{})
	})
}

// callAll calls every method that takes a context, with valid arguments,
// and returns their errors by name.
func callAll(ctx context.Context, s *Store) map[string]error {
	errs := make(map[string]error)
	errs["RecordUnanswered"] = s.RecordUnanswered(ctx, "q", "p")
	errs["RecordVote"] = s.RecordVote(ctx, "p", voter("ann"), true)
	_, errs["Unanswered"] = s.Unanswered(ctx, time.Time{}, 10)
	_, errs["Disliked"] = s.Disliked(ctx, 10)
	_, errs["Votes"] = s.Votes(ctx, "p")
	_, errs["Prune"] = s.Prune(ctx)
	_, errs["Stats"] = s.Stats(ctx)
	return errs
}

func TestConcurrentWriters(t *testing.T) {
	const writers, perWriter = 8, 20
	forEachMode(t, func(t *testing.T, dir string) {
		ctx := context.Background()
		clock := newClock()
		lim := defaultLimits()
		lim.pruneEvery = 0 // prune on every record, to race pruning too
		s := openStore(t, dir, time.Hour, clock, lim)

		var wg sync.WaitGroup
		errs := make(chan error, writers*(perWriter+2)+writers)
		for w := range writers {
			wg.Go(func() {
				for i := range perWriter {
					errs <- s.RecordUnanswered(ctx, fmt.Sprintf("Question %d?", i), "")
				}
				// Each member votes down, then changes to up.
				errs <- s.RecordVote(ctx, "p", voter(fmt.Sprint(w)), false)
				errs <- s.RecordVote(ctx, "p", voter(fmt.Sprint(w)), true)
			})
			wg.Go(func() { // a reader alongside each writer
				for range perWriter {
					if _, err := s.Unanswered(ctx, time.Time{}, 5); err != nil {
						errs <- err
						return
					}
					if _, err := s.Disliked(ctx, 5); err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}

		assertStats(t, s, Stats{Unanswered: writers * perWriter, Votes: writers})
		qs, err := s.Unanswered(ctx, time.Time{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) != perWriter {
			t.Errorf("%d groups, want %d", len(qs), perWriter)
		}
		for _, q := range qs {
			if q.Count != writers {
				t.Errorf("%q asked %d times, want %d", q.Text, q.Count, writers)
			}
		}
		if got, want := mustVotes(t, s, "p"), (PassageVotes{"p", writers, 0}); got != want {
			t.Errorf("Votes = %+v, want %+v", got, want)
		}
	})
}
