package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/internal/fakediscord"
)

// These tests drive the real `faqbot serve` (real discordgo session, real
// index, real feedback store) against a fake Discord on 127.0.0.1, and
// assert on what the bot sends back.

const wait = 10 * time.Second

// waitUntil checks cond every step until it holds or within has passed,
// and reports whether it held: the one polling loop of these tests, for
// what the bot does in its own time (a reload, a rebuild, a log line).
func waitUntil(within, step time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(step)
	}
	return true
}

// syncBuffer is a log sink safe for the bot's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// served is a running `faqbot serve` with its fake Discord.
type served struct {
	fake   *fakediscord.Server
	cancel context.CancelFunc
	done   chan error
	log    *syncBuffer
	dir    string // the content directory
}

var ids atomic.Int64

func nextID() string { return fmt.Sprintf("9%017d", ids.Add(1)) }

// copyDir copies the files of src into a new temporary directory.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// startServe runs `faqbot serve` on a copy of testdata/serve until the test
// ends, and waits until it has connected and registered its commands.
func startServe(t testing.TB, env map[string]string, opts ...fakediscord.Option) *served {
	t.Helper()
	fake := fakediscord.Start(t, opts...)
	s := launchServe(t, fake, env)
	fake.WaitConnected(t, wait)
	fake.WaitRequest(t, wait, fakediscord.Match("PUT", "applications/*/guilds/*/commands"))
	return s
}

// stop ends this serve and waits for it (see stopped).
func (s *served) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	s.stopped(t)
}

// stopped waits for this serve, stopping, to return without an error (the
// test's clean-up then finds it stopped).
func (s *served) stopped(t *testing.T) {
	t.Helper()
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
		s.done <- nil
	case <-time.After(wait):
		t.Fatalf("serve did not stop within %v", wait)
	}
}

// launchServe runs `faqbot serve` against fake on a copy of
// testdata/serve until the test ends, without waiting for it to connect.
func launchServe(t testing.TB, fake *fakediscord.Server, env map[string]string) *served {
	t.Helper()
	s := &served{fake: fake, done: make(chan error, 1), log: &syncBuffer{}, dir: copyDir(t, "testdata/serve")}
	vars := map[string]string{
		"ENV_FILE":         filepath.Join(s.dir, "absent.env"),
		"DISCORD_TOKEN":    fakediscord.DefaultToken,
		"DISCORD_API_URL":  fake.APIURL(),
		"DISCORD_GUILD_ID": fakediscord.DefaultGuildID,
		"CONTENT_DIR":      s.dir,
		"USER_COOLDOWN":    "0s",
		"CHANNEL_COOLDOWN": "0s",
		"LOG_LEVEL":        "debug",
	}
	for k, v := range env {
		vars[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go func() {
		s.done <- run(ctx, []string{"faqbot", "serve"}, func(k string) string { return vars[k] }, strings.NewReader(""), io.Discard, s.log)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-s.done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
		case <-time.After(wait):
			t.Errorf("serve did not stop within %v", wait)
		}
		if t.Failed() {
			t.Logf("bot log:\n%s", s.log.String())
		}
	})
	return s
}

// callback waits for the bot's response to interaction id.
func (s *served) callback(t testing.TB, id string) fakediscord.Request {
	t.Helper()
	return s.fake.WaitRequest(t, wait, func(r fakediscord.Request) bool {
		return r.Method == "POST" && strings.HasPrefix(r.Path, "interactions/"+id+"/") && r.Status < 300
	})
}

// ask sends /ask and returns the bot's response.
func (s *served) ask(t *testing.T, in fakediscord.Interaction, question string, extra ...fakediscord.CommandOption) fakediscord.Request {
	t.Helper()
	in.ID, in.Name = nextID(), "ask"
	in.Options = append([]fakediscord.CommandOption{{Name: "question", Value: question}}, extra...)
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.SlashCommand(in))
	return s.callback(t, in.ID)
}

func field(t *testing.T, r fakediscord.Request, keys ...string) any {
	t.Helper()
	v, _ := r.Field(keys...)
	return v
}

func str(t *testing.T, r fakediscord.Request, keys ...string) string {
	t.Helper()
	s, _ := field(t, r, keys...).(string)
	return s
}

