package feedback

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

type choice struct {
	q, passage, member string
	withdraw           bool // a 👎: withdraw the member's choices of the passage
}

func showPhrasings(ps []Phrasing) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = fmt.Sprintf("%s %q ×%d %s", p.PassageID, p.Text, p.Members, p.State)
	}
	return out
}

func TestPending(t *testing.T) {
	tests := []struct {
		name    string
		choices []choice
		limit   int
		want    []string
	}{
		{"none", nil, 0, []string{}},
		{"one", []choice{{"my card hasn't come", "card", "ann", false}}, 0, []string{`card "my card hasn't come" ×1 pending`}},
		{
			"one member counts once per pair",
			[]choice{{"my card hasn't come", "card", "ann", false}, {"My card hasn't come!", "card", "ann", false}},
			0, []string{`card "My card hasn't come!" ×1 pending`},
		},
		{
			"members count apart, the latest wording shows",
			[]choice{{"my card hasn't come", "card", "ann", false}, {"My card hasnt come", "card", "bob", false}},
			0, []string{`card "My card hasnt come" ×2 pending`},
		},
		{
			"grouped by passage, most members first",
			[]choice{
				{"where is my card", "card", "ann", false},
				{"lost my pin", "pin", "ann", false}, {"lost my pin", "pin", "bob", false},
				{"forgot my pin", "pin", "cy", false},
				{"card still not here", "card", "bob", false},
			},
			0,
			[]string{`pin "lost my pin" ×2 pending`, `pin "forgot my pin" ×1 pending`, `card "card still not here" ×1 pending`, `card "where is my card" ×1 pending`},
		},
		{
			"a thumbs down withdraws that member's choice",
			[]choice{{"where is my card", "card", "ann", false}, {"where is my card", "card", "bob", false}, {"", "card", "ann", true}},
			0, []string{`card "where is my card" ×1 pending`},
		},
		{
			"limit",
			[]choice{{"a b", "p", "ann", false}, {"c d", "q", "ann", false}, {"c d", "q", "bob", false}},
			1, []string{`q "c d" ×2 pending`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			forEachMode(t, func(t *testing.T, dir string) {
				clock := newClock()
				s := openStore(t, dir, 24*time.Hour, clock, defaultLimits())
				makeChoices(t, s, clock, tc.choices)
				got, err := s.Pending(context.Background(), tc.limit)
				if err != nil {
					t.Fatal(err)
				}
				if g := showPhrasings(got); !slices.Equal(g, tc.want) {
					t.Errorf("Pending =\n  %s\nwant\n  %s", strings.Join(g, "\n  "), strings.Join(tc.want, "\n  "))
				}
			})
		})
	}
}

func makeChoices(t *testing.T, s *Store, clock *fakeClock, cs []choice) {
	t.Helper()
	for _, c := range cs {
		clock.Advance(time.Second)
		var err error
		if c.withdraw {
			err = s.WithdrawChoice(context.Background(), c.q, c.passage, voter(c.member))
		} else {
			_, err = s.RecordChoice(context.Background(), c.q, c.passage, voter(c.member))
		}
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
	}
}

func TestDecide(t *testing.T) {
	forEachMode(t, func(t *testing.T, dir string) {
		clock := newClock()
		s := openStore(t, dir, 24*time.Hour, clock, defaultLimits())
		ctx := context.Background()
		makeChoices(t, s, clock, []choice{
			{"card still not here", "card", "ann", false},
			{"card still not here", "card", "bob", false},
			{"lost my pin", "pin", "ann", false},
		})
		ph, err := s.Decide(ctx, PhrasingID("card", "Card still not here?"), true, "moderator")
		if err != nil {
			t.Fatal(err)
		}
		if ph.State != Accepted || ph.Text != "card still not here" || ph.PassageID != "card" {
			t.Errorf("accepted %+v", ph)
		}
		if _, err := s.Decide(ctx, PhrasingID("pin", "lost my pin"), false, "moderator"); err != nil {
			t.Fatal(err)
		}
		if p, _ := s.Pending(ctx, 0); len(p) != 0 {
			t.Errorf("decided phrasings still pending: %v", showPhrasings(p))
		}
		// Choosing a decided phrasing again changes nothing: a rejected
		// one does not come back.
		for _, c := range []struct{ q, id string }{{"lost my pin", "pin"}, {"card still not here", "card"}} {
			ph, err := s.RecordChoice(ctx, c.q, c.id, voter("cy"))
			if err != nil || ph.State == Pending {
				t.Errorf("RecordChoice of a decided phrasing = %+v, %v", ph, err)
			}
		}
		if p, _ := s.Pending(ctx, 0); len(p) != 0 {
			t.Errorf("a decided phrasing came back: %v", showPhrasings(p))
		}
		acc, _ := s.Decided(ctx, Accepted)
		rej, _ := s.Decided(ctx, Rejected)
		if g := showPhrasings(acc); !slices.Equal(g, []string{`card "card still not here" ×0 accepted`}) {
			t.Errorf("accepted: %v", g)
		}
		if g := showPhrasings(rej); !slices.Equal(g, []string{`pin "lost my pin" ×0 rejected`}) {
			t.Errorf("rejected: %v", g)
		}
		// Removing an accepted phrasing is rejecting it.
		if _, err := s.Decide(ctx, acc[0].ID, false, "moderator"); err != nil {
			t.Fatal(err)
		}
		if acc, _ := s.Decided(ctx, Accepted); len(acc) != 0 {
			t.Errorf("removed phrasing still accepted: %v", showPhrasings(acc))
		}
		if _, err := s.Decide(ctx, "0123456789abcdef", true, "moderator"); !errors.Is(err, ErrUnknownPhrasing) {
			t.Errorf("Decide(unknown) = %v, want ErrUnknownPhrasing", err)
		}
	})
}

