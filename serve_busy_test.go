package main

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/content"
	"faqbot/internal/fakediscord"
)

// Issue 11: a busy server. These run `faqbot serve` with the default limits
// (startServe turns them off for the other tests) and many members, each
// with a user id of their own.

// defaultLimits leaves USER_COOLDOWN, CHANNEL_COOLDOWN and REPEAT_WINDOW at
// their defaults.
var defaultLimits = map[string]string{"USER_COOLDOWN": "", "CHANNEL_COOLDOWN": "", "REPEAT_WINDOW": ""}

// faqQuestions are the FAQ questions of testdata/serve, word for word: they
// find their own FAQ whatever the ranking does.
var faqQuestions = []string{
	"When is raid night?",
	"How do I join the book club?",
	"What should I bring to a raid?",
	"What happens if I break the rules?",
	"Can I advertise my own server?",
}

var members atomic.Int64

// newMember is a member with a user id of their own.
func newMember() string { return fmt.Sprintf("31%016d", members.Add(1)) }

// asked is one question sent to the bot, and how to find the bot's reply.
type asked struct {
	question string
	slash    bool
	id       string // interaction id, or message id of a mention
}

// sendAsk dispatches /ask without waiting.
func (s *served) sendAsk(t testing.TB, member, channel, q string) asked {
	t.Helper()
	in := fakediscord.Interaction{ID: nextID(), Name: "ask", UserID: member, ChannelID: channel, Options: []fakediscord.CommandOption{{Name: "question", Value: q}}}
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.SlashCommand(in))
	return asked{question: q, slash: true, id: in.ID}
}

// sendMention dispatches a message mentioning the bot without waiting.
func (s *served) sendMention(t testing.TB, member, channel, q string) asked {
	t.Helper()
	m := fakediscord.Message{ID: nextID(), AuthorID: member, ChannelID: channel, Content: "<@" + fakediscord.DefaultBotUserID + "> " + q}
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(m))
	return asked{question: q, id: m.ID}
}

// replyTo waits for the bot's reply to a.
func (s *served) replyTo(t testing.TB, a asked, timeout time.Duration) fakediscord.Request {
	t.Helper()
	if a.slash {
		return s.fake.WaitRequest(t, timeout, func(r fakediscord.Request) bool {
			return r.Method == "POST" && strings.HasPrefix(r.Path, "interactions/"+a.id+"/") && r.Status < 300
		})
	}
	return s.fake.WaitRequest(t, timeout, func(r fakediscord.Request) bool {
		ref, _ := r.Field("message_reference", "message_id")
		return r.Method == "POST" && strings.HasSuffix(r.Path, "/messages") && ref == a.id
	})
}

// title is the reply's embed title, for interaction responses and messages.
func title(r fakediscord.Request) string {
	for _, keys := range [][]string{{"data", "embeds", "0", "title"}, {"embeds", "0", "title"}} {
		if v, ok := r.Field(keys...); ok {
			s, _ := v.(string)
			return s
		}
	}
	return ""
}

func replyContent(r fakediscord.Request) string {
	for _, keys := range [][]string{{"data", "content"}, {"content"}} {
		if v, ok := r.Field(keys...); ok {
			s, _ := v.(string)
			return s
		}
	}
	return ""
}

var messageLink = regexp.MustCompile(`https://discord\.com/channels/(\d+)/(\d+)/(\d+)`)

