package feedback

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// testdata/schema1.db was written by the store as it was before learned
// phrasings (schema 1, buckets meta, unanswered, votes and votes_time), on
// 2026-11-30: three unanswered questions (two of them the same) and three
// votes on one passage. A store that opens it must keep all of it.
const (
	schema1Salt = "a20819c5f20c6485486e929de3d9a9edef5ea02c251a1e5b5360ae62e8833f8d"
	schema1File = "testdata/schema1.db"
)

func TestOpenKeepsSchema1Store(t *testing.T) {
	b, err := os.ReadFile(schema1File)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), b, 0o600); err != nil {
		t.Fatal(err)
	}
	clock := newClock()
	clock.Set(time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	ctx := context.Background()
	for round := range 2 { // and again once this build has written to it (one more vote)
		s, err := open(dir, "test", 90*24*time.Hour, clock.Now, defaultLimits())
		if err != nil {
			t.Fatalf("round %d: open: %v", round, err)
		}
		if s.Salt() != schema1Salt {
			t.Errorf("round %d: salt %q, want the stored one", round, s.Salt())
		}
		qs, err := s.Unanswered(ctx, time.Time{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, q := range qs {
			got = append(got, q.Text+"|"+q.BestID)
		}
		want := []string{"where can i buy guild hoodies|faq.md#merch", "Is there a Discord bot for dice?|faq.md#merch"}
		if !slices.Equal(got, want) || qs[0].Count != 2 {
			t.Errorf("round %d: unanswered %v (first ×%d), want %v (first ×2)", round, got, qs[0].Count, want)
		}
		v, err := s.Votes(ctx, "faq.md#when-is-raid-night")
		if err != nil {
			t.Fatal(err)
		}
		if v.Up != 1 || v.Down != 2 {
			t.Errorf("round %d: votes %+v, want 1 up, 2 down", round, v)
		}
		if st, _ := s.Stats(ctx); st.Unanswered != 3 || st.Votes != 3+round {
			t.Errorf("round %d: stats %+v", round, st)
		}
		// The old file takes this build's records too.
		if err := s.RecordVote(ctx, "faq.md#other", VoterKey(s.Salt(), "1"), true); err != nil {
			t.Errorf("round %d: record vote: %v", round, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
