package main

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/internal/fakediscord"
)

// buttonList is a response's buttons in order.
func buttonList(t *testing.T, r fakediscord.Request) []fakediscord.Button {
	t.Helper()
	bs, err := r.Buttons()
	if err != nil {
		t.Fatal(err)
	}
	return bs
}

// buttons are a response's buttons: label → custom id.
func buttons(t *testing.T, r fakediscord.Request) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, b := range buttonList(t, r) {
		out[b.Label] = b.CustomID
	}
	return out
}

// click clicks a button as a member and returns the bot's response.
func (s *served) click(t *testing.T, in fakediscord.Interaction, custom string) fakediscord.Request {
	t.Helper()
	if custom == "" {
		t.Fatal("no such button")
	}
	in.ID, in.CustomID = nextID(), custom
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.Button(in))
	return s.callback(t, in.ID)
}

// learned runs /faq learned [list:…] as in.
func (s *served) learned(t *testing.T, in fakediscord.Interaction, list string) fakediscord.Request {
	t.Helper()
	in.ID, in.Name = nextID(), "faq"
	sub := fakediscord.CommandOption{Name: "learned"}
	if list != "" {
		sub.Options = []fakediscord.CommandOption{{Name: "list", Value: list}}
	}
	in.Options = []fakediscord.CommandOption{sub}
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.SlashCommand(in))
	return s.callback(t, in.ID)
}

// answersConfidently asks as member until the answer is the raid FAQ (a
// rebuild runs in the background), for up to the wait.
func (s *served) answersConfidently(t *testing.T, member, q string) bool {
	t.Helper()
	var r fakediscord.Request
	if waitUntil(wait, 200*time.Millisecond, func() bool {
		r = s.ask(t, fakediscord.Interaction{UserID: member}, q)
		return title(r) == "When is raid night?"
	}) {
		return true
	}
	t.Logf("last reply to %q: %s", q, r.Body)
	return false
}