// noMentionsAllowed asserts allowed_mentions is present and allows nothing.
func noMentionsAllowed(t *testing.T, r fakediscord.Request, keys ...string) {
	t.Helper()
	am, ok := r.Field(append(keys, "allowed_mentions")...)
	m, isMap := am.(map[string]any)
	if !ok || !isMap {
		t.Fatalf("allowed_mentions missing in %s", r.Body)
	}
	parse, isList := m["parse"].([]any)
	if !isList || len(parse) != 0 || m["users"] != nil || m["roles"] != nil || m["replied_user"] == true {
		t.Errorf("allowed_mentions allows something: %v", m)
	}
}

func ephemeral(r fakediscord.Request) bool {
	f, _ := r.Field("data", "flags")
	n, _ := f.(float64)
	return int(n)&int(discordgo.MessageFlagsEphemeral) != 0
}

func TestServeRegistersCommands(t *testing.T) {
	t.Parallel()
	s := startServe(t, nil)
	cmds := s.fake.Commands(fakediscord.DefaultGuildID)
	names := map[string]*discordgo.ApplicationCommand{}
	for _, c := range cmds {
		names[c.Name] = c
	}
	if names["ask"] == nil || names["faq"] == nil {
		t.Fatalf("registered %v, want ask and faq", cmds)
	}
	if p := names["faq"].DefaultMemberPermissions; p == nil || *p&discordgo.PermissionManageServer == 0 {
		t.Errorf("/faq default member permissions = %v, want Manage Server", p)
	}
	if !names["ask"].Options[0].Autocomplete {
		t.Error("/ask question has no autocomplete")
	}
	id := s.fake.Identifies()[0]
	if id.Intents&int64(discordgo.IntentMessageContent) != 0 {
		t.Error("Message Content intent requested without help channels")
	}
}

func TestServeAsk(t *testing.T) {
	t.Parallel()
	s := startServe(t, nil)

	r := s.ask(t, fakediscord.Interaction{}, "what day is raid night?")
	if got := str(t, r, "data", "embeds", "0", "title"); got != "When is raid night?" {
		t.Fatalf("embed title = %q in %s", got, r.Body)
	}
	if got := str(t, r, "data", "embeds", "0", "url"); got != "https://guild.example/faq#when-is-raid-night" {
		t.Errorf("embed link = %q", got)
	}
	if !strings.Contains(str(t, r, "data", "embeds", "0", "description"), "every Thursday") {
		t.Errorf("answer text missing: %s", r.Body)
	}
	if footer := str(t, r, "data", "embeds", "0", "footer", "text"); !strings.Contains(footer, "confidence") || !strings.Contains(footer, "guild.example") {
		t.Errorf("footer = %q, want source and confidence", footer)
	}
	if ephemeral(r) {
		t.Error("a public /ask answered privately")
	}
	noMentionsAllowed(t, r, "data")
	if !strings.Contains(string(r.Body), `"custom_id":"vote:up:`) {
		t.Errorf("no feedback buttons: %s", r.Body)
	}

	r = s.ask(t, fakediscord.Interaction{}, "when is raid night", fakediscord.CommandOption{Name: "private", Value: true})
	if !ephemeral(r) || str(t, r, "data", "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("private answer: ephemeral=%v %s", ephemeral(r), r.Body)
	}
}

func TestServeNoAnswer(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"NO_ANSWER_MESSAGE": "Not sure, sorry!"})
	r := s.ask(t, fakediscord.Interaction{}, "what is the airspeed velocity of an unladen swallow")
	if !ephemeral(r) || len(r.JSON) == 0 {
		t.Fatalf("no-answer reply must be ephemeral: %s", r.Body)
	}
	if e, _ := r.Field("data", "embeds", "0"); e != nil {
		t.Errorf("an answer was given below the threshold: %s", r.Body)
	}
	noMentionsAllowed(t, r, "data")

	// A near miss: one word of it is in one entry, which does not answer it.
	r = s.ask(t, fakediscord.Interaction{}, "how many members are online")
	content := str(t, r, "data", "content")
	if !ephemeral(r) || (content != "Not sure, sorry!" && !strings.Contains(content, "couldn't")) {
		t.Errorf("near miss: %s", r.Body)
	}
}

