package bot

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/content"
	"faqbot/feedback"
	"faqbot/internal/fakediscord"
)

// customIDs are the custom ids of a response's buttons.
func customIDs(t *testing.T, r fakediscord.Request) []string {
	t.Helper()
	bs, err := r.Buttons()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, b := range bs {
		out = append(out, b.CustomID)
	}
	return out
}

func withPrefix(ids []string, prefix string) string {
	for _, id := range ids {
		if strings.HasPrefix(id, prefix) {
			return id
		}
	}
	return ""
}

func (fb *fakeBot) click(t *testing.T, member, custom string) fakediscord.Request {
	t.Helper()
	payload := fb.fake.Button(fakediscord.Interaction{CustomID: custom, UserID: member})
	fb.onInteraction(context.Background(), decode[discordgo.InteractionCreate](t, payload))
	return fb.fake.WaitRequest(t, testWait, fakediscord.Match("POST", "interactions/"+payload["id"].(string)+"/*/callback"))
}

func TestChoicesTeachPhrasings(t *testing.T) {
	const ann, bob, cy = "300000000000000001", "300000000000000002", "300000000000000003"
	tests := []struct {
		name   string
		auto   int
		clicks func(t *testing.T, fb *fakeBot)
		want   []string // fakeRecorder.chosen
		auto2  int      // decisions made automatically
	}{
		{
			name: "the asker's click on a did-you-mean button",
			clicks: func(t *testing.T, fb *fakeBot) {
				fb.click(t, ann, withPrefix(customIDs(t, fb.ask(t, ann, "", "raid club")), idAlternative))
			},
			want: []string{"raid club → faq.md#raid ×1"},
		},
		{
			name: "another member's click teaches nothing",
			clicks: func(t *testing.T, fb *fakeBot) {
				fb.click(t, bob, withPrefix(customIDs(t, fb.ask(t, ann, "", "raid club")), idAlternative))
			},
		},
		{
			name: "a thumbs up on the answer",
			clicks: func(t *testing.T, fb *fakeBot) {
				fb.click(t, ann, withPrefix(customIDs(t, fb.ask(t, ann, "", "what day do we raid")), idVoteUp))
			},
			want: []string{"what day do we raid → faq.md#raid ×1"},
		},
		{
			name: "a thumbs down withdraws it",
			clicks: func(t *testing.T, fb *fakeBot) {
				ids := customIDs(t, fb.ask(t, ann, "", "what day do we raid"))
				fb.click(t, ann, withPrefix(ids, idVoteUp))
				fb.click(t, ann, withPrefix(ids, idVoteDown))
			},
		},
		{
			name: "a paragraph has no phrasings to learn",
			clicks: func(t *testing.T, fb *fakeBot) {
				ids := customIDs(t, fb.ask(t, ann, "", "when is raid night"))
				fb.click(t, ann, ids[1]) // the rules paragraph, second alternative
			},
		},
		{
			name: "buttons without a question (older messages) teach nothing",
			clicks: func(t *testing.T, fb *fakeBot) {
				id, _ := splitKey(strings.TrimPrefix(withPrefix(customIDs(t, fb.ask(t, ann, "", "raid club")), idAlternative), idAlternative))
				fb.click(t, ann, idAlternative+id)
			},
		},
		{
			name: "LEARN_AUTO_ACCEPT accepts once enough members chose",
			auto: 2,
			clicks: func(t *testing.T, fb *fakeBot) {
				for _, m := range []string{ann, bob, cy} {
					fb.click(t, m, withPrefix(customIDs(t, fb.ask(t, m, "", "raid club")), idAlternative))
				}
			},
			want:  []string{"raid club → faq.md#raid ×3"},
			auto2: 2, // at two members, and the fake says pending again at three
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fb := newFakeBot(t, Config{LearnAutoAccept: tc.auto})
			tc.clicks(t, fb)
			if got := fb.record.chosen(); !slices.Equal(got, tc.want) {
				t.Errorf("choices %q, want %q", got, tc.want)
			}
			if len(fb.record.decided) != tc.auto2 {
				t.Errorf("decided %q, want %d automatic", fb.record.decided, tc.auto2)
			}
			for _, d := range fb.record.decided {
				if !strings.HasSuffix(d, " true auto") {
					t.Errorf("decision %q", d)
				}
			}
		})
	}
}

func TestAskedQuestionsExpire(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	a := newAskedQuestions(func() time.Time { return now })
	a.remember("k1", "q1", "ann")
	now = now.Add(askedWindow - time.Second)
	a.remember("k2", "q2", "bob")
	if q, ok := a.get("k1"); !ok || q.question != "q1" || q.member != "ann" {
		t.Errorf("k1 = %+v, %v", q, ok)
	}
	now = now.Add(2 * time.Second)
	if _, ok := a.get("k1"); ok {
		t.Error("k1 remembered past the window")
	}
	a.remember("k3", "q3", "cy") // drops k1
	if len(a.asked.byKey) != 2 || a.asked.order[0] != "k2" {
		t.Errorf("kept %v", a.asked.order)
	}
	if k := newAskedKey(); len(k) != 8 || k == newAskedKey() {
		t.Errorf("key %q", k)
	}
}

