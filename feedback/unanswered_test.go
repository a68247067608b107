package feedback

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestUnanswered(t *testing.T) {
	type ask struct {
		at      time.Duration // after start
		q, best string
	}
	q := func(text string, count int, last time.Duration, best string) Question {
		return Question{Text: text, Count: count, Last: start.Add(last), BestID: best}
	}
	tests := []struct {
		name  string
		asks  []ask
		since time.Duration // after start
		limit int
		want  []Question
	}{
		{
			name: "grouped by case, punctuation and spacing; text is the latest phrasing",
			asks: []ask{
				{0, "How do I X?", ""},
				{time.Minute, "how do i x", ""},
				{2 * time.Minute, "  HOW   do I x!!", ""},
				{3 * time.Minute, "Where is Y?", ""},
			},
			want: []Question{q("HOW do I x!!", 3, 2*time.Minute, ""), q("Where is Y?", 1, 3*time.Minute, "")},
		},
		{
			name: "most frequent first",
			asks: []ask{
				{0, "a", ""}, {time.Minute, "b", ""}, {2 * time.Minute, "b", ""},
				{3 * time.Minute, "c", ""}, {4 * time.Minute, "c", ""}, {5 * time.Minute, "c", ""},
			},
			want: []Question{q("c", 3, 5*time.Minute, ""), q("b", 2, 2*time.Minute, ""), q("a", 1, 0, "")},
		},
		{
			name: "ties by most recent",
			asks: []ask{{0, "old", ""}, {time.Minute, "new", ""}, {2 * time.Minute, "mid", ""}, {3 * time.Minute, "new", ""}, {4 * time.Minute, "old", ""}},
			want: []Question{q("old", 2, 4*time.Minute, ""), q("new", 2, 3*time.Minute, ""), q("mid", 1, 2*time.Minute, "")},
		},
		{
			name: "ties at the same time by text",
			asks: []ask{{time.Minute, "b", ""}, {time.Minute, "a", ""}},
			want: []Question{q("a", 1, time.Minute, ""), q("b", 1, time.Minute, "")},
		},
		{
			name:  "limit",
			asks:  []ask{{0, "a", ""}, {0, "a", ""}, {0, "a", ""}, {0, "b", ""}, {0, "b", ""}, {0, "c", ""}},
			limit: 2,
			want:  []Question{q("a", 3, 0, ""), q("b", 2, 0, "")},
		},
		{
			name:  "since excludes older records",
			asks:  []ask{{0, "x", ""}, {time.Minute, "x", ""}, {10 * time.Minute, "x", ""}, {20 * time.Minute, "y", ""}},
			since: time.Minute,
			want:  []Question{q("x", 2, 10*time.Minute, ""), q("y", 1, 20*time.Minute, "")},
		},
		{
			name: "best candidate is the latest one given",
			asks: []ask{{0, "x", "faq.md#a"}, {time.Minute, "x?", "faq.md#b"}, {2 * time.Minute, "X", ""}},
			want: []Question{q("X", 3, 2*time.Minute, "faq.md#b")},
		},
		{
			name: "nothing asked",
			want: []Question{},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			forEachMode(t, func(t *testing.T, dir string) {
				clock := newClock()
				s := openStore(t, dir, 24*time.Hour, clock, defaultLimits())
				ctx := context.Background()
				for _, a := range tc.asks {
					clock.Set(start.Add(a.at))
					if err := s.RecordUnanswered(ctx, a.q, a.best); err != nil {
						t.Fatalf("RecordUnanswered(%q): %v", a.q, err)
					}
				}
				got, err := s.Unanswered(ctx, start.Add(tc.since), tc.limit)
				if err != nil {
					t.Fatalf("Unanswered: %v", err)
				}
				if g, w := showQuestions(got), showQuestions(tc.want); !slices.Equal(g, w) {
					t.Errorf("Unanswered =\n  %s\nwant\n  %s", strings.Join(g, "\n  "), strings.Join(w, "\n  "))
				}
			})
		})
	}
}

func TestRecordUnansweredInvalid(t *testing.T) {
	for _, tc := range []struct {
		name, q, best string
		want          error
	}{
		{"empty", "", "", ErrEmptyQuestion},
		{"white space only", " \n\t", "", ErrEmptyQuestion},
		{"control characters only", "\x00\x01", "", ErrEmptyQuestion},
		{"best id too long", "q", strings.Repeat("x", MaxPassageIDBytes+1), ErrInvalidPassageID},
		{"best id with NUL", "q", "a\x00b", ErrInvalidPassageID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openStore(t, "", time.Hour, newClock(), defaultLimits())
			err := s.RecordUnanswered(context.Background(), tc.q, tc.best)
			if !errors.Is(err, tc.want) {
				t.Fatalf("RecordUnanswered(%q, %q) = %v, want %v", tc.q, tc.best, err, tc.want)
			}
			if st, _ := s.Stats(context.Background()); st.Unanswered != 0 {
				t.Errorf("stored %d records after an error", st.Unanswered)
			}
		})
	}
}
