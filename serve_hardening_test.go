package main

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/internal/fakediscord"
)

// TestServeUnansweredEscapesMembersMarkdown: what members asked is shown to
// moderators as they typed it, never as live Markdown, a link or a mention,
// nor with a right-to-left override that turns the rest of its line around.
func TestServeUnansweredEscapesMembersMarkdown(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"DATA_DIR": t.TempDir()})
	lure := "[Free Nitro](https://evil.example/phish)"
	for _, q := range []string{lure, "||spoiler|| **bold** <t:1700000000:R> @everyone `code` # heading", "\u202eWhere do zebras sleep?"} {
		s.ask(t, fakediscord.Interaction{}, q)
	}
	r := s.faq(t, fakediscord.Interaction{Permissions: discordgo.PermissionManageServer}, "unanswered")
	c := str(t, r, "data", "content")
	for _, want := range []string{`\[Free Nitro\](https://evil.example/phish)`, "\\|\\|spoiler\\|\\| \\*\\*bold\\*\\* \\<t:1700000000:R> \\`code\\` # heading", "Where do zebras sleep? — asked"} {
		if !strings.Contains(c, want) {
			t.Errorf("unanswered list lacks %q:\n%s", want, c)
		}
	}
	// @everyone is no part of a question (see bot.cleanQuestion), so it
	// is not recorded either.
	if strings.Contains(c, lure) || strings.Contains(c, "||spoiler||") || strings.Contains(c, "\u202e") || strings.Contains(c, " <t:1700000000:R>") || strings.Contains(c, "everyone") {
		t.Errorf("members' Markdown is live in the list:\n%s", c)
	}
	if f, _ := r.Field("data", "flags"); int(f.(float64))&int(discordgo.MessageFlagsSuppressEmbeds) == 0 {
		t.Errorf("links in the list may unfold: flags %v", f)
	}
	noMentionsAllowed(t, r, "data")
}

