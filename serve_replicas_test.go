//go:build unix

package main

import (
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"faqbot/internal/fakediscord"
	"faqbot/internal/pgtest"
)

// replicaProcess is `faqbot serve` in a process of its own.
type replicaProcess struct {
	cmd  *exec.Cmd
	log  *syncBuffer
	done chan error
}

// startReplicaProcess runs `faqbot serve` as another process (see
// TestMain) with env, and stops it with SIGTERM when the test ends.
func startReplicaProcess(t *testing.T, env map[string]string) *replicaProcess {
	t.Helper()
	p := &replicaProcess{cmd: faqbotCommand(t, env, "serve"), log: &syncBuffer{}, done: make(chan error, 1)}
	p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-p.done:
			if err != nil {
				t.Errorf("the second replica exited with %v", err)
			}
		case <-time.After(wait):
			_ = p.cmd.Process.Kill()
			t.Errorf("the second replica did not stop within %v", wait)
		}
		if t.Failed() {
			t.Logf("second replica's log:\n%s", p.log.String())
		}
	})
	return p
}

// endpoint waits for the process's interactions endpoint.
func (p *replicaProcess) endpoint(t *testing.T) string {
	t.Helper()
	var m []string
	if !waitUntil(wait, 20*time.Millisecond, func() bool {
		select {
		case err := <-p.done:
			t.Fatalf("the second replica exited (%v):\n%s", err, p.log.String())
		default:
		}
		m = endpointLine.FindStringSubmatch(p.log.String())
		return m != nil
	}) {
		t.Fatalf("the second replica did not start its endpoint within %v:\n%s", wait, p.log.String())
	}
	return "http://" + m[1] + "/interactions"
}