func TestServeHostileInput(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"MAX_QUESTION_LENGTH": "200"})
	// Content that says @everyone never pings, and looks defused.
	r := s.ask(t, fakediscord.Interaction{}, "what happens if I break the rules")
	desc := str(t, r, "data", "embeds", "0", "description")
	if strings.Contains(desc, "@everyone") || !strings.Contains(desc, "@\u200beveryone") {
		t.Errorf("@everyone not defused: %q", desc)
	}
	noMentionsAllowed(t, r, "data")
	// A huge, markup-laden question is capped and answered politely.
	huge := "<@&123> @here " + strings.Repeat("raid night ", 2000) + "`code` **bold** ||spoiler||"
	r = s.ask(t, fakediscord.Interaction{}, huge)
	noMentionsAllowed(t, r, "data")
	// Malformed events (no data, no member, wrong option types) get polite
	// replies or none, and the bot keeps serving.
	bad := s.fake.SlashCommand(fakediscord.Interaction{ID: nextID(), Name: "ask"})
	bad["data"] = nil
	s.fake.Dispatch(t, "INTERACTION_CREATE", bad)
	odd := s.fake.SlashCommand(fakediscord.Interaction{ID: nextID(), Name: "ask", Options: []fakediscord.CommandOption{{Name: "question", Value: 42}}})
	delete(odd, "member")
	s.fake.Dispatch(t, "INTERACTION_CREATE", odd)
	s.fake.Dispatch(t, "MESSAGE_CREATE", map[string]any{"id": nextID(), "channel_id": "1", "content": "<@" + fakediscord.DefaultBotUserID + ">"})
	r = s.ask(t, fakediscord.Interaction{}, "when is raid night")
	if str(t, r, "data", "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("bot stopped answering after bad events: %s", r.Body)
	}
	// Unknown commands get a polite reply.
	in := fakediscord.Interaction{ID: nextID(), Name: "dance"}
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.SlashCommand(in))
	r = s.callback(t, in.ID)
	if !ephemeral(r) || !strings.Contains(str(t, r, "data", "content"), "don't know") {
		t.Errorf("unknown command: %s", r.Body)
	}
}

func TestServeAutocomplete(t *testing.T) {
	t.Parallel()
	s := startServe(t, nil)
	// Many questions: the reply must stop at Discord's 25 choices.
	var sb strings.Builder
	sb.WriteString("---\nkind: faq\n---\n\n")
	for i := range 40 {
		fmt.Fprintf(&sb, "## How do I configure widget number %d so that the very long question keeps going well past what Discord allows in one choice?\n\nSet option %d.\n\n", i, i)
	}
	if err := os.WriteFile(filepath.Join(s.dir, "widgets.md"), []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	mod := fakediscord.Interaction{Permissions: discordgo.PermissionManageServer}
	s.faq(t, mod, "reload")
	s.fake.WaitRequest(t, wait, fakediscord.Match("PATCH", "webhooks/*/*/messages/@original"))

	for _, tc := range []struct {
		typed string
		want  int
		first string
	}{
		{"how do i configure widg", 25, ""},
		{"raid nigt", 1, "When is raid night?"},
		{"book cl", 1, "How do I join the book club?"},
	} {
		in := fakediscord.Interaction{ID: nextID(), Name: "ask", Options: []fakediscord.CommandOption{{Name: "question", Value: tc.typed, Focused: true}}}
		s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.Autocomplete(in))
		r := s.callback(t, in.ID)
		var resp discordgo.InteractionResponse
		if err := r.Decode(&resp); err != nil {
			t.Fatal(err)
		}
		if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(resp.Data.Choices) != tc.want {
			t.Errorf("%q: type %d, %d choices, want %d", tc.typed, resp.Type, len(resp.Data.Choices), tc.want)
			continue
		}
		for _, c := range resp.Data.Choices {
			if len([]rune(c.Name)) > 100 || len([]rune(fmt.Sprint(c.Value))) > 100 {
				t.Errorf("choice longer than 100 characters: %q", c.Name)
			}
		}
		if tc.first != "" && resp.Data.Choices[0].Name != tc.first {
			t.Errorf("%q: first choice %q, want %q", tc.typed, resp.Data.Choices[0].Name, tc.first)
		}
	}
}