func TestServeBusyChannelAnswersEveryone(t *testing.T) {
	t.Parallel()
	s := startServe(t, defaultLimits)
	const channel = "200000000000000011"

	// Five members ask five questions within one second: three /ask, two
	// mentions. Every one is answered, publicly.
	start := time.Now()
	var sent []asked
	for n, q := range faqQuestions {
		if n < 3 {
			sent = append(sent, s.sendAsk(t, newMember(), channel, q))
		} else {
			sent = append(sent, s.sendMention(t, newMember(), channel, q))
		}
	}
	if d := time.Since(start); d > time.Second {
		t.Logf("the five questions took %v to send (slow machine)", d)
	}
	for _, a := range sent {
		r := s.replyTo(t, a, wait)
		if title(r) != a.question || ephemeral(r) {
			t.Errorf("%q (slash %v): title %q, ephemeral %v: %s", a.question, a.slash, title(r), ephemeral(r), r)
		}
	}

	// Five more members ask one question at once: one public answer, and
	// everyone else is pointed to it (privately, with the answer, for /ask).
	const other = "200000000000000012"
	q := faqQuestions[0]
	sent = sent[:0]
	for n := range 5 {
		if n%2 == 0 {
			sent = append(sent, s.sendAsk(t, newMember(), other, q))
		} else {
			sent = append(sent, s.sendMention(t, newMember(), other, q))
		}
	}
	public := 0
	var links []string
	for _, a := range sent {
		r := s.replyTo(t, a, wait)
		content := replyContent(r)
		switch {
		case a.slash && title(r) != q:
			t.Errorf("/ask %q got no answer: %s", q, r)
		case !a.slash && title(r) != q && !messageLink.MatchString(content):
			t.Errorf("mention %q got neither the answer nor a link to it: %s", q, r)
		}
		if title(r) != "" && !ephemeral(r) {
			public++
		}
		if l := messageLink.FindString(content); l != "" {
			links = append(links, l)
		}
		noMentionsAllowed(t, r, keysOf(a)...)
	}
	if public != 1 {
		t.Errorf("%d public copies of the answer in one channel, want 1", public)
	}
	for _, l := range links {
		m := messageLink.FindStringSubmatch(l)
		if m[1] != fakediscord.DefaultGuildID || m[2] != other {
			t.Errorf("pointer %s is not to the channel %s", l, other)
		}
		if l != links[0] {
			t.Errorf("pointers to different messages: %v", links)
		}
	}
}

// keysOf is where allowed_mentions sits in the reply to a.
func keysOf(a asked) []string {
	if a.slash {
		return []string{"data"}
	}
	return nil
}

func TestServeMemberAsksTwiceAtOnce(t *testing.T) {
	t.Parallel()
	s := startServe(t, defaultLimits)
	member := newMember()
	a := s.sendAsk(t, member, fakediscord.DefaultChannelID, faqQuestions[0])
	b := s.sendAsk(t, member, fakediscord.DefaultChannelID, faqQuestions[1])
	ra, rb := s.replyTo(t, a, wait), s.replyTo(t, b, wait)
	answer, notice := ra, rb
	if title(ra) == "" {
		answer, notice = rb, ra
	}
	if title(answer) == "" || ephemeral(answer) {
		t.Errorf("no public answer: %s / %s", ra, rb)
	}
	m := regexp.MustCompile(`You've just had an answer from me\. You can ask again in (\d) seconds\.`).FindStringSubmatch(replyContent(notice))
	if m == nil || !ephemeral(notice) || title(notice) != "" {
		t.Fatalf("second question: %s, want a private notice naming the wait", notice)
	}
	if m[1] != "5" && m[1] != "4" {
		t.Errorf("the notice names a wait of %s seconds; USER_COOLDOWN is 5s", m[1])
	}
	noMentionsAllowed(t, notice, "data")

	// Another member in the same channel is not held back by it.
	if r := s.replyTo(t, s.sendAsk(t, newMember(), fakediscord.DefaultChannelID, faqQuestions[2]), wait); title(r) != faqQuestions[2] {
		t.Errorf("another member: %s", r)
	}
}