// TestServeReloadReportHidesServerDetails: a reload report names content
// files relative to CONTENT_DIR, and says in words (not Go errors, not
// server paths) what went wrong on the server.
func TestServeReloadReportHidesServerDetails(t *testing.T) {
	t.Parallel()
	indexDir := filepath.Join(t.TempDir(), "idx")
	s := startServe(t, map[string]string{"INDEX_DIR": indexDir})
	mod := fakediscord.Interaction{Permissions: discordgo.PermissionManageServer}
	reload := func() string {
		t.Helper()
		s.fake.ClearRequests()
		s.faq(t, mod, "reload")
		r := s.fake.WaitRequest(t, wait, fakediscord.Match("PATCH", "webhooks/*/*/messages/@original"))
		return str(t, r, "content")
	}

	if err := os.WriteFile(filepath.Join(s.dir, "broken.jsonl"), []byte("{not json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := reload()
	if !strings.Contains(c, "broken.jsonl:1: invalid JSON") || strings.Contains(c, s.dir) || strings.Contains(c, os.TempDir()) {
		t.Errorf("report of a broken file: %q", c)
	}
	if err := os.Remove(filepath.Join(s.dir, "broken.jsonl")); err != nil {
		t.Fatal(err)
	}

	// INDEX_DIR made unusable under the bot: the new index cannot be
	// built; the report says so without the path or the system call.
	if err := os.RemoveAll(indexDir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(indexDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	edit := strings.Replace(mustRead(t, filepath.Join(s.dir, "faq.md")), "every Thursday", "every Friday", 1)
	if err := os.WriteFile(filepath.Join(s.dir, "faq.md"), []byte(edit), 0o644); err != nil {
		t.Fatal(err)
	}
	c = reload()
	if !strings.Contains(c, "went wrong on the server") || !strings.Contains(c, "log") ||
		strings.Contains(c, indexDir) || strings.Contains(c, "mkdir") || strings.Contains(c, "not a directory") {
		t.Errorf("report of a server failure: %q", c)
	}
	if !strings.Contains(s.log.String(), "not a directory") {
		t.Errorf("the log lacks the details:\n%s", s.log.String())
	}
}

// TestServeConnectionErrorNamesAPIURL: with DISCORD_API_URL set, failing
// to connect names that URL, not Discord's.
func TestServeConnectionErrorNamesAPIURL(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	env := map[string]string{
		"ENV_FILE":        filepath.Join(t.TempDir(), "absent.env"),
		"DISCORD_TOKEN":   "token",
		"DISCORD_API_URL": "http://" + addr + "/api/v10/",
	}
	var stderr syncBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = run(ctx, []string{"faqbot", "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, &stderr)
	if err == nil || !strings.Contains(err.Error(), addr) || strings.Contains(err.Error()+stderr.String(), "discord.com") {
		t.Errorf("serve = %v\nlog:\n%s", err, stderr.String())
	}
}

// TestServeSmallTalk: a member who thanks the bot, greets it, asks whether
// they may ask, asks for help or says nothing to look up ("whatever") gets
// a courtesy reply instead of "not sure", and nothing lands in the
// moderators' unanswered list.
func TestServeSmallTalk(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"DATA_DIR": t.TempDir()})
	const channel = "300000000000000077"
	if r := s.replyTo(t, s.sendMention(t, newMember(), channel, "thanks a lot!"), wait); str(t, r, "content") != "You're welcome!" || title(r) != "" {
		t.Errorf("mention thanks: %s", r.Body)
	}
	if r := s.replyTo(t, s.sendMention(t, newMember(), channel, "hi there"), wait); !strings.Contains(str(t, r, "content"), "Ask me a question") {
		t.Errorf("mention greeting: %s", r.Body)
	}
	if r := s.replyTo(t, s.sendMention(t, newMember(), channel, "quick question, anyone here?"), wait); !strings.Contains(str(t, r, "content"), "ask away") {
		t.Errorf("mention asking to ask: %s", r.Body)
	}
	if r := s.replyTo(t, s.sendMention(t, newMember(), channel, "help"), wait); !strings.Contains(str(t, r, "content"), "Mention me with a whole question") || title(r) != "" {
		t.Errorf("mention help: %s", r.Body)
	}
	if r := s.replyTo(t, s.sendMention(t, newMember(), channel, "whatever"), wait); !strings.Contains(str(t, r, "content"), "Ask me a question") || title(r) != "" {
		t.Errorf("mention whatever: %s", r.Body)
	}
	r := s.faq(t, fakediscord.Interaction{Permissions: discordgo.PermissionManageServer}, "unanswered")
	if c := str(t, r, "data", "content"); !strings.Contains(c, "No unanswered questions") {
		t.Errorf("small talk recorded as unanswered:\n%s", c)
	}
}

// TestServeTalkAboutTheBot: "who made you?" finds the one sentence of an
// article that says "made", with full confidence; the member gets the line
// on how to ask instead, while a question about the article is answered.
func TestServeTalkAboutTheBot(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	article := "# Club history\n\nThe club was founded in 1998 by three friends who met at the old library on Mill Street.\n\n" +
		"The first club banner was made by hand in the winter of 2001 and still hangs in the hall.\n\n" +
		"Meetings moved to the community centre in 2010, when the library closed for repairs.\n"
	if err := os.WriteFile(filepath.Join(dir, "history.md"), []byte(article), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startServe(t, map[string]string{"CONTENT_DIR": dir, "DATA_DIR": t.TempDir()})
	const channel = "300000000000000078"
	if r := s.replyTo(t, s.sendMention(t, newMember(), channel, "who made you?"), wait); !strings.Contains(str(t, r, "content"), "Mention me with a whole question") || title(r) != "" {
		t.Errorf("mention who made you: %s", r.Body)
	}
	if r := s.replyTo(t, s.sendMention(t, newMember(), channel, "who made the club banner?"), wait); title(r) != "Club history" {
		t.Errorf("mention who made the banner: %s", r.Body)
	}
}

// TestServeReadsMentionedChannelsAndRolesByName: a member who mentions a
// channel or a role asks about what members see, "#book-club" or
// "@Reader", which is how the FAQ names them; by /ask and by a mention.
func TestServeReadsMentionedChannelsAndRolesByName(t *testing.T) {
	t.Parallel()
	s := startServe(t, nil)
	const bookClub, reader = "300000000000000091", "400000000000000092"
	s.fake.Dispatch(t, "GUILD_CREATE", s.fake.GuildCreate(fakediscord.Guild{
		Roles:    []fakediscord.Role{{ID: reader, Name: "Reader"}},
		Channels: []fakediscord.Channel{{ID: bookClub, Name: "book-club"}},
	}))
	const want = "How do I join the book club?"
	// Two channels: in one, the second answer would point to the first.
	for _, a := range []asked{
		s.sendMention(t, newMember(), fakediscord.DefaultChannelID, "what is <#"+bookClub+"> about"),
		s.sendAsk(t, newMember(), "300000000000000093", "how do i get the <@&"+reader+"> role"),
	} {
		if r := s.replyTo(t, a, wait); title(r) != want {
			t.Errorf("%q: %s, want %q", a.question, r.Body, want)
		}
	}
}

// TestServeShutdownTellsLateInteractions: a member whose /ask arrives
// while the bot shuts down (finishing a reply still in flight) is told the
// bot is restarting, privately; it was dropped, and Discord showed them
// "The application did not respond". The reply in flight still goes out.
func TestServeShutdownTellsLateInteractions(t *testing.T) {
	t.Parallel()
	s := startServe(t, nil)
	first := s.stopWhileAnswering(t, 4*time.Second)
	late := fakediscord.Interaction{ID: nextID(), Name: "ask", UserID: nextID(), Options: []fakediscord.CommandOption{{Name: "question", Value: "when is raid night"}}}
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.SlashCommand(late))
	r := s.callback(t, late.ID)
	if c := str(t, r, "data", "content"); !strings.Contains(c, "I'm restarting right now") || !ephemeral(r) {
		t.Errorf("the late member got %s", r.Body)
	}
	noMentionsAllowed(t, r, "data")
	if a := s.callback(t, first.ID); str(t, a, "data", "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("the answer in flight: %s", a.Body)
	}
}

// stopWhileAnswering asks "when is raid night" by /ask, holds the answer on
// its way for hold, and starts the shutdown once the question is being
// answered, so that the shutdown waits for it while the test sends more;
// it returns the question.
func (s *served) stopWhileAnswering(t *testing.T, hold time.Duration) fakediscord.Interaction {
	t.Helper()
	first := fakediscord.Interaction{ID: nextID(), Name: "ask", Options: []fakediscord.CommandOption{{Name: "question", Value: "when is raid night"}}}
	s.fake.Slow("POST", "interactions/"+first.ID+"/*/callback", hold)
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.SlashCommand(first))
	if !waitUntil(wait, 5*time.Millisecond, func() bool { return strings.Contains(s.log.String(), "msg=question source=slash") }) {
		t.Fatal("the first question was not answered")
	}
	s.cancel()
	if !waitUntil(wait, 5*time.Millisecond, func() bool { return strings.Contains(s.log.String(), "shutting down") }) {
		t.Fatal("no shutdown in the log")
	}
	return first
}

// TestServeShutdownTellsLateMentions: a member whose mention or DM arrives
// while the bot shuts down is told, in a reply, that the bot is
// restarting; they got no reply at all. A help-channel question nobody
// asked the bot stays unanswered, and a reply Discord is slow to take does
// not hold the shutdown for long.
func TestServeShutdownTellsLateMentions(t *testing.T) {
	t.Parallel()
	const help, dm, slow = "200000000000000081", "500000000000000003", "200000000000000082"
	s := startServe(t, map[string]string{"ANSWER_CHANNELS": help})
	s.fake.Slow("POST", "channels/"+slow+"/messages", time.Hour)
	first := s.stopWhileAnswering(t, 2*time.Second)
	mention := s.sendMention(t, newMember(), fakediscord.DefaultChannelID, "when is raid night?")
	direct := fakediscord.Message{ID: nextID(), DM: true, AuthorID: newMember(), ChannelID: dm, Content: "how do I join the book club?"}
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(direct))
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), AuthorID: newMember(), ChannelID: help, Content: "when is raid night?"}))
	s.sendMention(t, newMember(), slow, "when is raid night?")
	for _, a := range []asked{mention, {id: direct.ID}} {
		r := s.replyTo(t, a, wait)
		if c := str(t, r, "content"); !strings.Contains(c, "I'm restarting right now") || field(t, r, "embeds") != nil {
			t.Errorf("the late message %s got %s", a.id, r.Body)
		}
		noMentionsAllowed(t, r)
	}
	if a := s.callback(t, first.ID); str(t, a, "data", "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("the answer in flight: %s", a.Body)
	}
	s.stopped(t) // though Discord holds a reply
	if rs := requestsTo(s, "channels/"+help+"/messages"); len(rs) != 0 {
		t.Errorf("the unasked help-channel question got %s", rs[0].Body)
	}
}

