package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"faqbot/content"
	"faqbot/feedback"
	"faqbot/reload"
)

// TestReloadTextHidesInternals: whatever went wrong, the moderator's report
// names content files as moderators know them and no server path, system
// call or Go error; the log has those.
func TestReloadTextHidesInternals(t *testing.T) {
	serverErr := errors.New("reload: index dir /srv/faqbot/idx: mkdir /srv/faqbot/idx/ab12-1.building: not a directory")
	tests := []struct {
		name      string
		rep       reload.Report
		err       error
		want      []string
		forbidden []string
	}{
		{"server failure", reload.Report{Duration: 12 * time.Millisecond}, serverErr,
			[]string{"Reload failed after 12ms", "went wrong on the server", "still live", "log"}, []string{"/srv", "mkdir", "not a directory", "reload:"}},
		{"shutdown", reload.Report{}, fmt.Errorf("reload: build index: %w", context.Canceled),
			[]string{"shutting down", "stopped", "still live"}, []string{"context canceled", "build index"}},
		{"too slow", reload.Report{}, fmt.Errorf("reload: %w", context.DeadlineExceeded),
			[]string{"longer than 10m0s", "still live"}, []string{"deadline"}},
		{"smoke check", reload.Report{}, fmt.Errorf("reload: %w: smoke check: 9 of 10 FAQ questions do not find their answer, e.g. \"Q?\" (/srv/content/faq.md:3)", reload.ErrCheck),
			[]string{"own FAQ questions", "still live", "log"}, []string{"/srv", "smoke check:"}},
		{"problems", reload.Report{ProblemCount: 1, Problems: []content.Problem{{File: "broken.jsonl", Line: 1, Msg: `invalid JSON: [click](https://evil.example) ` + "`x`"}}},
			fmt.Errorf("reload: %w (1)", reload.ErrContent),
			[]string{"failed", "broken.jsonl:1: invalid JSON: \\[click\\](https://evil.example) \\`x\\`"}, []string{"[click](", "content has problems"}},
		{"entries too alike", reload.Report{Live: true, Passages: 9, UnreachedCount: 7, Unreached: []string{`faq.md:5: "How do I **change** my name?", asked as written, gets no confident answer (0.52): "How can I change my name?" (faq.md:9) uses the same words`}},
			nil, []string{"Reloaded", "7 FAQ question(s) or alias(es)", `faq.md:5: "How do I \*\*change\*\* my name?"`, "…and 6 more", "faqbot check"}, []string{"**change**"}},
	}
	for _, tt := range tests {
		got := reloadText(tt.rep, tt.err)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tt.name, got, w)
			}
		}
		for _, f := range tt.forbidden {
			if strings.Contains(got, f) {
				t.Errorf("%s: %q shows %q", tt.name, got, f)
			}
		}
	}
}

func TestUnansweredText(t *testing.T) {
	qs := []feedback.Question{
		{Text: "[Free Nitro](https://evil.example/phish)", Count: 3, Last: time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)},
		{Text: "> quoted ||spoiler|| @here", Count: 1, Last: time.Date(2025, 5, 6, 7, 8, 9, 0, time.UTC)},
	}
	disliked := []feedback.PassageVotes{{PassageID: "faq.md#x", Down: 2}, {PassageID: "gone*_id", Down: 1, Up: 1}}
	byRef := func(ref string) (content.Passage, bool) {
		if ref == "faq.md#x" {
			return content.Passage{Kind: content.KindFAQ, Question: "How do I **win**?"}, true
		}
		return content.Passage{}, false
	}
	got := unansweredText(qs, disliked, byRef)
	for _, want := range []string{
		"1. \\[Free Nitro\\](https://evil.example/phish) — asked 3×, last 2025-05-06",
		"2. \\> quoted \\|\\|spoiler\\|\\| @\u200bhere — asked 1×",
		"• How do I \\*\\*win\\*\\*? — 👎 2, 👍 0",
		"• gone\\*\\_id — 👎 1, 👍 1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("unansweredText lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "[Free Nitro](") {
		t.Errorf("a masked link is live:\n%s", got)
	}
	if got := unansweredText(nil, nil, byRef); !strings.Contains(got, "No unanswered questions") {
		t.Errorf("empty list: %q", got)
	}
}
