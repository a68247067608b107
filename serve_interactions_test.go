package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/internal/fakediscord"
)

// discordDeadline is how long Discord waits for an interaction's response.
const discordDeadline = 3 * time.Second

var endpointLine = regexp.MustCompile(`msg="interactions endpoint" addr=(\S+)`)

// endpoint waits until serve says where its interactions endpoint listens,
// and returns its URL.
func (s *served) endpoint(t testing.TB) string {
	t.Helper()
	var m []string
	if !waitUntil(wait, 20*time.Millisecond, func() bool { m = endpointLine.FindStringSubmatch(s.log.String()); return m != nil }) {
		t.Fatalf("serve did not start its interactions endpoint within %v", wait)
	}
	return "http://" + m[1] + "/interactions"
}

// startReplica runs `faqbot serve` as an interactions replica: no
// gateway, the endpoint on a free loopback port.
func startReplica(t testing.TB, fake *fakediscord.Server, env map[string]string) (*served, string) {
	t.Helper()
	vars := map[string]string{"GATEWAY": "false", "INTERACTIONS_ADDR": "127.0.0.1:0", "DISCORD_PUBLIC_KEY": fake.PublicKey()}
	for k, v := range env {
		vars[k] = v
	}
	s := launchServe(t, fake, vars)
	return s, s.endpoint(t)
}

// post sends an interaction to the endpoint as Discord does, and checks
// that the response came within Discord's deadline. A response the
// endpoint deferred (on a machine so busy that it was not ready within
// 1.5 s) is followed to the answer that came after, so that the tests read
// the answer either way.
func (s *served) post(t *testing.T, url string, payload map[string]any) fakediscord.Request {
	t.Helper()
	r := s.postRaw(t, url, payload)
	if typ, _ := r.Field("type"); typ != float64(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		return r
	}
	token, _ := payload["token"].(string)
	t.Logf("the endpoint deferred interaction %v; following up", payload["id"])
	f := s.fake.WaitRequest(t, wait, func(q fakediscord.Request) bool {
		return (q.Method == http.MethodPatch || q.Method == http.MethodPost) && strings.HasPrefix(q.Path, "webhooks/") &&
			strings.Contains(q.Path, "/"+token) && q.Status < 300
	})
	data := f.JSON
	if flags, ok := r.Field("data", "flags"); ok && data["flags"] == nil {
		data["flags"] = flags
	}
	body, _ := json.Marshal(map[string]any{"type": int(discordgo.InteractionResponseChannelMessageWithSource), "data": data})
	out := fakediscord.Request{Method: r.Method, Path: r.Path, Status: r.Status, Body: body}
	_ = json.Unmarshal(body, &out.JSON)
	return out
}

// postRaw is post without following a deferral.
func (s *served) postRaw(t *testing.T, url string, payload map[string]any) fakediscord.Request {
	t.Helper()
	r, took := s.fake.PostInteraction(t, url, payload)
	if took > discordDeadline {
		t.Errorf("the endpoint answered after %v, later than Discord's %v", took, discordDeadline)
	}
	if r.Status != http.StatusOK {
		t.Fatalf("the endpoint answered %d: %s", r.Status, r.Body)
	}
	return r
}

