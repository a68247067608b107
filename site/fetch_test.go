package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"faqbot/content"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// testSite is a small docs site on 127.0.0.1, served from testdata/site
// plus a few pages that misbehave. version 2 is the site after an edit:
// a changed page, a new one, one gone and one failing.
type testSite struct {
	t       *testing.T
	srv     *httptest.Server
	mu      sync.Mutex
	version int
	log     []request // every request, in order
}

// request is what the site saw of one request.
type request struct {
	path, ifNoneMatch, ifModifiedSince string
	code                               int
	at                                 time.Time
}

// modTime is every static page's Last-Modified.
var modTime = time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)

func newTestSite(t *testing.T) *testSite {
	s := &testSite{t: t, version: 1}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *testSite) setVersion(v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.version = v
}

// requests returns the requests seen so far and forgets them.
func (s *testSite) requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.log
	s.log = nil
	return out
}

// statusWriter remembers the status a handler sent.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

func (s *testSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	v := s.version
	s.mu.Unlock()
	sw := &statusWriter{ResponseWriter: w, code: 200}
	s.handle(sw, r, v)
	s.mu.Lock()
	s.log = append(s.log, request{r.URL.Path, r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since"), sw.code, time.Now()})
	s.mu.Unlock()
}

func (s *testSite) handle(w http.ResponseWriter, r *http.Request, v int) {
	if r.Header.Get("User-Agent") != UserAgent {
		http.Error(w, "who are you?", http.StatusForbidden)
		return
	}
	switch r.URL.Path {
	case "/docs/moved":
		http.Redirect(w, r, "/docs/raids.html", http.StatusMovedPermanently)
	case "/docs/away":
		http.Redirect(w, r, elsewhere(s.t)+"/wiki/", http.StatusFound)
	case "/docs/missing":
		http.NotFound(w, r)
	case "/docs/huge": // 20 MB, sent without a length, as a dynamic page would
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		chunk := []byte("<p>" + strings.Repeat("archive ", 128) + "</p>\n")
		for sent := 0; sent < 20<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case "/docs/slow":
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	case "/docs/logo":
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write([]byte("\x89PNG\r\n\x1a\nnot really"))
	case "/docs/sitemap.xml":
		b := s.file("docs/sitemap.xml")
		w.Header().Set("Content-Type", "application/xml")
		_, _ = w.Write(bytes.ReplaceAll(b, []byte("{{base}}"), []byte(s.srv.URL)))
	case "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write(s.file("robots.txt"))
	case "/docs/", "/docs/install.html", "/docs/faq.html", "/docs/raids.html", "/docs/glossary.html", "/docs/terms", "/docs/news.html", "/docs/events.html", "/docs/private/roster.html":
		s.page(w, r, v)
	default:
		http.NotFound(w, r)
	}
}

// page serves a static page the way a web server does: with an ETag, a
// Last-Modified, both or neither, answering conditional requests with 304.
func (s *testSite) page(w http.ResponseWriter, r *http.Request, v int) {
	p := r.URL.Path
	name := strings.TrimPrefix(p, "/")
	switch {
	case p == "/docs/":
		name = "docs/index.html"
	case p == "/docs/terms":
		name = "docs/terms.html"
	}
	body := s.file(name)
	switch {
	case v == 2 && p == "/docs/":
		body = bytes.Replace(body, []byte("</main>"), []byte("<p>New: <a href=\"news.html\">the news</a>.</p>\n</main>"), 1)
	case v == 2 && p == "/docs/install.html":
		body = bytes.Replace(body, []byte("It answers within seconds."), []byte("It answers within a second."), 1)
	case v == 2 && p == "/docs/terms", v == 1 && p == "/docs/news.html":
		http.NotFound(w, r)
		return
	case v == 2 && p == "/docs/events.html":
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if p != "/docs/raids.html" && p != "/docs/glossary.html" {
		w.Header().Set("ETag", fmt.Sprintf(`"%x"`, sha256.Sum256(body)))
	}
	mod := time.Time{}
	if p == "/docs/raids.html" || p == "/docs/" {
		mod = modTime
	}
	http.ServeContent(w, r, "", mod, bytes.NewReader(body))
}

func (s *testSite) file(name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "site", filepath.FromSlash(name)))
	if err != nil {
		s.t.Errorf("test site: %v", err)
	}
	return b
}

var (
	elsewhereOnce sync.Once
	elsewhereSrv  *httptest.Server
	elsewhereHits int
	elsewhereMu   sync.Mutex
)

// elsewhere is another site on 127.0.0.1, where the off-site redirect
// points; it counts the requests it gets (there must be none).
func elsewhere(t *testing.T) string {
	elsewhereOnce.Do(func() {
		elsewhereSrv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			elsewhereMu.Lock()
			elsewhereHits++
			elsewhereMu.Unlock()
			_, _ = w.Write([]byte("<p>another site</p>"))
		}))
	})
	return elsewhereSrv.URL
}

