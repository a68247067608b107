package feedback

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

type vote struct {
	passage, member string
	up              bool
}

func TestVotes(t *testing.T) {
	pv := func(id string, up, down int) PassageVotes { return PassageVotes{PassageID: id, Up: up, Down: down} }
	tests := []struct {
		name  string
		votes []vote
		want  []PassageVotes // from Votes, one per passage asked about
	}{
		{"none", nil, []PassageVotes{pv("p", 0, 0)}},
		{"one up", []vote{{"p", "ann", true}}, []PassageVotes{pv("p", 1, 0)}},
		{"one down", []vote{{"p", "ann", false}}, []PassageVotes{pv("p", 0, 1)}},
		{"same voter twice is one vote", []vote{{"p", "ann", true}, {"p", "ann", true}}, []PassageVotes{pv("p", 1, 0)}},
		{"a new vote replaces the old", []vote{{"p", "ann", true}, {"p", "ann", false}}, []PassageVotes{pv("p", 0, 1)}},
		{"and back", []vote{{"p", "ann", true}, {"p", "ann", false}, {"p", "ann", true}}, []PassageVotes{pv("p", 1, 0)}},
		{
			"members count apart",
			[]vote{{"p", "ann", true}, {"p", "bob", true}, {"p", "cy", false}, {"p", "bob", false}},
			[]PassageVotes{pv("p", 1, 2)},
		},
		{
			"passages count apart",
			[]vote{{"p", "ann", true}, {"q", "ann", false}, {"p/x", "bob", false}},
			[]PassageVotes{pv("p", 1, 0), pv("q", 0, 1), pv("p/x", 0, 1), pv("p/", 0, 0)},
		},
		{
			"one id a prefix of another",
			[]vote{{"faq.md#a", "ann", true}, {"faq.md#ab", "ann", false}},
			[]PassageVotes{pv("faq.md#a", 1, 0), pv("faq.md#ab", 0, 1)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			forEachMode(t, func(t *testing.T, dir string) {
				clock := newClock()
				s := openStore(t, dir, 24*time.Hour, clock, defaultLimits())
				ctx := context.Background()
				castVotes(t, s, clock, tc.votes)
				for _, want := range tc.want {
					got, err := s.Votes(ctx, want.PassageID)
					if err != nil {
						t.Fatalf("Votes(%q): %v", want.PassageID, err)
					}
					if got != want {
						t.Errorf("Votes(%q) = %+v, want %+v", want.PassageID, got, want)
					}
				}
			})
		})
	}
}

func TestDisliked(t *testing.T) {
	pv := func(id string, up, down int) PassageVotes { return PassageVotes{PassageID: id, Up: up, Down: down} }
	// n votes by distinct members on a passage.
	many := func(passage string, up bool, members ...string) []vote {
		var vs []vote
		for _, m := range members {
			vs = append(vs, vote{passage, m, up})
		}
		return vs
	}
	tests := []struct {
		name  string
		votes []vote
		limit int
		want  []PassageVotes
	}{
		{"none", nil, 0, []PassageVotes{}},
		{"only liked passages", many("p", true, "a", "b"), 0, []PassageVotes{}},
		{
			"most down, then fewest up, then id",
			slices.Concat(
				many("two-down", false, "a", "b"),
				many("two-down-one-up", false, "a", "b"), many("two-down-one-up", true, "c"),
				many("three-down-five-up", false, "a", "b", "c"), many("three-down-five-up", true, "d", "e", "f", "g", "h"),
				many("liked", true, "a", "b"),
				many("also-two-down", false, "c", "d"),
			),
			0,
			[]PassageVotes{
				pv("three-down-five-up", 5, 3),
				pv("also-two-down", 0, 2),
				pv("two-down", 0, 2),
				pv("two-down-one-up", 1, 2),
			},
		},
		{
			"a changed vote moves a passage",
			[]vote{{"p", "a", false}, {"q", "a", false}, {"q", "b", false}, {"q", "a", true}, {"q", "b", true}},
			0,
			[]PassageVotes{pv("p", 0, 1)},
		},
		{
			"limit",
			slices.Concat(many("a", false, "x"), many("b", false, "x", "y"), many("c", false, "x", "y", "z")),
			2,
			[]PassageVotes{pv("c", 0, 3), pv("b", 0, 2)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			forEachMode(t, func(t *testing.T, dir string) {
				clock := newClock()
				s := openStore(t, dir, 24*time.Hour, clock, defaultLimits())
				castVotes(t, s, clock, tc.votes)
				got, err := s.Disliked(context.Background(), tc.limit)
				if err != nil {
					t.Fatalf("Disliked: %v", err)
				}
				if got == nil {
					got = []PassageVotes{}
				}
				if !slices.Equal(got, tc.want) {
					t.Errorf("Disliked =\n  %+v\nwant\n  %+v", got, tc.want)
				}
			})
		})
	}
}

func TestRecordVoteInvalid(t *testing.T) {
	for _, tc := range []struct {
		name, passage, voter string
		want                 error
	}{
		{"empty passage", "", voter("ann"), ErrInvalidPassageID},
		{"passage too long", strings.Repeat("p", MaxPassageIDBytes+1), voter("ann"), ErrInvalidPassageID},
		{"passage with NUL", "p\x00q", voter("ann"), ErrInvalidPassageID},
		{"empty voter", "p", "", ErrInvalidVoter},
		{"raw user id", "p", "123456789012345678", ErrInvalidVoter},
		{"upper-case hex", "p", strings.ToUpper(voter("ann")), ErrInvalidVoter},
		{"hex too short", "p", voter("ann")[:63], ErrInvalidVoter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openStore(t, "", time.Hour, newClock(), defaultLimits())
			err := s.RecordVote(context.Background(), tc.passage, tc.voter, true)
			if !errors.Is(err, tc.want) {
				t.Fatalf("RecordVote(%q, %q) = %v, want %v", tc.passage, tc.voter, err, tc.want)
			}
			if st, _ := s.Stats(context.Background()); st.Votes != 0 {
				t.Errorf("stored %d votes after an error", st.Votes)
			}
		})
	}
	t.Run("Votes checks the id too", func(t *testing.T) {
		s := openStore(t, "", time.Hour, newClock(), defaultLimits())
		if _, err := s.Votes(context.Background(), ""); !errors.Is(err, ErrInvalidPassageID) {
			t.Errorf(`Votes("") = %v, want ErrInvalidPassageID`, err)
		}
	})
}

// castVotes records votes a second apart.
func castVotes(t *testing.T, s *Store, clock *fakeClock, votes []vote) {
	t.Helper()
	for _, v := range votes {
		clock.Advance(time.Second)
		if err := s.RecordVote(context.Background(), v.passage, voter(v.member), v.up); err != nil {
			t.Fatalf("RecordVote(%+v): %v", v, err)
		}
	}
}