// TestInteractionsEndpoint is a replica without a gateway: requests not
// signed by the application's key (or changed since) get 401, PING gets
// PONG, and /ask, autocomplete, buttons and /faq are answered through the
// HTTP endpoint from a real index, each within Discord's 3 seconds.
func TestInteractionsEndpoint(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	s, url := startReplica(t, fake, nil)
	fake.WaitRequest(t, wait, fakediscord.Match("PUT", "applications/"+fakediscord.DefaultApplicationID+"/guilds/*/commands"))

	ask := func(in fakediscord.Interaction, q string, extra ...fakediscord.CommandOption) map[string]any {
		in.Name = "ask"
		in.Options = append([]fakediscord.CommandOption{{Name: "question", Value: q}}, extra...)
		return fake.SlashCommand(in)
	}

	// Unsigned, wrongly signed and tampered requests.
	body, _ := json.Marshal(ask(fakediscord.Interaction{}, "what day is raid night?"))
	signed := fake.Sign(body, time.Now())
	other := fakediscord.Start(t).Sign(body, time.Now())
	for name, req := range map[string]struct {
		h http.Header
		b []byte
	}{
		"unsigned":        {http.Header{"Content-Type": {"application/json"}}, body},
		"wrongly signed":  {other, body},
		"tampered":        {signed, bytes.Replace(body, []byte("raid"), []byte("RAID"), 1)},
		"signed long ago": {fake.Sign(body, time.Now().Add(-time.Hour)), body},
	} {
		hr, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(req.b))
		hr.Header = req.h
		resp, err := http.DefaultClient.Do(hr)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s request: %d, want 401", name, resp.StatusCode)
		}
	}

	// PING.
	ping := map[string]any{"id": nextID(), "application_id": fakediscord.DefaultApplicationID, "type": 1, "token": "ping", "version": 1}
	if r := s.post(t, url, ping); strings.TrimSpace(string(r.Body)) != `{"type":1}` {
		t.Errorf("PING: %s, want PONG", r.Body)
	}

	// /ask, answered in the HTTP response from the index.
	start := time.Now()
	r := s.post(t, url, ask(fakediscord.Interaction{}, "what day is raid night?"))
	t.Logf("/ask through the endpoint: %v", time.Since(start).Round(time.Microsecond))
	if title(r) != "When is raid night?" || ephemeral(r) || !strings.Contains(str(t, r, "data", "embeds", "0", "description"), "every Thursday") {
		t.Fatalf("/ask: %s", r.Body)
	}
	noMentionsAllowed(t, r, "data")
	voteUp := buttons(t, r)["👍"]
	if voteUp == "" {
		voteUp = buttonWithPrefix(t, r, "vote:up:")
	}

	// Autocomplete.
	r = s.post(t, url, fake.Autocomplete(fakediscord.Interaction{Name: "ask", Options: []fakediscord.CommandOption{{Name: "question", Value: "book cl", Focused: true}}}))
	var resp discordgo.InteractionResponse
	if err := r.Decode(&resp); err != nil {
		t.Fatal(err)
	}
	if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(resp.Data.Choices) == 0 || resp.Data.Choices[0].Name != "How do I join the book club?" {
		t.Errorf("autocomplete: %s", r.Body)
	}

	// A vote button.
	r = s.post(t, url, fake.Button(fakediscord.Interaction{CustomID: voteUp}))
	if !ephemeral(r) || !strings.Contains(str(t, r, "data", "content"), "Thanks") {
		t.Errorf("vote: %s", r.Body)
	}

	// A question without an answer, then /faq unanswered lists it, escaped.
	r = s.post(t, url, ask(fakediscord.Interaction{}, "is there a *dress code* for raids"))
	if title(r) != "" || !ephemeral(r) {
		t.Errorf("no-answer question: %s", r.Body)
	}
	mod := fakediscord.Interaction{Name: "faq", Permissions: discordgo.PermissionManageServer, Options: []fakediscord.CommandOption{{Name: "unanswered"}}}
	r = s.post(t, url, fake.SlashCommand(mod))
	if got := str(t, r, "data", "content"); !ephemeral(r) || !strings.Contains(got, `is there a \*dress code\* for raids`) {
		t.Errorf("/faq unanswered: %s", r.Body)
	}
	member := mod
	member.Permissions = 0
	if r = s.post(t, url, fake.SlashCommand(member)); !strings.Contains(str(t, r, "data", "content"), "only moderators") {
		t.Errorf("/faq unanswered by a member: %s", r.Body)
	}

	// /faq reload is deferred at once, and its report follows as an edit.
	mod.Options = []fakediscord.CommandOption{{Name: "reload"}}
	r = s.postRaw(t, url, fake.SlashCommand(mod))
	if typ, _ := r.Field("type"); typ != float64(discordgo.InteractionResponseDeferredChannelMessageWithSource) || !ephemeral(r) {
		t.Errorf("/faq reload: %s, want a private deferral", r.Body)
	}
	report := fake.WaitRequest(t, wait, fakediscord.Match("PATCH", "webhooks/*/*/messages/@original"))
	if !strings.Contains(str(t, report, "content"), "unchanged") {
		t.Errorf("reload report: %s", report.Body)
	}

	if n := len(fake.Identifies()); n != 0 {
		t.Errorf("a replica without the gateway identified %d time(s)", n)
	}
}