func TestServeTwoHundredMembersAtOnce(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"USER_COOLDOWN": "", "CHANNEL_COOLDOWN": "", "REPEAT_WINDOW": "", "LOG_LEVEL": "warn"})
	const askers = 200
	bound := 3 * time.Second
	if raceEnabled {
		bound = 15 * time.Second // -race makes everything several times slower
	}
	start := time.Now()
	sent := make([]asked, askers)
	at := make([]time.Time, askers)
	for n := range sent {
		at[n] = time.Now()
		sent[n] = s.sendAsk(t, newMember(), fakediscord.DefaultChannelID, faqQuestions[n%len(faqQuestions)])
	}
	public := 0
	lat := make([]time.Duration, 0, askers)
	for n, a := range sent {
		r := s.replyTo(t, a, bound+wait)
		if title(r) != a.question {
			t.Errorf("%q: %s", a.question, r)
		}
		if !ephemeral(r) {
			public++
		}
		lat = append(lat, r.At.Sub(at[n]))
	}
	took := time.Since(start)
	slices.Sort(lat)
	t.Logf("%d members asked at once: all answered within %v; event to reply p50 %v, p99 %v (%d public answers, the rest pointed to them)",
		askers, took.Round(time.Millisecond), lat[askers/2].Round(time.Millisecond), lat[askers*99/100].Round(time.Millisecond), public)
	if took > bound {
		t.Errorf("the last of %d answers took %v, want within %v", askers, took, bound)
	}
	if public != len(faqQuestions) {
		t.Errorf("%d public answers for %d questions in one channel", public, len(faqQuestions))
	}
}

func TestServeRoleMention(t *testing.T) {
	t.Parallel()
	s := startServe(t, nil)
	s.fake.Dispatch(t, "GUILD_CREATE", s.fake.GuildCreate(fakediscord.Guild{Roles: []fakediscord.Role{{ID: "400000000000000009", Name: "Officers"}}}))
	msg := fakediscord.Message{ID: nextID(), Content: "<@&" + fakediscord.DefaultBotRoleID + "> " + faqQuestions[0]}
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(msg))
	if r := s.replyTo(t, asked{id: msg.ID}, wait); title(r) != faqQuestions[0] {
		t.Errorf("a mention of the bot's role: %s", r)
	}
	s.fake.ClearRequests()
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), Content: "<@&400000000000000009> " + faqQuestions[1]}))
	s.fake.NoRequest(t, time.Second, fakediscord.Match("POST", "channels/*/messages"))
	// The role was learned from its tags (the member's roles in discordgo's
	// state are the fallback).
	learned := fmt.Sprintf(`msg="bot role" guild=%s role=%s`, fakediscord.DefaultGuildID, fakediscord.DefaultBotRoleID)
	if !strings.Contains(s.log.String(), learned) {
		t.Errorf("log lacks %s", learned)
	}
}

func TestServeHelpChannelLimitIsForUnaskedAnswersOnly(t *testing.T) {
	t.Parallel()
	const help = "200000000000000078"
	env := map[string]string{"ANSWER_CHANNELS": help, "CHANNEL_COOLDOWN": "1m"}
	s := startServe(t, env)
	// Two unasked questions at once: one answer (the channel's limit).
	for _, q := range faqQuestions[:2] {
		s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), AuthorID: newMember(), ChannelID: help, Content: q}))
	}
	s.fake.WaitRequest(t, wait, fakediscord.Match("POST", "channels/"+help+"/messages"))
	time.Sleep(500 * time.Millisecond)
	if n := len(requestsTo(s, "channels/"+help+"/messages")); n != 1 {
		t.Errorf("%d unasked answers within CHANNEL_COOLDOWN, want 1", n)
	}
	// /ask and mentions there are answered all the same.
	if r := s.replyTo(t, s.sendAsk(t, newMember(), help, faqQuestions[2]), wait); title(r) != faqQuestions[2] || ephemeral(r) {
		t.Errorf("/ask in a help channel just answered: %s", r)
	}
	if r := s.replyTo(t, s.sendMention(t, newMember(), help, faqQuestions[3]), wait); title(r) != faqQuestions[3] {
		t.Errorf("mention in a help channel just answered: %s", r)
	}
}

