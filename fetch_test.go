package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"faqbot/config"
	"faqbot/site"
)

// faqSite is a two-page FAQ site on 127.0.0.1; after gone is set, its
// second page is gone.
func faqSite(t *testing.T, gone *atomic.Bool) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/help/":
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			_, _ = w.Write([]byte(`<!doctype html><title>Help</title><main><h1>Help</h1>
<details><summary>How do I join the guild?</summary><p>Post in the apply channel and an officer will reply.</p></details>
<p><a href="raids">Raids</a></p></main>`))
		case r.URL.Path == "/help/raids" && !gone.Load():
			_, _ = w.Write([]byte(`<!doctype html><title>Raids</title><main><h2 id="when">When</h2><p>Raids start on Thursday at eight.</p></main>`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFetchCommand(t *testing.T) {
	var gone atomic.Bool
	srv := faqSite(t, &gone)
	dir := t.TempDir()
	out, _, err := cli(t, nil, "fetch", "-out", dir, "-delay", "0s", srv.URL+"/help/")
	if err != nil {
		t.Fatalf("fetch: %v\n%s", err, out)
	}
	for _, want := range []string{"fetching " + srv.URL + "/help/ into " + dir, "added     " + srv.URL + "/help/ → ", "added     " + srv.URL + "/help/raids → ",
		"2 pages: 2 added, 0 changed, 0 unchanged, 0 removed\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("fetch output lacks %q:\n%s", want, out)
		}
	}
	// The pages are content: the bot answers from them, linking to the site.
	out, _, err = cli(t, nil, "ask", "-content", dir, "how do I join the guild?")
	if err != nil || !strings.Contains(out, "apply channel") || !strings.Contains(out, srv.URL+"/help/#:~:text=How") {
		t.Errorf("ask from the fetched pages: %v\n%s", err, out)
	}

	gone.Store(true)
	out, _, err = cli(t, map[string]string{"CONTENT_DIR": dir, "CONTENT_URLS": srv.URL + "/help/", "FETCH_DELAY": "0s"}, "fetch")
	if err != nil || !strings.Contains(out, "unchanged "+srv.URL+"/help/\n") || !strings.Contains(out, "removed   "+srv.URL+"/help/raids (HTTP 404 Not Found;") ||
		!strings.Contains(out, "2 pages: 0 added, 0 changed, 1 unchanged, 1 removed") {
		t.Errorf("second fetch (CONTENT_URLS into CONTENT_DIR): %v\n%s", err, out)
	}
	out, _, err = cli(t, nil, "check", "-content", dir)
	if err != nil || !strings.Contains(out, "1 files: 1 FAQ pairs, 1 article paragraphs") {
		t.Errorf("check after the second fetch: %v\n%s", err, out)
	}
}

func TestFetchCommandFailedPages(t *testing.T) {
	var gone atomic.Bool
	srv := faqSite(t, &gone)
	out, _, err := cli(t, nil, "fetch", "-out", t.TempDir(), "-delay", "0s", "-depth", "0", srv.URL+"/help/", srv.URL+"/help/missing")
	var exit *exitError
	if !errors.As(err, &exit) || exit.code != 1 || !strings.Contains(out, "failed    "+srv.URL+"/help/missing: HTTP 404 Not Found") || !strings.Contains(out, "1 page: 1 added") {
		t.Errorf("fetch with a missing page: %v\n%s", err, out)
	}
}

// TestFetchedPagesWithinContentLimits: fetched pages are content like any
// other file, read within MAX_CONTENT_MB and named relative to the
// content directory when a limit is reached.
func TestFetchedPagesWithinContentLimits(t *testing.T) {
	para := "<p>" + strings.Repeat("Raid night is on Thursday at eight. ", 40) + "</p>\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		switch r.URL.Path {
		case "/docs/":
			_, _ = w.Write([]byte(`<main><a href="a">a</a> <a href="b">b</a></main>`))
		case "/docs/a", "/docs/b": // 750 KiB each: together past 1 MiB
			_, _ = w.Write([]byte("<main><h1>" + r.URL.Path + "</h1>" + strings.Repeat(para, 520) + "</main>"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	if out, _, err := cli(t, nil, "fetch", "-out", dir, "-delay", "0s", srv.URL+"/docs/"); err != nil {
		t.Fatalf("fetch: %v\n%s", err, out)
	}
	out, _, err := cli(t, map[string]string{"MAX_CONTENT_MB": "1"}, "check", "-content", dir)
	host := strings.ReplaceAll(strings.TrimPrefix(srv.URL, "http://"), ":", "_")
	if err == nil || !strings.Contains(out, host+"/docs/b.html: the content is larger than 1 MiB in total (MAX_CONTENT_MB)") || strings.Contains(out, dir) {
		t.Errorf("check of fetched pages past MAX_CONTENT_MB: %v\n%s", err, out)
	}
}

func TestFetchCommandUsage(t *testing.T) {
	tests := []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"fetch", "-out", "x"}, "no URL to fetch"},
		{nil, []string{"fetch", "https://e.org/"}, "no directory to save the pages in"},
		{nil, []string{"fetch", "-out", "x", "e.org/docs"}, `"e.org/docs" is not an http(s) URL`},
		{nil, []string{"fetch", "-out", "x", "-max", "0", "https://e.org/"}, "-max 1 or more"},
	}
	for _, tt := range tests {
		_, _, err := cli(t, tt.env, tt.args...)
		var exit *exitError
		if !errors.As(err, &exit) || exit.code != 2 || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: %v, want a usage error saying %q", tt.args, err, tt.want)
		}
	}
}