func TestServeButtons(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"DATA_DIR": t.TempDir()})
	r := s.ask(t, fakediscord.Interaction{}, "what day is raid night")
	var custom []string
	for _, b := range buttonList(t, r) {
		custom = append(custom, b.CustomID)
	}
	var alt, down string
	for _, c := range custom {
		switch {
		case strings.HasPrefix(c, "alt:"):
			alt = c
		case strings.HasPrefix(c, "vote:down:"):
			down = c
		}
	}
	if alt == "" || down == "" {
		t.Fatalf("buttons %v: want an alternative and a vote", custom)
	}
	in := fakediscord.Interaction{ID: nextID(), CustomID: alt}
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.Button(in))
	r = s.callback(t, in.ID)
	if !ephemeral(r) || str(t, r, "data", "embeds", "0", "title") == "" {
		t.Errorf("alternative not shown privately: %s", r.Body)
	}
	noMentionsAllowed(t, r, "data")

	in = fakediscord.Interaction{ID: nextID(), CustomID: down}
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.Button(in))
	r = s.callback(t, in.ID)
	if !ephemeral(r) || !strings.Contains(str(t, r, "data", "content"), "Thanks") {
		t.Errorf("vote not acknowledged: %s", r.Body)
	}
	// The moderators see the 👎.
	mod := fakediscord.Interaction{Permissions: discordgo.PermissionManageServer}
	r = s.faq(t, mod, "unanswered")
	if !strings.Contains(str(t, r, "data", "content"), "When is raid night?") {
		t.Errorf("disliked answer not listed: %s", r.Body)
	}
}

func TestServeMention(t *testing.T) {
	t.Parallel()
	s := startServe(t, nil)
	msg := fakediscord.Message{ID: nextID(), Content: "<@" + fakediscord.DefaultBotUserID + "> when is raid night? @everyone"}
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(msg))
	r := s.fake.WaitRequest(t, wait, fakediscord.Match("POST", "channels/*/messages"))
	if got := str(t, r, "message_reference", "message_id"); got != msg.ID {
		t.Errorf("reply references %q, want %q", got, msg.ID)
	}
	if str(t, r, "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("mention answer: %s", r.Body)
	}
	noMentionsAllowed(t, r)

	// A direct message needs no mention.
	s.fake.ClearRequests()
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), DM: true, ChannelID: "500000000000000001", Content: "how do I join the book club?"}))
	r = s.fake.WaitRequest(t, wait, fakediscord.Match("POST", "channels/500000000000000001/messages"))
	if str(t, r, "embeds", "0", "title") != "How do I join the book club?" {
		t.Errorf("direct message answer: %s", r.Body)
	}

	// A mention with nothing to ask gets a short hint; another bot is ignored.
	s.fake.ClearRequests()
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), Content: "<@" + fakediscord.DefaultBotUserID + ">"}))
	r = s.fake.WaitRequest(t, wait, fakediscord.Match("POST", "channels/*/messages"))
	if !strings.Contains(str(t, r, "content"), "Ask me") {
		t.Errorf("empty mention: %s", r.Body)
	}
	s.fake.ClearRequests()
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), AuthorBot: true, Content: "<@" + fakediscord.DefaultBotUserID + "> when is raid night?"}))
	s.fake.NoRequest(t, time.Second, fakediscord.Match("POST", "channels/*/messages"))
}

func TestServeMentionSilentMode(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"NO_ANSWER_MODE": "silent"})
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), Content: "<@" + fakediscord.DefaultBotUserID + "> what is the best pizza topping"}))
	s.fake.NoRequest(t, time.Second, fakediscord.Match("POST", "channels/*/messages"))
}