func TestRecordChoiceMembersAndRetention(t *testing.T) {
	clock := newClock()
	s := openStore(t, t.TempDir(), time.Hour, clock, defaultLimits())
	ctx := context.Background()
	for i, m := range []string{"ann", "bob", "ann", "cy"} {
		ph, err := s.RecordChoice(ctx, "where is my card", "card", voter(m))
		if err != nil {
			t.Fatal(err)
		}
		if want := []int{1, 2, 2, 3}[i]; ph.Members != want || ph.State != "" && ph.State != Pending {
			t.Errorf("choice %d: %+v, want %d members", i, ph, want)
		}
		clock.Advance(25 * time.Minute)
	}
	// bob's choice and ann's renewed one are over an hour old now.
	clock.Advance(15 * time.Minute)
	if p, _ := s.Pending(ctx, 0); len(p) != 1 || p[0].Members != 1 {
		t.Errorf("after the retention: %v", showPhrasings(p))
	}
	if _, err := s.Prune(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Stats(ctx); st.Choices != 1 {
		t.Errorf("choices stored after pruning: %d, want 1", st.Choices)
	}
}

func TestChoicesCap(t *testing.T) {
	clock := newClock()
	lim := defaultLimits()
	lim.maxChoices, lim.maxLearned = 3, 1
	s := openStore(t, "", time.Hour, clock, lim)
	ctx := context.Background()
	for i := range 5 {
		clock.Advance(time.Second)
		if _, err := s.RecordChoice(ctx, fmt.Sprintf("question %d", i), "p", voter("ann")); err != nil {
			t.Fatal(err)
		}
	}
	p, _ := s.Pending(ctx, 0)
	if g := showPhrasings(p); !slices.Equal(g, []string{`p "question 4" ×1 pending`, `p "question 3" ×1 pending`, `p "question 2" ×1 pending`}) {
		t.Errorf("kept %v, want the newest three", g)
	}
	if _, err := s.Decide(ctx, p[0].ID, true, "auto"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Decide(ctx, p[1].ID, true, "auto"); !errors.Is(err, ErrTooManyLearned) {
		t.Errorf("deciding past MaxLearned: %v", err)
	}
	if _, err := s.Decide(ctx, p[0].ID, false, "moderator"); err != nil {
		t.Errorf("changing a decision at the cap: %v", err)
	}
}

func TestPlain(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		ok             bool
	}{
		{"plain", "my card still hasn't come", "my card still hasn't come", true},
		{"spacing normalised", "  my  card\nhasn't come ", "my card hasn't come", true},
		{"punctuation and money", "send $20 to bob, please?", "send $20 to bob, please?", true},
		{"user mention", "ask <@123> about it", "", false},
		{"role mention", "<@&55> when", "", false},
		{"channel", "see <#1>", "", false},
		{"everyone", "hey @everyone", "", false},
		{"link", "is https://x.io safe", "", false},
		{"bare link", "is www.x.io safe", "", false},
		{"invite", "join discord.gg/abc", "", false},
		{"emphasis", "what is **this**", "", false},
		{"masked link", "[free nitro](x)", "", false},
		{"heading", "# raid", "", false},
		{"code", "how do I run `ls`", "", false},
		{"empty", " ?! ", "", false},
		{"too long", strings.Repeat("word ", 20), "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Plain(tc.in, 60)
			if tc.ok != (err == nil) || got != tc.want {
				t.Errorf("Plain(%q) = %q, %v; want %q, ok=%v", tc.in, got, err, tc.want, tc.ok)
			}
			if err != nil && !errors.Is(err, ErrNotPlain) {
				t.Errorf("error %v is not ErrNotPlain", err)
			}
		})
	}
	s := openStore(t, "", time.Hour, newClock(), defaultLimits())
	if _, err := s.RecordChoice(context.Background(), "hi <@1>", "p", voter("ann")); !errors.Is(err, ErrNotPlain) {
		t.Errorf("RecordChoice of a mention: %v", err)
	}
}
