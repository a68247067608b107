package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// miniSite serves fixed pages on 127.0.0.1 and records when each request
// came.
type miniSite struct {
	srv   *httptest.Server
	mu    sync.Mutex
	pages map[string]string // path → body; "robots.txt" is served as text
	times []time.Time
	paths []string
}

func newMiniSite(t *testing.T, pages map[string]string) *miniSite {
	s := &miniSite{pages: pages}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.times = append(s.times, time.Now())
		s.paths = append(s.paths, r.URL.Path)
		body, ok := s.pages[r.URL.Path]
		s.mu.Unlock()
		switch {
		case !ok:
			http.NotFound(w, r)
		case r.URL.Path == "/robots.txt":
			_, _ = w.Write([]byte(body))
		case strings.HasPrefix(body, "\x1f\x8b"), strings.HasPrefix(body, "<?xml"):
			w.Header().Set("Content-Type", "application/xml")
			_, _ = w.Write([]byte(body))
		case strings.HasPrefix(body, "cp1252:"):
			w.Header().Set("Content-Type", "text/html; charset=windows-1252")
			_, _ = w.Write([]byte(strings.TrimPrefix(body, "cp1252:")))
		default:
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte(body))
		}
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *miniSite) set(path, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if body == "" {
		delete(s.pages, path)
		return
	}
	s.pages[path] = body
}

func (s *miniSite) requested() ([]string, []time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.paths...), append([]time.Time(nil), s.times...)
}

func quiet(dir string) Options {
	return Options{Dir: dir, Depth: 3, Delay: -1, Timeout: 2 * time.Second}
}

func TestFetchWaitsBetweenRequests(t *testing.T) {
	s := newMiniSite(t, map[string]string{
		"/":  `<a href="/a">a</a> <a href="/b">b</a>`,
		"/a": "<p>a</p>", "/b": "<p>b</p>",
	})
	opts := quiet(t.TempDir())
	opts.Delay = 150 * time.Millisecond
	if _, err := Fetch(context.Background(), []string{s.srv.URL + "/"}, opts); err != nil {
		t.Fatal(err)
	}
	paths, times := s.requested()
	if len(paths) != 4 { // robots.txt and three pages
		t.Fatalf("requests %q", paths)
	}
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 140*time.Millisecond {
			t.Errorf("%s came %v after %s, want at least the 150ms delay", paths[i], gap, paths[i-1])
		}
	}
}

func TestFetchObeysCrawlDelay(t *testing.T) {
	s := newMiniSite(t, map[string]string{"/robots.txt": "User-agent: faqbot\nCrawl-delay: 1\n", "/": "<p>home</p>"})
	if _, err := Fetch(context.Background(), []string{s.srv.URL + "/"}, quiet(t.TempDir())); err != nil {
		t.Fatal(err)
	}
	paths, times := s.requested()
	if len(times) != 2 || times[1].Sub(times[0]) < 950*time.Millisecond {
		t.Errorf("requests %q at %v: want the page a second after robots.txt", paths, times)
	}
}

func TestFetchPageLimitKeepsUnreachedPages(t *testing.T) {
	s := newMiniSite(t, map[string]string{
		"/": `<a href="/a">a</a> <a href="/b">b</a> <a href="/c">c</a>`, "/a": "<p>a</p>", "/b": "<p>b</p>", "/c": "<p>c</p>",
	})
	dir := t.TempDir()
	opts := quiet(dir)
	rep, err := Fetch(context.Background(), []string{s.srv.URL + "/"}, opts)
	if err != nil || rep.Count(Added) != 4 || rep.Truncated {
		t.Fatalf("first fetch: %+v %v", rep, err)
	}
	// /c is no longer linked, but the fetch stops at 2 pages before it
	// could know: nothing is removed.
	s.set("/", `<a href="/a">a</a> <a href="/b">b</a>`)
	opts.MaxPages = 2
	rep, err = Fetch(context.Background(), []string{s.srv.URL + "/"}, opts)
	if err != nil || !rep.Truncated || rep.Count(Removed) != 0 || !strings.Contains(rep.Summary(), "stopped at the page limit") {
		t.Fatalf("limited fetch: %s %v", rep.Summary(), err)
	}
	// A complete fetch removes it.
	opts.MaxPages = 0
	rep, err = Fetch(context.Background(), []string{s.srv.URL + "/"}, opts)
	if err != nil || rep.Count(Removed) != 1 || rep.Pages[len(rep.Pages)-1].String() != "removed   "+s.srv.URL+"/c (no longer linked; "+fileName(mustURL(t, s.srv.URL+"/c"))+" deleted)" {
		t.Fatalf("complete fetch: %q %v", rep.Pages, err)
	}
	if _, err := os.Stat(filepath.Join(dir, fileName(mustURL(t, s.srv.URL+"/c")))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("removed page's file: %v", err)
	}
}