func TestFetchSummary(t *testing.T) {
	rep := site.Report{Pages: []site.Page{
		{URL: "https://e.org/a", Status: site.Added}, {URL: "https://e.org/b", Status: site.Failed, Reason: "HTTP 500 Internal Server Error"},
		{URL: "https://e.org/c", Status: site.Failed, Reason: "x"}, {URL: "https://e.org/d", Status: site.Failed, Reason: "y"},
		{URL: "https://e.org/e", Status: site.Failed, Reason: "z"},
	}}
	counts := "Websites: 1 page: 1 added, 0 changed, 0 unchanged, 0 removed; 4 failed.\n" +
		"https://e.org/b: HTTP 500 Internal Server Error\nhttps://e.org/c: x\nhttps://e.org/d: y\n…and 1 more failed pages."
	tests := []struct {
		err  error
		want string
	}{
		{nil, counts},
		{fmt.Errorf("fetch: %w", context.Canceled), counts + "\nThe fetch was stopped before it finished. The pages saved before are used."},
		{fmt.Errorf("fetch: %w", context.DeadlineExceeded), counts + "\nThe fetch was stopped at half the reload's time, so that the content could still be read; the pages saved so far are used. A site this slow to fetch needs a smaller FETCH_MAX_PAGES."},
		// What the fetch could not do on disk is told in words: the error
		// names server paths and system calls.
		{errors.New("fetch: save https://e.org/a: write e.org/a.html: open /srv/content/e.org/.tmp-X: permission denied"),
			counts + "\nThe fetch stopped: something went wrong on the server, so the content directory could not be read or written; the bot's log has the details. The pages saved before are used."},
	}
	for _, tt := range tests {
		if got := fetchSummary(rep, tt.err); got != tt.want {
			t.Errorf("fetchSummary(%v)\n got %q\nwant %q", tt.err, got, tt.want)
		}
	}
}

func TestFetchBudget(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ctx, cancel := fetchBudget(context.Background(), now)
	defer cancel()
	if _, ok := ctx.Deadline(); ok {
		t.Error("a reload without a deadline gave the fetch one")
	}
	parent, pcancel := context.WithDeadline(context.Background(), now.Add(10*time.Minute))
	defer pcancel()
	ctx, cancel = fetchBudget(parent, now)
	defer cancel()
	if d, ok := ctx.Deadline(); !ok || !d.Equal(now.Add(5*time.Minute)) {
		t.Errorf("fetch deadline %v, want half of the reload's ten minutes", d)
	}
}

// TestReloadFetchLeavesTimeToRead: a site whose robots.txt asks for a
// minute between requests would hold the fetch past the reload's
// deadline; the fetch stops at half of it, says so, and the reload still
// has its time.
func TestReloadFetchLeavesTimeToRead(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			_, _ = w.Write([]byte("User-agent: *\nCrawl-delay: 60\n"))
		case "/docs/":
			_, _ = w.Write([]byte(`<p>Start.</p><a href="a">a</a>`))
		default:
			_, _ = w.Write([]byte(`<p>A page.</p>`))
		}
	}))
	t.Cleanup(srv.Close)
	a := &app{cfg: config.Config{ContentURLs: []string{srv.URL + "/docs/"}, FetchDepth: 1, FetchMaxPages: 10}, log: slog.New(slog.DiscardHandler)}
	fetch := a.fetchStep(t.TempDir())
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	got := fetch(ctx)
	if ctx.Err() != nil || !strings.Contains(got, "stopped at half the reload's time") {
		t.Errorf("fetch summary %q, reload context %v: want the fetch stopped with time left", got, ctx.Err())
	}
}