func TestServeHelpChannel(t *testing.T) {
	t.Parallel()
	const help = "200000000000000077"
	s := startServe(t, map[string]string{"ANSWER_CHANNELS": help, "AUTO_ANSWER_CONFIDENCE": "0.9"})
	if s.fake.Identifies()[0].Intents&int64(discordgo.IntentMessageContent) == 0 {
		t.Error("help channels configured but Message Content intent not requested")
	}
	// Chatter and unsure questions: silence.
	for _, c := range []string{"lol nice one", "anyone up for pizza tonight?", "what is the weather like today?"} {
		s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), ChannelID: help, Content: c}))
	}
	// A confident question in another channel: not a help channel, silence.
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), Content: "when is raid night?"}))
	s.fake.NoRequest(t, 1500*time.Millisecond, fakediscord.Match("POST", "channels/*/messages"))

	msg := fakediscord.Message{ID: nextID(), ChannelID: help, Content: "Hey, when is raid night?"}
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(msg))
	r := s.fake.WaitRequest(t, wait, fakediscord.Match("POST", "channels/"+help+"/messages"))
	if str(t, r, "message_reference", "message_id") != msg.ID || str(t, r, "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("help channel answer: %s", r.Body)
	}
	noMentionsAllowed(t, r)
}

// faq runs a /faq subcommand and returns the first response.
func (s *served) faq(t *testing.T, in fakediscord.Interaction, sub string) fakediscord.Request {
	t.Helper()
	in.ID, in.Name = nextID(), "faq"
	in.Options = []fakediscord.CommandOption{{Name: sub}}
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.SlashCommand(in))
	return s.callback(t, in.ID)
}

func TestServeModeratorReload(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"MODERATOR_ROLES": "400000000000000001", "DATA_DIR": t.TempDir()})
	changed := strings.Replace(mustRead(t, filepath.Join(s.dir, "faq.md")), "every Thursday", "every Friday", 1)
	if err := os.WriteFile(filepath.Join(s.dir, "faq.md"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}

	// A member without Manage Server or a moderator role is refused.
	r := s.faq(t, fakediscord.Interaction{UserID: "300000000000000005"}, "reload")
	if !ephemeral(r) || !strings.Contains(str(t, r, "data", "content"), "only moderators") {
		t.Errorf("non-moderator reload: %s", r.Body)
	}
	if desc := str(t, s.ask(t, fakediscord.Interaction{}, "when is raid night"), "data", "embeds", "0", "description"); !strings.Contains(desc, "Thursday") {
		t.Fatalf("content reloaded after a refused reload: %q", desc)
	}

	// A member with a moderator role reloads; the next answer changes.
	r = s.faq(t, fakediscord.Interaction{Roles: []string{"400000000000000001"}}, "reload")
	if f, _ := r.Field("type"); f != float64(discordgo.InteractionResponseDeferredChannelMessageWithSource) || !ephemeral(r) {
		t.Errorf("reload not deferred privately: %s", r.Body)
	}
	report := s.fake.WaitRequest(t, wait, fakediscord.Match("PATCH", "webhooks/*/*/messages/@original"))
	if c := str(t, report, "content"); !strings.Contains(c, "Reloaded") || !strings.Contains(c, "Changed: 1 FAQ") {
		t.Errorf("reload report: %q", c)
	}
	noMentionsAllowed(t, report)
	if desc := str(t, s.ask(t, fakediscord.Interaction{}, "when is raid night"), "data", "embeds", "0", "description"); !strings.Contains(desc, "Friday") {
		t.Errorf("answer after reload: %q", desc)
	}

	// A broken file: the report names file:line, the old content stays.
	if err := os.WriteFile(filepath.Join(s.dir, "broken.csv"), []byte("question,answer\nOnly one column\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.fake.ClearRequests()
	s.faq(t, fakediscord.Interaction{Permissions: discordgo.PermissionManageServer}, "reload")
	report = s.fake.WaitRequest(t, wait, fakediscord.Match("PATCH", "webhooks/*/*/messages/@original"))
	if c := str(t, report, "content"); !strings.Contains(c, "failed") || !strings.Contains(c, "broken.csv:1") {
		t.Errorf("broken reload report: %q", c)
	}
	if desc := str(t, s.ask(t, fakediscord.Interaction{}, "when is raid night"), "data", "embeds", "0", "description"); !strings.Contains(desc, "Friday") {
		t.Errorf("answer after failed reload: %q", desc)
	}
}

// TestServeReloadReadsOnlyChangedContent: a /faq reload of files nobody
// changed since they were read takes the content read before, without
// INDEX_DIR too; a changed file is read.
func TestServeReloadReadsOnlyChangedContent(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"MODERATOR_ROLES": "400000000000000001"})
	const notRead = "content files unchanged since last read"
	reload := func() string {
		t.Helper()
		s.fake.ClearRequests()
		s.faq(t, fakediscord.Interaction{Roles: []string{"400000000000000001"}}, "reload")
		return str(t, s.fake.WaitRequest(t, wait, fakediscord.Match("PATCH", "webhooks/*/*/messages/@original")), "content")
	}
	if c := reload(); !strings.Contains(c, "unchanged") || !strings.Contains(s.log.String(), notRead) {
		t.Errorf("reload of unchanged files: report %q, files read again:\n%s", c, s.log.String())
	}
	changed := strings.Replace(mustRead(t, filepath.Join(s.dir, "faq.md")), "every Thursday", "every Friday", 1)
	if err := os.WriteFile(filepath.Join(s.dir, "faq.md"), []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if c := reload(); !strings.Contains(c, "Changed: 1 FAQ") {
		t.Errorf("reload of a changed file: %q", c)
	}
	if desc := str(t, s.ask(t, fakediscord.Interaction{}, "when is raid night"), "data", "embeds", "0", "description"); !strings.Contains(desc, "Friday") {
		t.Errorf("answer after the reload: %q", desc)
	}
}

func TestServeUnansweredList(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"DATA_DIR": t.TempDir()})
	for range 2 {
		s.ask(t, fakediscord.Interaction{}, "Where can I buy guild hoodies?")
	}
	r := s.faq(t, fakediscord.Interaction{UserID: "300000000000000006"}, "unanswered")
	if !strings.Contains(str(t, r, "data", "content"), "only moderators") {
		t.Errorf("non-moderator saw the list: %s", r.Body)
	}
	r = s.faq(t, fakediscord.Interaction{Permissions: discordgo.PermissionManageServer}, "unanswered")
	if c := str(t, r, "data", "content"); !ephemeral(r) || !strings.Contains(c, "Where can I buy guild hoodies?") || !strings.Contains(c, "2×") {
		t.Errorf("unanswered list: %s", r.Body)
	}
	noMentionsAllowed(t, r, "data")
}