// TestServeLearnsPhrasings is the learning loop end to end: a member's
// unsure question and their click on the right "did you mean" button, the
// phrasing in /faq learned, refused to a non-moderator, accepted by a
// moderator, and the same question from another member answered
// confidently; a rejected phrasing does not come back; all of it survives a
// restart and a /faq reload; and a removed phrasing is no longer answered.
func TestServeLearnsPhrasings(t *testing.T) {
	t.Parallel()
	const (
		ann, bob, cy, dee = "310000000000000001", "310000000000000002", "310000000000000003", "310000000000000004"
		modRole           = "400000000000000009"
		unsure            = "when is the weekly dungeon run"
		offTopic          = "is self promotion ok here"
	)
	env := map[string]string{"DATA_DIR": t.TempDir(), "INDEX_DIR": t.TempDir(), "MODERATOR_ROLES": modRole}
	mod := fakediscord.Interaction{UserID: dee, Roles: []string{modRole}}
	s := startServe(t, env)

	// ann is not sure of an answer, and picks the raid FAQ.
	r := s.ask(t, fakediscord.Interaction{UserID: ann}, unsure)
	if title(r) != "" || !ephemeral(r) {
		t.Fatalf("%q was answered: %s", unsure, r.Body)
	}
	if c := s.click(t, fakediscord.Interaction{UserID: ann}, buttons(t, r)["When is raid night?"]); title(c) != "When is raid night?" {
		t.Fatalf("alternative: %s", c.Body)
	}
	// cy picks a passage for another question; that one is rejected below.
	r = s.ask(t, fakediscord.Interaction{UserID: cy}, offTopic)
	s.click(t, fakediscord.Interaction{UserID: cy}, buttons(t, r)["Can I advertise my own server?"])

	// The moderators see both, with the members behind each.
	list := s.learned(t, mod, "")
	content := str(t, list, "data", "content")
	if !ephemeral(list) || !strings.Contains(content, "“"+unsure+"” — 1 member") || !strings.Contains(content, "“"+offTopic+"” — 1 member") {
		t.Fatalf("/faq learned: %s", list.Body)
	}
	noMentionsAllowed(t, list, "data")
	b := buttons(t, list)
	accept, reject := "", ""
	for label, id := range b {
		// Grouped by passage in content order of the list: find each by its number.
		switch {
		case strings.HasPrefix(label, "Accept "):
			if n := strings.TrimPrefix(label, "Accept "); strings.Contains(content, n+". “"+unsure) {
				accept = id
			}
		case strings.HasPrefix(label, "Reject "):
			if n := strings.TrimPrefix(label, "Reject "); strings.Contains(content, n+". “"+offTopic) {
				reject = id
			}
		}
	}

	// A member who is not a moderator cannot decide.
	for _, id := range []string{accept, reject} {
		if c := s.click(t, fakediscord.Interaction{UserID: bob}, id); !strings.Contains(str(t, c, "data", "content"), "only moderators") || !ephemeral(c) {
			t.Errorf("non-moderator click: %s", c.Body)
		}
	}
	if !strings.Contains(str(t, s.learned(t, mod, ""), "data", "content"), "“"+unsure+"” — 1 member") {
		t.Fatal("a non-moderator's click changed the list")
	}

	// A moderator accepts one and rejects the other; the list updates in place.
	c := s.click(t, mod, accept)
	if f, _ := c.Field("type"); f != float64(discordgo.InteractionResponseUpdateMessage) || !strings.Contains(str(t, c, "data", "content"), "✅ Accepted “"+unsure+"” for **When is raid night?**") {
		t.Errorf("accept: %s", c.Body)
	}
	c = s.click(t, mod, reject)
	if cc := str(t, c, "data", "content"); !strings.Contains(cc, "❌ Rejected “"+offTopic+"”") || !strings.Contains(cc, "No phrasings are waiting") {
		t.Errorf("reject: %s", c.Body)
	}

	// Within seconds, bob's same question is answered confidently.
	if !s.answersConfidently(t, bob, unsure) {
		t.Fatal("the accepted phrasing is not answered")
	}
	// cy asks the rejected question again and picks the same passage: it
	// does not come back.
	r = s.ask(t, fakediscord.Interaction{UserID: cy}, offTopic)
	s.click(t, fakediscord.Interaction{UserID: cy}, buttons(t, r)["Can I advertise my own server?"])
	if cc := str(t, s.learned(t, mod, ""), "data", "content"); strings.Contains(cc, offTopic) {
		t.Errorf("a rejected phrasing came back: %s", cc)
	}

	// A restart keeps it all.
	s.stop(t)
	s = startServe(t, env)
	if r := s.ask(t, fakediscord.Interaction{UserID: cy}, unsure); title(r) != "When is raid night?" {
		t.Errorf("after a restart: %s", r.Body)
	}
	acc := s.learned(t, mod, "accepted")
	if cc := str(t, acc, "data", "content"); !strings.Contains(cc, "1. “"+unsure+"” — accepted by a moderator") || strings.Contains(cc, offTopic) {
		t.Errorf("accepted after a restart: %s", acc.Body)
	}
	if cc := str(t, s.learned(t, mod, ""), "data", "content"); strings.Contains(cc, offTopic) {
		t.Errorf("a rejected phrasing came back after a restart: %s", cc)
	}

	// And so does a reload of changed content.
	edited := strings.Replace(mustRead(t, s.dir+"/faq.md"), "every Thursday", "every Friday", 1)
	writeFile(t, s.dir+"/faq.md", edited)
	s.faq(t, mod, "reload")
	report := s.fake.WaitRequest(t, wait, fakediscord.Match("PATCH", "webhooks/*/*/messages/@original"))
	if !strings.Contains(str(t, report, "content"), "Reloaded") {
		t.Fatalf("reload: %s", report.Body)
	}
	r = s.ask(t, fakediscord.Interaction{UserID: ann}, unsure)
	if title(r) != "When is raid night?" || !strings.Contains(str(t, r, "data", "embeds", "0", "description"), "Friday") {
		t.Errorf("after a reload: %s", r.Body)
	}

	// A moderator removes it again: within seconds the bot is unsure again.
	c = s.click(t, mod, buttons(t, s.learned(t, mod, "accepted"))["Remove 1"])
	if cc := str(t, c, "data", "content"); !strings.Contains(cc, "🗑️ Removed “"+unsure+"”") || !strings.Contains(cc, "No accepted phrasings yet") {
		t.Errorf("remove: %s", c.Body)
	}
	if !waitUntil(wait, 200*time.Millisecond, func() bool { return title(s.ask(t, fakediscord.Interaction{UserID: bob}, unsure)) == "" }) {
		t.Fatal("a removed phrasing is still answered")
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