// TestServeAnswersAsTextWithoutEmbedLinks: where the bot lacks Embed Links
// (a channel that denies it to @everyone; an interaction whose
// app_permissions lack it), Discord hides its embeds, and a member saw the
// buttons under an answer without the answer. There the answer comes as
// text that carries what the embed shows, with the buttons; the log says
// once per channel what to fix. Elsewhere answers stay embeds.
func TestServeAnswersAsTextWithoutEmbedLinks(t *testing.T) {
	t.Parallel()
	const plain = "300000000000000095"
	s := startServe(t, nil)
	s.fake.Dispatch(t, "GUILD_CREATE", s.fake.GuildCreate(fakediscord.Guild{Channels: []fakediscord.Channel{{
		ID: plain, Name: "no-previews", Overwrites: []fakediscord.Overwrite{{ID: fakediscord.DefaultGuildID, Deny: discordgo.PermissionEmbedLinks}},
	}}}))
	// The embed each answer is where the bot may embed, privately (so
	// that no later answer points to it).
	embeds := map[string]fakediscord.Request{}
	for _, q := range faqQuestions[:4] {
		r := s.ask(t, fakediscord.Interaction{}, q, fakediscord.CommandOption{Name: "private", Value: true})
		if title(r) != q {
			t.Fatalf("%q where the bot may embed: %s", q, r.Body)
		}
		embeds[q] = r
	}
	asText := func(name, q string, r fakediscord.Request, keys ...string) {
		t.Helper()
		e := embeds[q]
		c := str(t, r, append(keys, "content")...)
		for _, w := range []string{
			"**" + q + "**",
			str(t, e, "data", "embeds", "0", "description"),
			"<" + str(t, e, "data", "embeds", "0", "url") + ">",
		} {
			if !strings.Contains(c, w) {
				t.Errorf("%s: %q missing from the text: %s", name, w, r.Body)
			}
		}
		if list, _ := field(t, r, append(keys, "embeds")...).([]any); len(list) != 0 {
			t.Errorf("%s: embeds Discord would hide: %s", name, r.Body)
		}
		if list, _ := field(t, r, append(keys, "components")...).([]any); len(list) == 0 {
			t.Errorf("%s: no buttons: %s", name, r.Body)
		}
	}
	// Mentions in the channel that denies Embed Links, and in a thread of
	// it, where its overwrites apply.
	const thread = "300000000000000096"
	s.fake.Dispatch(t, "THREAD_CREATE", s.fake.ThreadCreate(fakediscord.Thread{ID: thread, ParentID: plain, Name: "raids"}))
	asText("mention", faqQuestions[0], s.replyTo(t, s.sendMention(t, newMember(), plain, faqQuestions[0]), wait))
	asText("mention in a thread", faqQuestions[1], s.replyTo(t, s.sendMention(t, newMember(), thread, faqQuestions[1]), wait))
	// /ask where app_permissions lack Embed Links, and where they have it.
	in := fakediscord.Interaction{ID: nextID(), Name: "ask", UserID: newMember(), ChannelID: plain,
		AppPermissions: discordgo.PermissionViewChannel | discordgo.PermissionSendMessages,
		Options:        []fakediscord.CommandOption{{Name: "question", Value: faqQuestions[2]}}}
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.SlashCommand(in))
	asText("/ask", faqQuestions[2], s.callback(t, in.ID), "data")
	if r := s.replyTo(t, s.sendMention(t, newMember(), fakediscord.DefaultChannelID, faqQuestions[2]), wait); title(r) != faqQuestions[2] {
		t.Errorf("a mention where the bot may embed: %s", r.Body)
	}
	// An edited question is answered again as text too.
	member := newMember()
	a := s.sendMention(t, member, plain, "zzq qqz")
	replyID, _ := s.replyTo(t, a, wait).Reply["id"].(string)
	edited := func(r fakediscord.Request) bool {
		return r.Method == "PATCH" && r.Path == "channels/"+plain+"/messages/"+replyID
	}
	var r fakediscord.Request
	for deadline := time.Now().Add(wait); ; { // as in TestServeEditedQuestionIsAnsweredAgain
		m := s.fake.Message(fakediscord.Message{ID: a.id, AuthorID: member, ChannelID: plain, Content: "<@" + fakediscord.DefaultBotUserID + "> " + faqQuestions[3]})
		m["edited_timestamp"] = time.Now().UTC().Format(time.RFC3339Nano)
		s.fake.Dispatch(t, "MESSAGE_UPDATE", m)
		var ok bool
		if ok = waitUntil(100*time.Millisecond, 5*time.Millisecond, func() bool { r, ok = s.fake.Find(edited); return ok }); ok || time.Now().After(deadline) {
			break
		}
	}
	asText("edit", faqQuestions[3], r)
	if n := strings.Count(s.log.String(), "lacks the Embed Links permission"); n != 1 {
		t.Errorf("the log says %d times that the channel lacks Embed Links, want once", n)
	}
}
