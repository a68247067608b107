package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/bwmarrin/discordgo"

	"faqbot/internal/fakediscord"
)

// TestServeFetchesContentURLs runs serve with CONTENT_URLS pointing at a
// site on 127.0.0.1: its page answers from the start; /faq reload fetches
// again and reports the fetch; a site that fails leaves the old pages
// answering.
func TestServeFetchesContentURLs(t *testing.T) {
	t.Parallel()
	var day atomic.Value
	day.Store("Friday")
	var down atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case down.Load():
			http.Error(w, "down", http.StatusInternalServerError)
		case r.URL.Path == "/club/":
			_, _ = w.Write([]byte(`<!doctype html><title>Quiz club</title><nav><a href="/">Home</a></nav><main><h1>Quiz club</h1>
<details><summary>When is the quiz night?</summary><p>Every ` + day.Load().(string) + ` at nine, in the lounge channel.</p></details>
<p><a href="/club/missing">Old quizzes</a></p></main>`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	s := startServe(t, map[string]string{"CONTENT_URLS": srv.URL + "/club/", "FETCH_DELAY": "0s", "MODERATOR_ROLES": "400000000000000001"})
	answer := func() string {
		return str(t, s.ask(t, fakediscord.Interaction{}, "when is the quiz night"), "data", "embeds", "0", "description")
	}
	if a := answer(); !strings.Contains(a, "Friday") {
		t.Fatalf("answer from the fetched page: %q", a)
	}
	reload := func() string {
		s.fake.ClearRequests()
		s.faq(t, fakediscord.Interaction{Permissions: discordgo.PermissionManageServer}, "reload")
		return str(t, s.fake.WaitRequest(t, wait, fakediscord.Match("PATCH", "webhooks/*/*/messages/@original")), "content")
	}

	day.Store("Saturday")
	if c := reload(); !strings.Contains(c, "Reloaded") || !strings.Contains(c, "Websites: 1 page: 0 added, 1 changed, 0 unchanged, 0 removed; 1 failed.") ||
		!strings.Contains(c, srv.URL+"/club/missing: HTTP 404 Not Found") {
		t.Errorf("reload report: %q", c)
	}
	if a := answer(); !strings.Contains(a, "Saturday") {
		t.Errorf("answer after the reload: %q", a)
	}

	down.Store(true)
	if c := reload(); !strings.Contains(c, "robots.txt could not be read (HTTP 500") || !strings.Contains(c, "Content unchanged") {
		t.Errorf("reload with the site down: %q", c)
	}
	if a := answer(); !strings.Contains(a, "Saturday") {
		t.Errorf("answer with the site down: %q", a)
	}

	// The fetch record made unreadable under the bot: the report says so
	// in words, without server paths; the log has the details.
	record := filepath.Join(s.dir, ".faqbot-fetch.json")
	if err := os.Remove(record); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(record, 0o755); err != nil {
		t.Fatal(err)
	}
	if c := reload(); !strings.Contains(c, "The fetch stopped: something went wrong on the server") || !strings.Contains(c, "Content unchanged") ||
		strings.Contains(c, s.dir) || strings.Contains(c, os.TempDir()) || strings.Contains(c, "not a regular file") {
		t.Errorf("reload with the fetch record unreadable: %q", c)
	}
	if !strings.Contains(s.log.String(), ".faqbot-fetch.json: not a regular file") {
		t.Errorf("the log lacks the details:\n%s", s.log.String())
	}
}
