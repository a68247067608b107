//go:build unix

package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/internal/fakediscord"
)

// These tests run faqbot as processes of its own (see TestMain), where it
// matters: what a process can read, locks held by another process, and
// signals.

// finish runs cmd to its end, killing it (and failing the test) after
// limit: its output, its exit code and how long it took.
func finish(t *testing.T, cmd *exec.Cmd, limit time.Duration) (stdout, stderr string, code int, took time.Duration) {
	t.Helper()
	var out, errOut syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		took = time.Since(start)
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("%v did not finish within %v\nstdout:\n%s\nstderr:\n%s", cmd.Args[1:], limit, out.String(), errOut.String())
	}
	return out.String(), errOut.String(), code, took
}

// TestNoSecretThroughLinks is the reproduction: a content file
// linked to /proc/self/environ (and one to a file outside), and a question
// about the token, in a process whose environment holds it.
func TestNoSecretThroughLinks(t *testing.T) {
	base := t.TempDir()
	dir, outside := filepath.Join(base, "content"), filepath.Join(base, "outside")
	const token = "secret-XYZ-5b3f"
	for d, files := range map[string]map[string]string{
		dir:     {"faq.md": "---\nkind: faq\n---\n\n## What is a bot token?\n\nThe password of a bot; keep it secret.\n"},
		outside: {"env.md": "DISCORD_TOKEN=" + token + "\n"},
	} {
		writeFiles(t, d, files)
	}
	for link, target := range map[string]string{"environ.md": "/proc/self/environ", "env.md": "../outside/env.md"} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	env := map[string]string{"DISCORD_TOKEN": token, "LOG_LEVEL": "debug"}
	for _, args := range [][]string{
		{"ask", "-content", dir, "what is the DISCORD_TOKEN"},
		{"ask", "-json", "-content", dir, "DISCORD_TOKEN secret"},
		{"export", "-content", dir},
		{"check", "-content", dir},
	} {
		stdout, stderr, code, _ := finish(t, faqbotCommand(t, env, args...), 30*time.Second)
		if strings.Contains(stdout+stderr, token) {
			t.Errorf("%v shows the token:\n%s%s", args, stdout, stderr)
		}
		if args[0] == "check" {
			for _, want := range []string{"environ.md: symbolic link points outside the content directory, skipped", "env.md: symbolic link points outside the content directory, skipped"} {
				if code != 1 || !strings.Contains(stdout, want) {
					t.Errorf("check: exit %d, output lacks %q:\n%s", code, want, stdout)
				}
			}
		} else if code != 0 {
			t.Errorf("%v: exit %d\n%s", args, code, stderr)
		}
	}
}

// TestCheckWithFIFO: a FIFO among the content files is named and skipped
// at once; it used to block check for ever.
func TestCheckWithFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "faq.md"), []byte("## Is this read?\n\nYes.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	type result struct {
		out string
		err error
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		out, _, err := cli(t, nil, "check", "-content", dir)
		done <- result{out, err}
	}()
	select {
	case r := <-done:
		t.Logf("check returned in %v", time.Since(start).Round(time.Millisecond))
		if exitCode(r.err) != 1 || !strings.Contains(r.out, "pipe.md: a named pipe (FIFO), not a regular file: skipped") {
			t.Errorf("check: %v\n%s", r.err, r.out)
		}
	case <-time.After(time.Second):
		t.Fatal("check with a FIFO in the content did not return within 1s")
	}
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestSecondProcessBesideTheBot runs faqbot commands in other processes
// on the INDEX_DIR and DATA_DIR of a running bot (as `docker exec faqbot
// /faqbot ask …` does): none waits, none deletes or changes what the bot
// uses, and those that need the directories say who holds them.
func TestSecondProcessBesideTheBot(t *testing.T) {
	indexDir, dataDir := t.TempDir(), t.TempDir()
	s := startServe(t, map[string]string{"INDEX_DIR": indexDir, "DATA_DIR": dataDir})
	before := entries(t, indexDir)
	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "faq.md"), []byte("---\nkind: faq\n---\n\n## Where is the guild hall?\n\nNorth of the market.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"INDEX_DIR": indexDir, "DATA_DIR": dataDir, "LOG_LEVEL": "info"}
	bot := fmt.Sprintf("the bot (pid %d, running since ", os.Getpid())
	for _, tc := range []struct {
		args          []string
		code          int
		out, err, too string
	}{
		{[]string{"ask", "-content", s.dir, "when is raid night"}, 0, "When is raid night?", bot, "building an index in memory"},
		{[]string{"ask", "-content", other, "where is the guild hall"}, 0, "Where is the guild hall?", bot, "building an index in memory"},
		{[]string{"index", "-content", other}, 1, "", bot, "holds " + indexDir + "; a running bot keeps its own index up to date (use /faq reload), or stop it first"},
		{[]string{"report"}, 1, "", bot, "holds " + dataDir + "; use /faq unanswered in Discord, or stop it"},
	} {
		stdout, stderr, code, took := finish(t, faqbotCommand(t, env, tc.args...), 30*time.Second)
		t.Logf("%v: exit %d in %v", tc.args, code, took.Round(time.Millisecond))
		if code != tc.code || !strings.Contains(stdout, tc.out) || !strings.Contains(stderr, tc.err) || !strings.Contains(stderr, tc.too) {
			t.Errorf("%v: exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", tc.args, code, tc.code, stdout, stderr)
		}
		if code != 0 && strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%v: want one line saying who holds the directory, got:\n%s", tc.args, stderr)
		}
	}
	if after := entries(t, indexDir); !slices.Equal(before, after) {
		t.Errorf("INDEX_DIR changed under the bot: %v, was %v", after, before)
	}
	r := s.ask(t, fakediscord.Interaction{}, "when is raid night")
	if str(t, r, "data", "embeds", "0", "title") != "When is raid night?" {
		t.Errorf("the bot no longer answers: %s", r.Body)
	}
}