// TestServeFAQInDM: /faq used in a DM, where Discord sends no member and
// so no roles, tells the member to use it in the server; it said "only
// moderators can use /faq", which misled moderators. Nothing is run.
func TestServeFAQInDM(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"DATA_DIR": t.TempDir()})
	for _, sub := range []string{"reload", "unanswered", "learned"} {
		r := s.faq(t, fakediscord.Interaction{DM: true, ChannelID: "500000000000000002"}, sub)
		c := str(t, r, "data", "content")
		if !ephemeral(r) || !strings.Contains(c, "works in the server, not in DMs") || strings.Contains(c, "only moderators") {
			t.Errorf("/faq %s in a DM: %s", sub, r.Body)
		}
		noMentionsAllowed(t, r, "data")
	}
	s.fake.NoRequest(t, 500*time.Millisecond, fakediscord.Match("PATCH", "webhooks/*/*/messages/@original"))
}

func TestServeGracefulShutdown(t *testing.T) {
	t.Parallel()
	s := startServe(t, nil)
	// Slow Discord down: the reply to this question is in flight when the
	// shutdown starts, and must still be delivered.
	in := fakediscord.Interaction{ID: nextID(), Name: "ask", Options: []fakediscord.CommandOption{{Name: "question", Value: "when is raid night"}}}
	s.fake.RateLimit("POST", "interactions/"+in.ID+"/token-"+in.ID+"/callback", 3)
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.SlashCommand(in))
	s.fake.WaitRequest(t, wait, func(r fakediscord.Request) bool { return r.Status == 429 })
	s.cancel()
	r := s.callback(t, in.ID)
	if str(t, r, "data", "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("in-flight reply lost: %s", r.Body)
	}
	s.stopped(t)
	if !strings.Contains(s.log.String(), "disconnected from Discord") {
		t.Errorf("gateway not closed:\n%s", s.log.String())
	}
}

