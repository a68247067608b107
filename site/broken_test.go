package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log"
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

// brokenSite serves handlers by path on 127.0.0.1, changeable between
// fetches, for sites that misbehave. A path without a handler is a 404,
// robots.txt included.
type brokenSite struct {
	srv      *httptest.Server
	mu       sync.Mutex
	handlers map[string]http.HandlerFunc
	paths    []string // every request's path, in order
}

func newBrokenSite(t *testing.T, handlers map[string]http.HandlerFunc) *brokenSite {
	s := &brokenSite{handlers: handlers}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.paths = append(s.paths, r.URL.Path)
		h, ok := s.handlers[r.URL.Path]
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// set replaces the handlers.
func (s *brokenSite) set(handlers map[string]http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handlers = handlers
}

// requested are the paths requested so far.
func (s *brokenSite) requested() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.paths...)
}

// htmlPage serves body as an HTML page.
func htmlPage(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte(body))
	}
}

// redirect sends every request to to.
func redirect(to string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, to, http.StatusFound) }
}

// savedFiles are the page files under dir, relative to it.
func savedFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFetchKeepsPagesWhenTheStartFails: a start page or sitemap that
// cannot be read (moved to a maintenance page on another host, missing
// while the site is rebuilt), a sitemap that lists nothing, or a start
// page that links nowhere in the site (a maintenance page in its place),
// hides every page found through it, so none of them is removed as no
// longer linked.
func TestFetchKeepsPagesWhenTheStartFails(t *testing.T) {
	sitemapOf := func(base string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><urlset><url><loc>%s/docs/a</loc></url><url><loc>%s/docs/b</loc></url></urlset>`, base, base)
		}
	}
	for _, tc := range []struct {
		name, start string
		broken      http.HandlerFunc
		want        int // pages kept: all three, or the two besides a start page the site says is gone
	}{
		{"start redirected off the site", "/docs/", redirect("http://127.0.0.2:9/maintenance"), 3},
		{"start gone", "/docs/", http.NotFound, 2},
		{"start a maintenance page linking nowhere", "/docs/", htmlPage(`<p>Back soon. <a href="https://status.example.org/">Status</a></p>`), 3},
		{"start not HTML", "/docs/", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/pdf")
			_, _ = w.Write([]byte("%PDF-1.4"))
		}, 3},
		{"sitemap redirected off the site", "/docs/sitemap.xml", redirect("http://127.0.0.2:9/maintenance"), 3},
		{"sitemap gone", "/docs/sitemap.xml", http.NotFound, 3},
		{"sitemap empty", "/docs/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprint(w, `<?xml version="1.0"?><urlset></urlset>`)
		}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newBrokenSite(t, nil)
			pages := map[string]http.HandlerFunc{
				"/docs/":            htmlPage(`<a href="a">a</a> <a href="b">b</a>`),
				"/docs/sitemap.xml": sitemapOf(s.srv.URL),
				"/docs/a":           htmlPage("<p>a</p>"),
				"/docs/b":           htmlPage("<p>b</p>"),
			}
			s.set(pages)
			dir := t.TempDir()
			start := []string{s.srv.URL + "/docs/", s.srv.URL + "/docs/sitemap.xml"}
			if rep, err := Fetch(context.Background(), start, quiet(dir)); err != nil || rep.Count(Added) != 3 {
				t.Fatalf("first fetch: %q %v", rep.Pages, err)
			}
			pages[tc.start] = tc.broken
			rep, err := Fetch(context.Background(), []string{s.srv.URL + tc.start}, quiet(dir))
			if err != nil || rep.Count(Failed)+rep.Count(Removed)+rep.Count(Changed) != 1 {
				t.Fatalf("second fetch: %q %v: want the start failed, removed or changed, and nothing else", rep.Pages, err)
			}
			if got := savedFiles(t, dir); len(got) != tc.want {
				t.Errorf("saved pages after the start failed: %q, want %d kept", got, tc.want)
			}
		})
	}
}

// TestFetchNamesThatClash: URLs whose files would stand where another
// page's folder goes, or differ only in case, are all saved, each to a
// file of its own on any file system, and none stops the fetch.
func TestFetchNamesThatClash(t *testing.T) {
	page := func(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, "<p>page %s</p>", r.URL.Path) }
	s := newBrokenSite(t, map[string]http.HandlerFunc{
		"/docs/": htmlPage(`<a href="x.html">1</a> <a href="x.html/y">2</a> <a href="X.html">3</a>
			<a href="FAQ">4</a> <a href="faq">5</a> <a href="Faq/">6</a> <a href="faq/index.html">7</a>`),
		"/docs/x.html": page, "/docs/x.html/y": page, "/docs/X.html": page,
		"/docs/FAQ": page, "/docs/faq": page, "/docs/Faq/": page, "/docs/faq/index.html": page,
	})
	dir := t.TempDir()
	rep, err := Fetch(context.Background(), []string{s.srv.URL + "/docs/"}, quiet(dir))
	if err != nil || rep.Count(Added) != 8 {
		t.Fatalf("fetch: %q %v: want all 8 pages added", rep.Pages, err)
	}
	files := savedFiles(t, dir)
	seen := map[string]string{}
	for _, f := range files {
		if other, ok := seen[strings.ToLower(f)]; ok {
			t.Errorf("%s and %s are one file where case does not count", other, f)
		}
		seen[strings.ToLower(f)] = f
	}
	if len(files) != 8 {
		t.Errorf("saved %q, want 8 files", files)
	}
}

// TestFetchJudgesPagesByTheirBytes: files served as text/html that are
// not pages fail with what they are, keep no file, and leave the saved
// pages free of content problems.
func TestFetchJudgesPagesByTheirBytes(t *testing.T) {
	servedAsHTML := func(encoding, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			if encoding != "" {
				w.Header().Set("Content-Encoding", encoding)
			}
			_, _ = w.Write([]byte(body))
		}
	}
	s := newBrokenSite(t, map[string]http.HandlerFunc{
		"/docs/":       htmlPage(`<a href="manual">1</a> <a href="logo">2</a> <a href="bundle">3</a> <a href="packed">4</a> <a href="ok">5</a>`),
		"/docs/manual": servedAsHTML("", "%PDF-1.4\n1 0 obj\x00\x01"),
		"/docs/logo":   servedAsHTML("", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
		"/docs/bundle": servedAsHTML("", "PK\x03\x04\x14\x00\x00\x00"),
		"/docs/packed": servedAsHTML("br", "\x1b\x03\x00\xf8\xa5"),
		"/docs/ok":     htmlPage("<p>fine</p>"),
	})
	dir := t.TempDir()
	rep, err := Fetch(context.Background(), []string{s.srv.URL + "/docs/"}, quiet(dir))
	if err != nil || rep.Count(Added) != 2 || rep.Count(Failed) != 4 {
		t.Fatalf("fetch: %q %v: want the two pages added and the rest failed", rep.Pages, err)
	}
	for _, p := range rep.Failures() {
		if !strings.Contains(p.Reason, "served as text/html") && !strings.Contains(p.Reason, "cannot read") {
			t.Errorf("%s: %q does not say what the file is", p.URL, p.Reason)
		}
	}
	c, err := content.LoadPath(context.Background(), dir, content.Options{})
	if err != nil || len(c.Problems) != 0 || len(savedFiles(t, dir)) != 2 {
		t.Errorf("saved %q: problems %v, %v", savedFiles(t, dir), c.Problems, err)
	}
}

// TestFetchSaysWhyInWords: a server that cuts its answer short, answers
// with something that is not HTTP, is not there or has a certificate
// nobody vouches for is reported in words, without the addresses, ports
// and system calls of the error behind it, which the report shows in
// Discord.
func TestFetchSaysWhyInWords(t *testing.T) {
	hijack := func(send string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				return
			}
			_, _ = conn.Write([]byte(send))
			_ = conn.Close()
		}
	}
	s := newBrokenSite(t, map[string]http.HandlerFunc{
		"/docs/":    htmlPage(`<a href="cut">1</a> <a href="short">2</a> <a href="garbled">3</a> <a href="loop">4</a>`),
		"/docs/cut": hijack(""),
		"/docs/short": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "1000")
			_, _ = w.Write([]byte("<p>the first line of a long pa"))
		},
		"/docs/garbled": hijack("Hello? This is not HTTP.\r\n\r\n"),
		"/docs/loop":    redirect("/docs/loop"),
	})
	refused := newBrokenSite(t, nil)
	refusedURL := refused.srv.URL
	refused.srv.Close()
	untrusted := httptest.NewUnstartedServer(http.NotFoundHandler())
	untrusted.Config.ErrorLog = log.New(io.Discard, "", 0) // not the refused handshake
	untrusted.StartTLS()
	t.Cleanup(untrusted.Close)
	plain := "https://" + strings.TrimPrefix(s.srv.URL, "http://") // TLS spoken to a server that does not

	rep, err := Fetch(context.Background(), []string{s.srv.URL + "/docs/", refusedURL + "/", untrusted.URL + "/", plain + "/x"}, quiet(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		s.srv.URL + "/docs/cut":     "the server closed the connection before its answer was complete",
		s.srv.URL + "/docs/short":   "the server closed the connection before its answer was complete",
		s.srv.URL + "/docs/garbled": "the server's answer could not be read",
		s.srv.URL + "/docs/loop":    "more than 5 redirects",
		refusedURL + "/":            "robots.txt could not be read (the server refused the connection), so nothing is fetched from this host",
		untrusted.URL + "/":         "robots.txt could not be read (the site's HTTPS certificate is not valid), so nothing is fetched from this host",
		plain + "/x":                "robots.txt could not be read (the server did not answer in HTTPS), so nothing is fetched from this host",
	}
	for _, p := range rep.Failures() {
		if p.Reason != want[p.URL] {
			t.Errorf("%s failed with %q, want %q", p.URL, p.Reason, want[p.URL])
		}
		delete(want, p.URL)
	}
	for u := range want {
		t.Errorf("%s did not fail", u)
	}
}

// TestFetchGivesUpOnASiteThatStoppedAnswering: once a few requests in a
// row get no answer, the other pages the sitemap lists fail without a
// request each waiting out its timeout; the saved copies stay.
func TestFetchGivesUpOnASiteThatStoppedAnswering(t *testing.T) {
	s := newBrokenSite(t, nil)
	hang := func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
	sitemap := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, `<?xml version="1.0"?><urlset>`)
		for i := range 30 {
			fmt.Fprintf(w, `<url><loc>%s/p%d</loc></url>`, s.srv.URL, i)
		}
		fmt.Fprint(w, `</urlset>`)
	}
	s.set(map[string]http.HandlerFunc{"/sitemap.xml": sitemap, "/p0": htmlPage("<p>saved before</p>")})
	dir := t.TempDir()
	opts := quiet(dir)
	opts.Timeout = 100 * time.Millisecond // the hanging pages time out; no time is measured
	opts.MaxPages = 1
	if rep, err := Fetch(context.Background(), []string{s.srv.URL + "/sitemap.xml"}, opts); err != nil || rep.Count(Added) != 1 {
		t.Fatalf("first fetch: %q %v", rep.Pages, err)
	}
	handlers := map[string]http.HandlerFunc{"/sitemap.xml": sitemap}
	for i := range 30 {
		handlers[fmt.Sprintf("/p%d", i)] = hang
	}
	s.set(handlers)
	before := len(s.requested())
	opts.MaxPages = 0
	rep, err := Fetch(context.Background(), []string{s.srv.URL + "/sitemap.xml"}, opts)
	if err != nil || rep.Count(Failed) != 30 {
		t.Fatalf("second fetch: %s %v: want every page failed", rep.Summary(), err)
	}
	if n := len(s.requested()) - before - 2; n != 3 { // less robots.txt and the sitemap
		t.Errorf("%d pages requested from a site that stopped answering, want 3", n)
	}
	if last := rep.Failures()[29].Reason; last != "not requested: the site gave no answer in time to the last 3 requests" {
		t.Errorf("last page: %q", last)
	}
	if got := savedFiles(t, dir); len(got) != 1 {
		t.Errorf("saved pages: %q, want the one saved before", got)
	}
}

// TestFetchReadsEachSitemapOnce: sitemap indexes that list themselves or
// each other are read once each, not until the limit on sitemaps.
func TestFetchReadsEachSitemapOnce(t *testing.T) {
	s := newBrokenSite(t, nil)
	index := func(locs ...string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprint(w, `<?xml version="1.0"?><sitemapindex>`)
			for _, l := range locs {
				fmt.Fprintf(w, `<sitemap><loc>%s%s</loc></sitemap>`, s.srv.URL, l)
			}
			fmt.Fprint(w, `</sitemapindex>`)
		}
	}
	s.set(map[string]http.HandlerFunc{
		"/sitemap.xml": index("/sitemap.xml", "/more.xml"),
		"/more.xml":    index("/sitemap.xml", "/more.xml"),
	})
	rep, err := Fetch(context.Background(), []string{s.srv.URL + "/sitemap.xml"}, quiet(t.TempDir()))
	if err != nil || rep.Count(Sitemap) != 2 || len(rep.Pages) != 2 {
		t.Errorf("report %q %v: want the two sitemaps read once each", rep.Pages, err)
	}
	if got := s.requested(); len(got) != 3 {
		t.Errorf("requested %q, want robots.txt and each sitemap once", got)
	}
}

// TestFetchSavesAPageOnce: a page a site serves under many URLs (with
// and without a slash, session ids in the query) is saved once, under the
// first URL it was found at, and a copy saved before under another URL is
// removed; the content loaded has its text once.
func TestFetchSavesAPageOnce(t *testing.T) {
	same := htmlPage("<h1>Opening hours</h1><p>We open at nine.</p>")
	s := newBrokenSite(t, map[string]http.HandlerFunc{
		"/docs/":      htmlPage(`<a href="hours">1</a> <a href="hours?sid=1">2</a> <a href="hours?sid=2">3</a> <a href="hours/">4</a>`),
		"/docs/hours": same, "/docs/hours/": same,
	})
	dir := t.TempDir()
	opts := quiet(dir)
	// A fetch that starts below /docs/hours/ saves it there first.
	if rep, err := Fetch(context.Background(), []string{s.srv.URL + "/docs/hours/"}, opts); err != nil || rep.Count(Added) != 1 {
		t.Fatalf("first fetch: %q %v", rep.Pages, err)
	}
	rep, err := Fetch(context.Background(), []string{s.srv.URL + "/docs/"}, opts)
	if err != nil || rep.Count(Added) != 2 || rep.Count(Skipped) != 2 || rep.Count(Removed) != 1 {
		t.Fatalf("fetch: %q %v: want /docs/ and /docs/hours added, the two with session ids skipped, /docs/hours/ removed", rep.Pages, err)
	}
	c, err := content.LoadPath(context.Background(), dir, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range c.Passages {
		if strings.Contains(p.Text, "We open at nine") {
			n++
		}
	}
	if n != 1 || len(savedFiles(t, dir)) != 2 {
		t.Errorf("the page's text is in %d passages of %q, want 1", n, savedFiles(t, dir))
	}
}

// TestFetchQueueIsBounded: the pages waiting to be fetched are bounded by
// the page limit, however many a sitemap lists; the pages turned away
// make the fetch one stopped at the page limit, which removes nothing.
func TestFetchQueueIsBounded(t *testing.T) {
	f := &fetch{opts: Options{MaxPages: 50}.withDefaults(), seen: map[string]bool{}}
	for i := range 5000 {
		f.enqueue(item{u: mustURL(t, fmt.Sprintf("https://e.org/p%d", i))})
	}
	if len(f.queue) != 1000 || len(f.seen) != 1000 || !f.rep.Truncated {
		t.Errorf("%d waiting, %d seen, truncated %v: want 1000, 1000, true", len(f.queue), len(f.seen), f.rep.Truncated)
	}
	f = &fetch{opts: Options{MaxPages: 500}.withDefaults(), seen: map[string]bool{}}
	for i := range 5000 {
		f.enqueue(item{u: mustURL(t, fmt.Sprintf("https://e.org/p%d", i))})
	}
	if len(f.queue) != 5000 || f.rep.Truncated {
		t.Errorf("%d waiting, truncated %v: want all 5000 for a limit of 500 pages", len(f.queue), f.rep.Truncated)
	}
}

// TestFetchGzipBombSitemap: a gzipped sitemap that decompresses past the
// limit is read no further and reported as too large, not as broken XML.
func TestFetchGzipBombSitemap(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte(`<?xml version="1.0"?><urlset>`))
	_, _ = zw.Write(bytes.Repeat([]byte(" "), 8<<20))
	_ = zw.Close()
	s := newBrokenSite(t, map[string]http.HandlerFunc{
		"/sitemap.xml.gz": func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(gz.Bytes()) },
	})
	opts := quiet(t.TempDir())
	opts.MaxBytes = 256 << 10
	rep, err := Fetch(context.Background(), []string{s.srv.URL + "/sitemap.xml.gz"}, opts)
	if err != nil || len(rep.Pages) != 1 || rep.Pages[0].Reason != "larger than the limit of 1 MiB once decompressed" {
		t.Errorf("report %q %v", rep.Pages, err)
	}
}