// buttonWithPrefix is the custom id of the response's button that starts
// with prefix.
func buttonWithPrefix(t *testing.T, r fakediscord.Request, prefix string) string {
	t.Helper()
	for _, b := range buttonList(t, r) {
		if strings.HasPrefix(b.CustomID, prefix) {
			return b.CustomID
		}
	}
	t.Fatalf("no button %s… in %s", prefix, r.Body)
	return ""
}

// BenchmarkInteractionsLatency measures /ask and autocomplete through the
// interactions endpoint, from the signed request leaving the fake Discord
// to the HTTP response arriving, on squad-dev content (2,067 paragraphs)
// when ../shared is there. Run with -benchtime 1000x.
func BenchmarkInteractionsLatency(b *testing.B) {
	corpus, queries := "../shared/eval/squad-dev/corpus.jsonl", "../shared/eval/squad-dev/queries.jsonl"
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("needs %s (../shared beside the project)", corpus)
	}
	qs := readQuestions(b, queries)
	fake := fakediscord.Start(b)
	_, url := startReplica(b, fake, map[string]string{"CONTENT_DIR": corpus, "LOG_LEVEL": "info"}) // info: the endpoint's address is logged
	fake.WaitRequest(b, wait, fakediscord.Match("PUT", "applications/*/guilds/*/commands"))
	for _, kind := range []string{"autocomplete", "ask"} {
		b.Run(kind, func(b *testing.B) {
			var lat []time.Duration
			for i := 0; b.Loop(); i++ {
				q := qs[i%len(qs)]
				in := fakediscord.Interaction{Name: "ask", UserID: "3000000000000" + nextID()[12:]}
				var payload map[string]any
				if kind == "autocomplete" {
					words := strings.Fields(q)
					in.Options = []fakediscord.CommandOption{{Name: "question", Value: strings.Join(words[:min(len(words), 1+i%3)], " "), Focused: true}}
					payload = fake.Autocomplete(in)
				} else {
					in.Options = []fakediscord.CommandOption{{Name: "question", Value: q}}
					payload = fake.SlashCommand(in)
				}
				r, took := fake.PostInteraction(b, url, payload)
				if r.Status != http.StatusOK {
					b.Fatalf("%d: %s", r.Status, r.Body)
				}
				lat = append(lat, took)
				if i%200 == 199 {
					fake.ClearRequests()
				}
			}
			reportPercentiles(b, lat)
		})
	}
}

// TestServeFindAnswer: a member who uses "Find an answer" on another
// member's message posts the answer to it in the channel, naming that
// message; when the bot is not sure, or the message has no words, only that
// member hears it. The command is registered with the others.
func TestServeFindAnswer(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	s := launchServe(t, fake, nil)
	fake.WaitConnected(t, wait)
	put := fake.WaitRequest(t, wait, fakediscord.Match("PUT", "applications/*/guilds/*/commands"))
	var cmds []discordgo.ApplicationCommand
	if err := json.Unmarshal(put.Body, &cmds); err != nil || !slices.ContainsFunc(cmds, func(c discordgo.ApplicationCommand) bool {
		return c.Name == "Find an answer" && c.Type == discordgo.MessageApplicationCommand && c.Description == ""
	}) {
		t.Errorf("registered commands without the message command (%v): %s", err, put.Body)
	}
	use := func(content string) (fakediscord.Request, string) {
		t.Helper()
		in := fakediscord.Interaction{ID: nextID(), Name: "Find an answer", UserID: "300000000000000041"}
		target := fakediscord.Message{ID: nextID(), AuthorID: "300000000000000042", Content: content}
		s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.MessageCommand(in, target))
		return s.callback(t, in.ID), target.ID
	}
	r, target := use("hey does anyone know what day we raid??")
	if link := "https://discord.com/channels/" + fakediscord.DefaultGuildID + "/" + fakediscord.DefaultChannelID + "/" + target; title(r) != "When is raid night?" || ephemeral(r) ||
		str(t, r, "data", "content") != "In answer to "+link {
		t.Errorf("answer to a member's message: %s", r.Body)
	}
	if r, _ := use("my cat knocked over the plant again"); title(r) != "" && !ephemeral(r) {
		t.Errorf("unsure answer shown to the channel: %s", r.Body)
	}
	if r, _ := use("<:pepe:123456789012345678>"); !ephemeral(r) || !strings.Contains(str(t, r, "data", "content"), "no words") {
		t.Errorf("a message without words: %s", r.Body)
	}
}