func TestLearnedButtonIDs(t *testing.T) {
	for _, tc := range []struct {
		action string
		v      learnedView
		id     string
	}{
		{actAccept, learnedView{page: 3}, "0123456789abcdef"},
		{actReject, learnedView{accepted: true}, "fedcba9876543210"},
		{actPage, learnedView{page: 1}, ""},
	} {
		s := learnedButtonID(tc.action, tc.v, tc.id)
		if len(s) > 100 {
			t.Errorf("%q is over Discord's 100 characters", s)
		}
		action, v, id, ok := parseLearnedButton(strings.TrimPrefix(s, idLearned))
		if !ok || action != tc.action || v != tc.v || id != tc.id {
			t.Errorf("%q reads back as %q %+v %q %v", s, action, v, id, ok)
		}
	}
	for _, bad := range []string{"", "acc", "acc:other:0:x", "acc:pending:-1:x", "acc:pending:0", "page:pending:x"} {
		if _, _, _, ok := parseLearnedButton(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestLearnedPage(t *testing.T) {
	byRef := func(id string) (content.Passage, bool) {
		for _, p := range []content.Passage{raidFAQ, clubFAQ} {
			if p.ID == id {
				return p, true
			}
		}
		return content.Passage{}, false
	}
	pend := func(id, text string, n int) feedback.Phrasing {
		return feedback.Phrasing{ID: feedback.PhrasingID(id, text), PassageID: id, Text: text, Members: n, State: feedback.Pending}
	}
	decided := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	acc := func(id, text, by string) feedback.Phrasing {
		return feedback.Phrasing{ID: feedback.PhrasingID(id, text), PassageID: id, Text: text, State: feedback.Accepted, By: by, Decided: decided}
	}
	six := []feedback.Phrasing{
		pend(raidFAQ.ID, "what night is raid", 3), pend(raidFAQ.ID, "raid day?", 1),
		pend(clubFAQ.ID, "**book** club <@123> [x](https://evil)", 2), pend(clubFAQ.ID, "reading group", 1),
		pend("gone.md#x", "old thing", 1), pend("gone.md#x", "older thing", 1),
	}
	tests := []struct {
		name     string
		v        learnedView
		l        learnedLists
		note     string
		contains []string
		absent   []string
		buttons  []string // labels
	}{
		{
			name:     "nothing pending",
			l:        learnedLists{},
			contains: []string{"No phrasings are waiting"},
			buttons:  []string{"Show accepted"},
		},
		{
			name: "first page, grouped by passage, escaped",
			l:    learnedLists{items: six, accepted: 2, orphaned: 1},
			contains: []string{
				"(page 1 of 2)", "**When is raid night?**\n1. “what night is raid” — 3 members\n2. “raid day?” — 1 member\n",
				"**How do I join the book club?**\n3. “\\*\\*book\\*\\* club \\<@123> \\[x\\](https://evil)” — 2 members",
				"2 accepted phrasing(s), 1 of them orphaned.",
			},
			absent:  []string{"old thing"},
			buttons: []string{"Accept 1", "Reject 1", "Accept 2", "Reject 2", "Accept 3", "Reject 3", "Accept 4", "Reject 4", "Next ▶", "Show accepted"},
		},
		{
			name:     "last page: orphans named by id",
			v:        learnedView{page: 1},
			l:        learnedLists{items: six},
			note:     "✅ Accepted.",
			contains: []string{"✅ Accepted.\n\n", "(page 2 of 2)", "**gone.md#x** (orphaned: this passage is no longer in the content)\n5. “old thing”"},
			buttons:  []string{"Accept 5", "Reject 5", "Accept 6", "Reject 6", "◀ Previous", "Show accepted"},
		},
		{
			name:     "a page past the end shows the last",
			v:        learnedView{page: 9},
			l:        learnedLists{items: six[:2]},
			contains: []string{"(page 1 of 1)"},
			buttons:  []string{"Accept 1", "Reject 1", "Accept 2", "Reject 2", "Show accepted"},
		},
		{
			name:     "accepted, with Remove",
			v:        learnedView{accepted: true},
			l:        learnedLists{items: []feedback.Phrasing{acc(raidFAQ.ID, "raid when", byModerator), acc(clubFAQ.ID, "books", byAuto)}},
			contains: []string{"**Accepted phrasings**", "1. “raid when” — accepted by a moderator, 2025-03-01", "2. “books” — accepted automatically"},
			buttons:  []string{"Remove 1", "Remove 2", "Show pending"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := learnedPage(tc.v, tc.l, byRef, tc.note)
			for _, c := range tc.contains {
				if !strings.Contains(d.Content, c) {
					t.Errorf("missing %q in\n%s", c, d.Content)
				}
			}
			for _, c := range tc.absent {
				if strings.Contains(d.Content, c) {
					t.Errorf("%q shown in\n%s", c, d.Content)
				}
			}
			var labels []string
			for _, row := range d.Components {
				for _, c := range row.(discordgo.ActionsRow).Components {
					b := c.(discordgo.Button)
					labels = append(labels, b.Label)
					if len(b.CustomID) > 100 {
						t.Errorf("custom id %q too long", b.CustomID)
					}
				}
			}
			if !slices.Equal(labels, tc.buttons) || len(d.Components) > 5 {
				t.Errorf("buttons %q (%d rows), want %q", labels, len(d.Components), tc.buttons)
			}
		})
	}
}