// writeBigCorpus writes n article paragraphs as JSON Lines: enough for
// building their index to take seconds.
func writeBigCorpus(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	words := strings.Fields("raid guild quest loot armor potion dragon castle market forge tavern archer healer tank mage rogue")
	for i := range n {
		fmt.Fprintf(w, `{"id":"big-%d","kind":"passage","title":"Chronicle","text":"Entry %d: the %s met the %s near the %s and traded %s for %s."}`+"\n",
			i, i, words[i%len(words)], words[(i/3)%len(words)], words[(i/7)%len(words)], words[(i/11)%len(words)], words[(i/13)%len(words)])
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// serveProcess starts `faqbot serve` as a process against a fake Discord,
// on a copy of testdata/serve (plus extra, before it starts).
type serveProcess struct {
	cmd    *exec.Cmd
	fake   *fakediscord.Server
	dir    string
	stderr *syncBuffer
	done   chan error
}

func startServeProcess(t *testing.T, extra func(dir string)) *serveProcess {
	t.Helper()
	fake := fakediscord.Start(t)
	p := &serveProcess{fake: fake, dir: copyDir(t, "testdata/serve"), stderr: &syncBuffer{}, done: make(chan error, 1)}
	if extra != nil {
		extra(p.dir)
	}
	p.cmd = faqbotCommand(t, map[string]string{
		"DISCORD_TOKEN":    fakediscord.DefaultToken,
		"DISCORD_API_URL":  fake.APIURL(),
		"DISCORD_GUILD_ID": fakediscord.DefaultGuildID,
		"CONTENT_DIR":      p.dir,
		"INDEX_DIR":        t.TempDir(),
		"LOG_LEVEL":        "debug",
	}, "serve")
	p.cmd.Stderr = p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- p.cmd.Wait() }()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		if t.Failed() {
			t.Logf("bot log:\n%s", p.stderr.String())
		}
	})
	return p
}

// waitLog waits until the process has logged want.
func (p *serveProcess) waitLog(t *testing.T, want string, limit time.Duration) {
	t.Helper()
	if !waitUntil(limit, 10*time.Millisecond, func() bool { return strings.Contains(p.stderr.String(), want) }) {
		t.Fatalf("no %q in the log within %v", want, limit)
	}
}

// terminate sends SIGTERM and requires exit status 0 within 10 seconds.
func (p *serveProcess) terminate(t *testing.T) time.Duration {
	t.Helper()
	start := time.Now()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		took := time.Since(start)
		if err != nil {
			t.Errorf("exit after SIGTERM: %v (want status 0)", err)
		}
		return took
	case <-time.After(10 * time.Second):
		t.Fatal("no exit within 10s of SIGTERM")
		return 0
	}
}

// TestSIGTERMDuringReload stops the bot while a moderator's reload builds
// a big index: it exits with status 0 within 10 seconds, and the moderator
// is told the reload was stopped.
func TestSIGTERMDuringReload(t *testing.T) {
	p := startServeProcess(t, nil)
	p.fake.WaitConnected(t, 30*time.Second)
	p.fake.WaitRequest(t, 30*time.Second, fakediscord.Match("PUT", "applications/*/guilds/*/commands"))
	writeBigCorpus(t, filepath.Join(p.dir, "big.jsonl"), 60000)
	in := fakediscord.Interaction{ID: nextID(), Name: "faq", Permissions: discordgo.PermissionManageServer, Options: []fakediscord.CommandOption{{Name: "reload"}}}
	p.fake.Dispatch(t, "INTERACTION_CREATE", p.fake.SlashCommand(in))
	p.waitLog(t, "reload: building the new index", time.Minute)
	took := p.terminate(t)
	t.Logf("exit %v after SIGTERM", took.Round(time.Millisecond))
	report := p.fake.WaitRequest(t, wait, fakediscord.Match("PATCH", "webhooks/*/*/messages/@original"))
	if c, _ := report.Field("content"); !strings.Contains(fmt.Sprint(c), "shutting down, so this reload was stopped") {
		t.Errorf("the moderator's report: %v", c)
	}
	if strings.Contains(p.stderr.String(), "reload done") {
		t.Error("the reload finished: SIGTERM came too late to test anything")
	}
}

// TestSIGTERMDuringStartUp stops the bot while it builds its first index.
func TestSIGTERMDuringStartUp(t *testing.T) {
	p := startServeProcess(t, func(dir string) { writeBigCorpus(t, filepath.Join(dir, "big.jsonl"), 60000) })
	p.waitLog(t, "opening the index, or building it", time.Minute)
	took := p.terminate(t)
	t.Logf("exit %v after SIGTERM", took.Round(time.Millisecond))
	if !strings.Contains(p.stderr.String(), "stopped before serving") {
		t.Error("the bot did not stop while building its index")
	}
}