// TestServeUnsentAnswerDoesNotHoldMemberBack: a member who mentions the
// bot in a channel where it may not write gets nothing there, and their
// /ask right after is answered; once, the answer that Discord refused had
// started their limit, and the /ask was told "You've just had an answer
// from me".
func TestServeUnsentAnswerDoesNotHoldMemberBack(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"USER_COOLDOWN": "1h"})
	const locked = "200000000000000094"
	s.fake.Fail("POST", "channels/"+locked+"/messages", 403, 1)
	member := newMember()
	s.sendMention(t, member, locked, faqQuestions[0])
	s.fake.WaitRequest(t, wait, func(r fakediscord.Request) bool {
		return r.Method == "POST" && r.Path == "channels/"+locked+"/messages" && r.Status == 403
	})
	// The limit is given back once the bot has read Discord's refusal,
	// which this test sees a moment before the bot does: the member asks
	// until answered, or told to wait for the hour of USER_COOLDOWN.
	var r fakediscord.Request
	waitUntil(wait, 50*time.Millisecond, func() bool {
		r = s.replyTo(t, s.sendAsk(t, member, fakediscord.DefaultChannelID, faqQuestions[1]), wait)
		return title(r) != ""
	})
	if title(r) != faqQuestions[1] {
		t.Errorf("/ask after an answer that could not be sent: %s", r)
	}
	// The answer it did get counts.
	if r := s.replyTo(t, s.sendAsk(t, member, fakediscord.DefaultChannelID, faqQuestions[2]), wait); !strings.Contains(replyContent(r), "You've just had an answer") {
		t.Errorf("/ask after an answer: %s", r)
	}
}

// TestServeAnswersWhereRepliesAreRefused: in a channel where the bot may
// write but not read the message history, Discord refuses replies (403,
// code 160002); the answer to a mention there goes out as a message of its
// own. Once, the member got nothing.
func TestServeAnswersWhereRepliesAreRefused(t *testing.T) {
	t.Parallel()
	s := startServe(t, nil)
	const channel = "200000000000000095"
	s.fake.FailCode("POST", "channels/"+channel+"/messages", 403, discordgo.ErrCodeCannotReplyWithoutPermissionToReadMessageHistory, 1)
	a := s.sendMention(t, newMember(), channel, faqQuestions[0])
	refused := s.replyTo(t, a, wait)
	r := s.fake.WaitRequest(t, wait, func(r fakediscord.Request) bool {
		return r.Method == "POST" && r.Path == "channels/"+channel+"/messages" && r.Status == 200
	})
	if refused.Status != 403 || title(r) != faqQuestions[0] {
		t.Errorf("refused reply %s, then %s: want the answer", refused, r)
	}
	if ref, ok := r.Field("message_reference"); ok && ref != nil {
		t.Errorf("the answer is a reply again: %s", r)
	}
	noMentionsAllowed(t, r)
}