// TestReplicasShareState runs two replicas on one PostgreSQL database and
// one content directory: this process (on the gateway, and with an
// interactions endpoint) and a second process (interactions only). A vote
// on one shows in /faq unanswered on the other; a member's choice made
// through one and accepted on the other is answered by both; a reload on
// one makes the other serve the new content within 5 seconds.
func TestReplicasShareState(t *testing.T) {
	t.Parallel()
	const (
		ann, bob = "310000000000000001", "310000000000000002"
		modRole  = "400000000000000009"
		unsure   = "when is the weekly dungeon run"
	)
	db := pgtest.Database(t)
	fake := fakediscord.Start(t)
	shared := map[string]string{
		"DATABASE_URL": db, "INTERACTIONS_ADDR": "127.0.0.1:0", "DISCORD_PUBLIC_KEY": fake.PublicKey(),
		"MODERATOR_ROLES": modRole, "USER_COOLDOWN": "0s", "LOG_LEVEL": "debug",
	}
	a := launchServe(t, fake, shared)
	fake.WaitConnected(t, wait)
	urlA := a.endpoint(t)

	envB := map[string]string{
		"GATEWAY": "false", "DISCORD_TOKEN": fakediscord.DefaultToken, "DISCORD_API_URL": fake.APIURL(),
		"DISCORD_GUILD_ID": fakediscord.DefaultGuildID, "CONTENT_DIR": a.dir,
	}
	for k, v := range shared {
		envB[k] = v
	}
	b := startReplicaProcess(t, envB)
	urlB := b.endpoint(t)

	mod := fakediscord.Interaction{UserID: "310000000000000009", Roles: []string{modRole}}
	ask := func(url, member, q string) fakediscord.Request {
		return a.post(t, url, fake.SlashCommand(fakediscord.Interaction{Name: "ask", UserID: member, Options: []fakediscord.CommandOption{{Name: "question", Value: q}}}))
	}
	click := func(url string, in fakediscord.Interaction, custom string) fakediscord.Request {
		if custom == "" {
			t.Fatal("no such button")
		}
		in.CustomID = custom
		return a.post(t, url, fake.Button(in))
	}
	faq := func(url string, sub fakediscord.CommandOption) fakediscord.Request {
		in := mod
		in.Name, in.Options = "faq", []fakediscord.CommandOption{sub}
		return a.post(t, url, fake.SlashCommand(in))
	}

	// A 👎 on replica A shows in /faq unanswered on replica B, and so does
	// a question A could not answer.
	r := ask(urlA, ann, "what day is raid night?")
	if title(r) != "When is raid night?" {
		t.Fatalf("/ask on A: %s", r.Body)
	}
	click(urlA, fakediscord.Interaction{UserID: ann}, buttonWithPrefix(t, r, "vote:down:"))
	ask(urlA, ann, "is there a dress code for raids")
	list := str(t, faq(urlB, fakediscord.CommandOption{Name: "unanswered"}), "data", "content")
	if !strings.Contains(list, "**Answers with the most 👎:**\n• When is raid night? — 👎 1") || !strings.Contains(list, "is there a dress code for raids") {
		t.Errorf("/faq unanswered on B after a vote on A:\n%s", list)
	}

	// ann asks on B and picks the right entry through A; a moderator sees
	// it on B and accepts it on A; bob's question is then answered
	// confidently by both.
	r = ask(urlB, ann, unsure)
	if title(r) != "" {
		t.Fatalf("%q was answered before anyone taught it: %s", unsure, r.Body)
	}
	if c := click(urlA, fakediscord.Interaction{UserID: ann}, buttons(t, r)["When is raid night?"]); title(c) != "When is raid night?" {
		t.Fatalf("the did-you-mean button on A: %s", c.Body)
	}
	learned := faq(urlB, fakediscord.CommandOption{Name: "learned"})
	if !strings.Contains(str(t, learned, "data", "content"), "“"+unsure+"” — 1 member") {
		t.Fatalf("/faq learned on B: %s", learned.Body)
	}
	if c := click(urlA, mod, buttons(t, learned)["Accept 1"]); !strings.Contains(str(t, c, "data", "content"), "✅ Accepted") {
		t.Fatalf("accept on A: %s", c.Body)
	}
	for name, url := range map[string]string{"A": urlA, "B": urlB} {
		if !waitUntil(wait, 50*time.Millisecond, func() bool { return title(ask(url, bob, unsure)) == "When is raid night?" }) {
			t.Fatalf("the phrasing accepted on A is not answered on %s within %v", name, wait)
		}
	}

	// A reload on B: A serves the new content within 5 seconds.
	writeFile(t, a.dir+"/faq.md", strings.Replace(mustRead(t, a.dir+"/faq.md"), "every Thursday", "every Friday", 1))
	fake.ClearRequests()
	asked := time.Now()
	if r := a.postRaw(t, urlB, fake.SlashCommand(fakediscord.Interaction{Name: "faq", UserID: mod.UserID, Roles: mod.Roles,
		Options: []fakediscord.CommandOption{{Name: "reload"}}})); !ephemeral(r) {
		t.Errorf("/faq reload on B: %s", r.Body)
	}
	report := fake.WaitRequest(t, wait, fakediscord.Match("PATCH", "webhooks/*/*/messages/@original"))
	reloaded := time.Now()
	if !strings.Contains(str(t, report, "content"), "Reloaded") {
		t.Fatalf("reload report on B: %s", report.Body)
	}
	var last fakediscord.Request
	if !waitUntil(5*time.Second, 20*time.Millisecond, func() bool {
		last = ask(urlA, bob, "what day is raid night?")
		return strings.Contains(str(t, last, "data", "embeds", "0", "description"), "Friday")
	}) {
		t.Fatalf("A still serves the old content 5s after B's reload: %s", last.Body)
	}
	t.Logf("A served B's reload %v after /faq reload reached B, %v after B's report", time.Since(asked).Round(time.Millisecond), time.Since(reloaded).Round(time.Millisecond))
	// The learned phrasing survived the reload on both.
	for _, url := range []string{urlA, urlB} {
		if r := ask(url, bob, unsure); title(r) != "When is raid night?" {
			t.Errorf("after the reload, %q: %s", unsure, r.Body)
		}
	}
}