func TestServeTokenErrors(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t, fakediscord.WithToken("the-right-token"))
	for _, tc := range []struct {
		token, want string
	}{
		{"", "DISCORD_TOKEN is not set"},
		{"a-wrong-token", "rejected DISCORD_TOKEN"},
	} {
		env := map[string]string{"ENV_FILE": filepath.Join(t.TempDir(), "absent.env"), "DISCORD_TOKEN": tc.token, "DISCORD_API_URL": fake.APIURL()}
		var stderr syncBuffer
		err := run(context.Background(), []string{"faqbot", "serve"}, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, &stderr)
		if err == nil || !strings.Contains(err.Error(), tc.want) || exitCode(err) != 1 {
			t.Errorf("token %q: err = %v (exit %d), want %q", tc.token, err, exitCode(err), tc.want)
		}
		if strings.Contains(stderr.String(), "a-wrong-token") {
			t.Error("the token was logged")
		}
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestServeReloadsOnHangupAndFileChange(t *testing.T) {
	// Not parallel: SIGHUP goes to the whole test process.
	s := startServe(t, map[string]string{"WATCH_CONTENT": "true"})
	answer := func() string {
		return str(t, s.ask(t, fakediscord.Interaction{}, "when is raid night"), "data", "embeds", "0", "description")
	}
	edit := func(from, to string) {
		t.Helper()
		path := filepath.Join(s.dir, "faq.md")
		if err := os.WriteFile(path, []byte(strings.Replace(mustRead(t, path), from, to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	eventually := func(want string) {
		t.Helper()
		var got string
		if !waitUntil(wait, 100*time.Millisecond, func() bool { got = answer(); return strings.Contains(got, want) }) {
			t.Fatalf("answer still %q, want it to contain %q", got, want)
		}
	}
	edit("every Thursday", "every Saturday")
	eventually("Saturday") // the watcher reloads once the files settle

	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	s.waitLog(t, "SIGHUP: reloading content")
}

func TestServeHealthAndMetrics(t *testing.T) {
	t.Parallel()
	s := startServe(t, map[string]string{"METRICS_ADDR": "127.0.0.1:0"})
	m := regexp.MustCompile(`msg="metrics and health" addr=(\S+)`).FindStringSubmatch(s.log.String())
	if m == nil {
		t.Fatalf("metrics address not logged:\n%s", s.log.String())
	}
	base := "http://" + m[1]
	s.ask(t, fakediscord.Interaction{}, "when is raid night")
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"gateway":"ok"`) || !strings.Contains(string(body), `"index":"ok"`) {
		t.Errorf("healthz: %d %s", resp.StatusCode, body)
	}
	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`faqbot_questions_total{source="slash"} 1`, `faqbot_answers_total{source="slash"} 1`, `faqbot_passages{kind="faq"} 5`, "faqbot_gateway_connected 1", "faqbot_answer_latency_seconds_bucket"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

// TestServeHelpForumPost: a post in a help forum (a thread of a help
// channel) is a question in its title and first message, answered in the
// thread; later messages there are taken as in a help channel.
func TestServeHelpForumPost(t *testing.T) {
	t.Parallel()
	const forum, post = "200000000000000079", "200000000000000080"
	s := startServe(t, map[string]string{"ANSWER_CHANNELS": forum})
	s.fake.Dispatch(t, "GUILD_CREATE", s.fake.GuildCreate(fakediscord.Guild{}))
	s.fake.Dispatch(t, "THREAD_CREATE", s.fake.ThreadCreate(fakediscord.Thread{ID: post, ParentID: forum, Name: "When is raid night?"}))
	// The post's first message has the thread's id; its title asks.
	start := fakediscord.Message{ID: post, ChannelID: post, Content: "I'm new here and want to join you all"}
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(start))
	r := s.fake.WaitRequest(t, wait, fakediscord.Match("POST", "channels/"+post+"/messages"))
	if str(t, r, "message_reference", "message_id") != post || title(r) != "When is raid night?" {
		t.Errorf("forum post answer: %s", r.Body)
	}
	// Chatter in the thread afterwards: silence.
	s.fake.ClearRequests()
	s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), ChannelID: post, Content: "thanks, that worked"}))
	s.fake.NoRequest(t, time.Second, fakediscord.Match("POST", "channels/*/messages"))
}