func elsewhereRequests() int {
	elsewhereMu.Lock()
	defer elsewhereMu.Unlock()
	return elsewhereHits
}

// testOptions fetch fast: no pause between requests, short timeouts.
func testOptions(dir string, progress *[]string) Options {
	return Options{
		Dir:      dir,
		Depth:    2,
		Delay:    -1,
		Timeout:  2 * time.Second, // the slow page waits it out; the 20 MB one must fail on its size, even under -race
		Progress: func(p Page) { *progress = append(*progress, p.String()) },
	}
}

// TestFetchSite fetches the test site twice: the first time everything is
// added and each kind of bad page is reported; the second time, after the
// site changed, conditional requests find what is unchanged and the report
// says what was added, changed and removed. Reports, passages and links
// are compared with golden files.
func TestFetchSite(t *testing.T) {
	site := newTestSite(t)
	dir := t.TempDir()
	start := []string{site.srv.URL + "/docs/sitemap.xml"}
	ph := placeholders(site, dir)

	var progress []string
	rep, err := Fetch(context.Background(), start, testOptions(dir, &progress))
	if err != nil {
		t.Fatal(err)
	}
	first := site.requests()
	golden(t, "first-fetch.golden", ph.Replace(strings.Join(progress, "\n")+"\n"+rep.Summary()+"\n"))
	golden(t, "first-passages.golden", ph.Replace(passages(t, dir)))
	for _, r := range first {
		if strings.HasPrefix(r.path, "/docs/private/") || strings.HasPrefix(r.path, "/blog") || r.path == "/docs/manual.pdf" {
			t.Errorf("requested %s, which the fetch must leave alone", r.path)
		}
		if r.ifNoneMatch != "" || r.ifModifiedSince != "" {
			t.Errorf("first fetch sent a conditional request for %s", r.path)
		}
	}
	if n := elsewhereRequests(); n != 0 {
		t.Errorf("the site the redirect pointed to got %d requests", n)
	}
	if got := countPath(first, "/robots.txt"); got != 1 {
		t.Errorf("robots.txt read %d times, want once", got)
	}

	site.setVersion(2)
	progress = nil
	rep, err = Fetch(context.Background(), start, testOptions(dir, &progress))
	if err != nil {
		t.Fatal(err)
	}
	second := site.requests()
	golden(t, "second-fetch.golden", ph.Replace(strings.Join(progress, "\n")+"\n"+rep.Summary()+"\n"))
	golden(t, "second-passages.golden", ph.Replace(passages(t, dir)))
	want := map[string]struct {
		etag, since bool
		code        int
	}{
		"/docs/faq.html":   {etag: true, code: 304},
		"/docs/raids.html": {since: true, code: 304},
		"/docs/":           {etag: true, since: true, code: 200},
	}
	for p, w := range want {
		found := false
		for _, r := range second {
			if r.path == p && (r.ifNoneMatch != "") == w.etag && (r.ifModifiedSince != "") == w.since && r.code == w.code {
				found = true
			}
		}
		if !found {
			t.Errorf("second fetch of %s: no request with etag %v, since %v answered %d, in %+v", p, w.etag, w.since, w.code, second)
		}
	}
	// The page that failed keeps its old copy, which still loads (see the
	// golden passages).
	if _, err := os.Stat(filepath.Join(dir, fileName(mustURL(t, site.srv.URL+"/docs/events.html")))); err != nil {
		t.Errorf("the events page's old copy is gone after a failed fetch: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, fileName(mustURL(t, site.srv.URL+"/docs/terms")))); err == nil {
		t.Errorf("the removed page's file is still there")
	}
}

// placeholders replaces the test servers' random addresses.
func placeholders(site *testSite, dir string) *strings.Replacer {
	host := strings.TrimPrefix(site.srv.URL, "http://")
	return strings.NewReplacer(site.srv.URL, "http://SITE", strings.ReplaceAll(host, ":", "_"), "SITE",
		elsewhere(site.t), "http://ELSEWHERE", dir, "OUT")
}

// passages loads the fetched pages as the bot would and renders them as
// JSON Lines, with every problem and note.
func passages(t *testing.T, dir string) string {
	t.Helper()
	c, err := content.LoadPath(context.Background(), dir, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := content.WriteJSONL(&b, c.Passages); err != nil {
		t.Fatal(err)
	}
	for _, p := range c.Problems {
		b.WriteString("problem: " + p.Error() + "\n")
	}
	for _, w := range c.Warnings {
		b.WriteString("note: " + w.Error() + "\n")
	}
	return b.String()
}

// golden compares got with testdata/name (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./site -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update and review the diff):\n%s", p, got)
	}
}

func countPath(rs []request, p string) int {
	n := 0
	for _, r := range rs {
		if r.path == p {
			n++
		}
	}
	return n
}