func TestFetchConvertsToUTF8AndRecordsTheSource(t *testing.T) {
	s := newMiniSite(t, map[string]string{"/menu": "cp1252:<title>Caf\xe9</title><p>Cr\xe8me br\xfbl\xe9e on Fridays.</p>"})
	dir := t.TempDir()
	if _, err := Fetch(context.Background(), []string{s.srv.URL + "/menu"}, quiet(dir)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, fileName(mustURL(t, s.srv.URL+"/menu"))))
	if err != nil {
		t.Fatal(err)
	}
	want := "<!-- saved from url=(00" + itoa2(len(s.srv.URL+"/menu")) + ")" + s.srv.URL + "/menu -->\n<title>Café</title><p>Crème brûlée on Fridays.</p>"
	if string(b) != want {
		t.Errorf("saved page\n got %q\nwant %q", b, want)
	}
}

func itoa2(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

func TestFetchNoindexAndNofollow(t *testing.T) {
	s := newMiniSite(t, map[string]string{
		"/":       `<meta name="robots" content="nofollow"><p>home</p><a href="/a">a</a>`,
		"/secret": `<meta name="robots" content="noindex"><p>secret</p>`,
		"/a":      "<p>a</p>",
	})
	rep, err := Fetch(context.Background(), []string{s.srv.URL + "/", s.srv.URL + "/secret"}, quiet(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := s.requested()
	if rep.Count(Added) != 1 || rep.Count(Skipped) != 1 || strings.Contains(strings.Join(paths, " "), "/a") {
		t.Errorf("report %q, requests %q: want home added, /secret skipped, /a not followed", rep.Pages, paths)
	}
}

func TestFetchSitemapIndexGzipped(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	s := newMiniSite(t, map[string]string{})
	_, _ = zw.Write([]byte(`<?xml version="1.0"?><urlset><url><loc>` + s.srv.URL + `/a</loc></url></urlset>`))
	_ = zw.Close()
	s.set("/sitemap-pages.xml.gz", gz.String())
	s.set("/sitemap.xml", `<?xml version="1.0"?><sitemapindex><sitemap><loc>`+s.srv.URL+`/sitemap-pages.xml.gz</loc></sitemap></sitemapindex>`)
	s.set("/a", "<p>a</p>")
	rep, err := Fetch(context.Background(), []string{s.srv.URL + "/sitemap.xml"}, quiet(t.TempDir()))
	if err != nil || rep.Count(Sitemap) != 2 || rep.Count(Added) != 1 {
		t.Errorf("report %q %v: want two sitemaps read and /a added", rep.Pages, err)
	}
}

func TestFetchRefusesBadInput(t *testing.T) {
	ctx := context.Background()
	if _, err := Fetch(ctx, []string{"ftp://e.org/"}, quiet(t.TempDir())); err == nil || !strings.Contains(err.Error(), `"ftp://e.org/" is not an http(s) URL`) {
		t.Errorf("ftp URL: %v", err)
	}
	if _, err := Fetch(ctx, nil, quiet(t.TempDir())); err == nil {
		t.Error("no URL: no error")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, manifestName), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Fetch(ctx, []string{"http://127.0.0.1:1/"}, quiet(dir)); err == nil || !strings.Contains(err.Error(), "delete it to fetch every page anew") {
		t.Errorf("broken record: %v", err)
	}
}

func TestFetchStopsWhenCancelled(t *testing.T) {
	s := newMiniSite(t, map[string]string{"/": `<a href="/a">a</a>`, "/a": "<p>a</p>"})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	opts := quiet(t.TempDir())
	opts.Delay = time.Hour // the page after robots.txt waits, until the cancel
	start := time.Now()
	_, err := Fetch(ctx, []string{s.srv.URL + "/"}, opts)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Errorf("cancelled fetch: %v after %v", err, time.Since(start))
	}
}

func TestFetchUnreachableSite(t *testing.T) {
	s := newMiniSite(t, nil)
	url := s.srv.URL
	s.srv.Close()
	rep, err := Fetch(context.Background(), []string{url + "/"}, quiet(t.TempDir()))
	if err != nil || len(rep.Pages) != 1 || rep.Pages[0].Status != Failed || !strings.Contains(rep.Pages[0].Reason, "robots.txt could not be read") {
		t.Errorf("unreachable site: %q %v", rep.Pages, err)
	}
}

// TestFetchKeepsPagesReadable: a page that grows past the content
// loader's limit on a file when converted to UTF-8 is reported, not saved
// as a file the loader would refuse.
func TestFetchKeepsPagesReadable(t *testing.T) {
	// 4 MiB of euro signs in windows-1252, under the 5 MiB a request may
	// read, are 12 MiB in UTF-8: past the loader's 10 MiB.
	s := newMiniSite(t, map[string]string{"/": "cp1252:<p>" + strings.Repeat("\x80", 4<<20) + "</p>"})
	dir := t.TempDir()
	rep, err := Fetch(context.Background(), []string{s.srv.URL + "/"}, quiet(dir))
	if err != nil || rep.Count(Failed) != 1 || !strings.Contains(rep.Failures()[0].Reason, "content's limit of 10 MiB") {
		t.Fatalf("report %q %v", rep.Pages, err)
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(fileName(mustURL(t, s.srv.URL+"/"))))); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the page was saved: %v", err)
	}
}