func requestsTo(s *served, path string) []fakediscord.Request {
	var out []fakediscord.Request
	for _, r := range s.fake.Requests() {
		if r.Method == "POST" && r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// TestServeSeedArticleButtons serves the seed article and asks its own FAQ
// questions: in every reply the buttons read differently and none reads as
// the bare article title.
func TestServeSeedArticleButtons(t *testing.T) {
	t.Parallel()
	const seed = "../shared/seeds/kremlin-us-russia-talks.txt"
	if _, err := os.Stat(seed); err != nil {
		t.Skipf("needs %s (../shared beside the project)", seed)
	}
	c, err := content.LoadPath(context.Background(), seed, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := startServe(t, map[string]string{"CONTENT_DIR": seed})
	checked := 0
	for _, p := range c.Passages {
		q := p.Question
		if q == "" {
			continue
		}
		r := s.ask(t, fakediscord.Interaction{UserID: newMember()}, q)
		seen := map[string]bool{}
		for _, b := range buttonList(t, r) {
			if !strings.HasPrefix(b.CustomID, "alt:") {
				continue
			}
			checked++
			if seen[b.Label] || b.Label == p.Title || len([]rune(b.Label)) > 80 {
				t.Errorf("%q: button %q repeated, the bare title, or too long", q, b.Label)
			}
			seen[b.Label] = true
		}
	}
	if checked == 0 {
		t.Fatal("no alternative buttons in any reply")
	}
}

// TestServeEventDeliveredTwiceIsAnsweredOnce: Discord may deliver an event
// twice (a resumed session, a moved shard). The bot answers it once:
// handled twice, a mention got a second reply (a pointer to the first, or
// a cooldown notice), and an /ask's two responses raced, so that the
// member could see "You've just had an answer" instead of the answer.
func TestServeEventDeliveredTwiceIsAnsweredOnce(t *testing.T) {
	t.Parallel()
	s := startServe(t, defaultLimits)
	id := nextID()
	in := fakediscord.Interaction{ID: id, Token: "token-" + id, Name: "ask", UserID: newMember(), Options: []fakediscord.CommandOption{{Name: "question", Value: faqQuestions[0]}}}
	slash := s.fake.SlashCommand(in)
	msg := fakediscord.Message{ID: nextID(), AuthorID: newMember(), ChannelID: "200000000000000031", Content: "<@" + fakediscord.DefaultBotUserID + "> " + faqQuestions[1]}
	mention := s.fake.Message(msg)
	for range 2 {
		s.fake.Dispatch(t, "INTERACTION_CREATE", slash)
		s.fake.Dispatch(t, "MESSAGE_CREATE", mention)
	}
	for _, a := range []asked{{question: faqQuestions[0], slash: true, id: in.ID}, {question: faqQuestions[1], id: msg.ID}} {
		if r := s.replyTo(t, a, wait); title(r) != a.question {
			t.Errorf("%q (slash %v): %s", a.question, a.slash, r)
		}
	}
	// A second response would follow the first within moments.
	callback, replies := "interactions/"+in.ID+"/"+in.Token+"/callback", "channels/"+msg.ChannelID+"/messages"
	s.fake.NoRequest(t, time.Second, func(r fakediscord.Request) bool {
		return (r.Path == callback || r.Path == replies) && (len(requestsTo(s, callback)) > 1 || len(requestsTo(s, replies)) > 1)
	})
}

// TestServeReplyRetriedAfterDiscordError: a reply that Discord fails on its
// side (500, 503) or whose connection breaks before any answer is sent
// again, within the interaction's 3 seconds: once, the reply was lost
// (discordgo tries again after 502 alone), and the member who asked got
// nothing. A message whose connection broke is not sent again: Discord
// may have posted it.
func TestServeReplyRetriedAfterDiscordError(t *testing.T) {
	t.Parallel()
	s := startServe(t, nil)
	s.fake.Fail("POST", "interactions/*/*/callback", 500, 1)
	s.fake.Drop("POST", "interactions/*/*/callback", 1)
	s.fake.Fail("POST", "channels/*/messages", 503, 1)
	at := time.Now()
	sent := []asked{
		s.sendAsk(t, newMember(), "200000000000000041", faqQuestions[0]),
		s.sendAsk(t, newMember(), "200000000000000042", faqQuestions[1]),
		s.sendMention(t, newMember(), "200000000000000043", faqQuestions[2]),
	}
	for _, a := range sent {
		r := s.fake.WaitRequest(t, wait, func(r fakediscord.Request) bool {
			ref, _ := r.Field("message_reference", "message_id")
			return r.Method == "POST" && r.Status > 0 && r.Status < 300 && (strings.HasPrefix(r.Path, "interactions/"+a.id+"/") || ref == a.id)
		})
		if title(r) != a.question {
			t.Errorf("%q (slash %v): %s", a.question, a.slash, r)
		}
		if d := r.At.Sub(at); a.slash && d > discordDeadline {
			t.Errorf("%q answered after %v, later than Discord's %v", a.question, d, discordDeadline)
		}
	}
	for path, faults := range map[string]int{"interactions/*/*/callback": 2, "channels/*/messages": 1} {
		if n := len(failed(s, path)); n != faults {
			t.Errorf("%d failed requests to %s, want the %d faults", n, path, faults)
		}
	}
}

// failed are the requests matching pattern that Discord did not answer
// with success.
func failed(s *served, pattern string) []fakediscord.Request {
	var out []fakediscord.Request
	match := fakediscord.Match("POST", pattern)
	for _, r := range s.fake.Requests() {
		if match(r) && (r.Status == 0 || r.Status >= 300) {
			out = append(out, r)
		}
	}
	return out
}

// TestServeBusyChannelSlowDiscordRepliesToAll: replies in one channel go
// out one at a time (they share a rate-limit bucket, and discordgo sends
// one request per bucket at once), so when Discord is slow the last ones
// wait long for their turn. Each is still sent: once, those still waiting
// when the handler's timeout came were dropped, and their askers got
// nothing.
func TestServeBusyChannelSlowDiscordRepliesToAll(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"HANDLER_TIMEOUT": "2s", "LOG_LEVEL": "warn"})
	const channel = "200000000000000051"
	s.fake.Slow("POST", "channels/"+channel+"/messages", time.Second)
	var sent []asked
	for _, q := range faqQuestions {
		sent = append(sent, s.sendMention(t, newMember(), channel, q))
	}
	for _, a := range sent {
		if r := s.replyTo(t, a, wait); title(r) != a.question {
			t.Errorf("%q: %s", a.question, r)
		}
	}
}

// TestServeEditedQuestionIsAnsweredAgain: a member who edits the question
// they mentioned the bot with (a typo fixed, a word added) gets the bot's
// reply edited to answer the new text; an edit that changes nothing the
// bot reads, and an edit of a message it never replied to, change nothing.
func TestServeEditedQuestionIsAnsweredAgain(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"USER_COOLDOWN": "1m"})
	const channel = "300000000000000181"
	member := newMember()
	a := s.sendMention(t, member, channel, "zzq qqz")
	first := s.replyTo(t, a, wait)
	if title(first) != "" {
		t.Fatalf("first reply answers: %s", first.Body)
	}
	replyID, _ := first.Reply["id"].(string)
	edit := func(content string) {
		m := s.fake.Message(fakediscord.Message{ID: a.id, AuthorID: member, ChannelID: channel, Content: "<@" + fakediscord.DefaultBotUserID + "> " + content})
		m["edited_timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
		s.fake.Dispatch(t, "MESSAGE_UPDATE", m)
	}
	edited := func(r fakediscord.Request) bool {
		return r.Method == "PATCH" && r.Path == "channels/"+channel+"/messages/"+replyID
	}
	// The bot knows its reply once Discord has answered its post, which
	// this test sees a moment before the bot does: the member edits until
	// the reply is edited, as a member edits seconds later.
	var r fakediscord.Request
	for deadline := time.Now().Add(wait); ; {
		edit("when is raid night?")
		var ok bool
		if ok = waitUntil(100*time.Millisecond, 5*time.Millisecond, func() bool { r, ok = s.fake.Find(edited); return ok }); ok || time.Now().After(deadline) {
			break
		}
	}
	if title(r) != "When is raid night?" {
		t.Errorf("edited reply: %s", r.Body)
	}
	// The same question again (Discord edits a message itself when it adds
	// a link preview), and a message the bot never replied to.
	s.fake.ClearRequests()
	edit("when is raid night?")
	other := s.fake.Message(fakediscord.Message{ID: nextID(), AuthorID: member, ChannelID: channel, Content: "<@" + fakediscord.DefaultBotUserID + "> when is raid night?"})
	s.fake.Dispatch(t, "MESSAGE_UPDATE", other)
	s.fake.NoRequest(t, 500*time.Millisecond, fakediscord.Match("PATCH", "channels/*/messages/*"))
}
