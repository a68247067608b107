package site

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestScope(t *testing.T) {
	tests := []struct {
		start, u string
		want     bool
	}{
		{"https://e.org/docs/", "https://e.org/docs/a/b", true},
		{"https://e.org/docs/start", "https://e.org/docs/other", true},
		{"https://e.org/docs/start", "https://e.org/blog/", false},
		{"https://e.org/docs", "https://e.org/blog/", true}, // the directory of /docs is /
		{"https://e.org/docs/", "https://E.ORG/docs/x", true},
		{"https://e.org/docs/", "http://e.org/docs/x", true}, // same host, either scheme
		{"https://e.org/docs/", "https://docs.e.org/docs/x", false},
		{"https://e.org:8443/docs/", "https://e.org/docs/x", false},
		{"https://e.org/docs/", "https://e.org/docsearch", false},
	}
	for _, tt := range tests {
		if got := scopeOf(mustURL(t, tt.start)).contains(mustURL(t, tt.u)); got != tt.want {
			t.Errorf("scope of %s contains %s = %v, want %v", tt.start, tt.u, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://E.org:443/a#frag", "https://e.org/a"},
		{"http://e.org:80", "http://e.org/"},
		{"http://user:pw@e.org:8080/a?b=1", "http://e.org:8080/a?b=1"},
		{"http://e.org/a?", "http://e.org/a"},
		{"http://e.org/a/./b/../c/", "http://e.org/a/c/"},
		{"mailto:x@e.org", ""},
		{"/relative", ""},
		{"ftp://e.org/f", ""},
	}
	for _, tt := range tests {
		u := mustURL(t, tt.in)
		got := ""
		if u != nil {
			got = u.String()
		}
		if got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFileName(t *testing.T) {
	tests := []struct{ u, want string }{
		{"https://e.org/", "e.org/index.html"},
		{"https://e.org/docs/", "e.org/docs/index.html"},
		{"https://e.org/docs/install", "e.org/docs/install.html"},
		{"https://e.org/docs/install.html", "e.org/docs/install.html"},
		{"https://e.org/docs/old.htm", "e.org/docs/old.htm"},
		{"https://e.org/page.php?id=3", "e.org/page.php-q" + shortHash("id=3") + ".html"},
		{"http://127.0.0.1:8080/a", "127.0.0.1_8080/a.html"},
		{"https://e.org/../../etc/passwd", "e.org/etc/passwd.html"},
		{"https://e.org/a/%2E%2E/%2e%2e/x", "e.org/a/_./_./x.html"},
		{"https://e.org/.git/config", "e.org/_git/config.html"},
		{"https://e.org/a%2Fb/c%20d", "e.org/a-b/c-d.html"},
		{"https://e.org/fa%C3%A7ade", "e.org/façade.html"},
		{"https://e.org/docs/a.html/b", "e.org/docs/a.html_/b.html"},
		{"https://e.org/docs/A.HTM/", "e.org/docs/A.HTM_/index.html"},
		{"https://e.org/docs/Guide.HTML", "e.org/docs/Guide.HTML"},
		{"https://e.org/" + strings.Repeat("x", 200), "e.org/" + strings.Repeat("x", maxSegment) + ".html"},
	}
	for _, tt := range tests {
		if got := fileName(mustURL(t, tt.u)); got != tt.want {
			t.Errorf("fileName(%s) = %q, want %q", tt.u, got, tt.want)
		}
	}
}

func TestUniqueName(t *testing.T) {
	taken := func(n string) bool { return n == "e.org/guide.html" }
	if got := uniqueName("e.org/Guide.html", "https://e.org/Guide", taken); got != "e.org/Guide-"+shortHash("https://e.org/Guide")+".html" {
		t.Errorf("name taken but for its case: %q", got)
	}
	if got := uniqueName("e.org/other.html", "https://e.org/other", taken); got != "e.org/other.html" {
		t.Errorf("free name changed: %q", got)
	}
	if got := uniqueName("e.org/guide.html", "https://e.org/guide.html", taken); got != "e.org/guide-"+shortHash("https://e.org/guide.html")+".html" {
		t.Errorf("taken name: %q", got)
	}
}

func TestReadPage(t *testing.T) {
	base := mustURL(t, "https://e.org/docs/a/page")
	tests := []struct {
		name, body        string
		links             []string
		noindex, nofollow bool
	}{
		{"relative, absolute, fragments, duplicates",
			`<a href="b">B</a><a href="../c#x">C</a><a href="/d?q=1">D</a><a href="b#top">B</a><a href="https://o.org/">O</a><area href="e">`,
			[]string{"https://e.org/docs/a/b", "https://e.org/docs/c", "https://e.org/d?q=1", "https://o.org/", "https://e.org/docs/a/e"}, false, false},
		{"base href, nofollow links, mailto",
			`<base href="https://e.org/other/"><a href="x">X</a><a rel="nofollow noopener" href="y">Y</a><a href="mailto:a@e.org">M</a><a href="javascript:void(0)">J</a>`,
			[]string{"https://e.org/other/x"}, false, false},
		{"robots meta", `<meta name="robots" content="noindex, nofollow"><a href="x">X</a>`,
			[]string{"https://e.org/docs/a/x"}, true, true},
		{"none", `<meta name="ROBOTS" content="none">`, nil, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info := readPage([]byte(tt.body), base)
			var got []string
			for _, l := range info.links {
				got = append(got, l.String())
			}
			if !reflect.DeepEqual(got, tt.links) || info.noindex != tt.noindex || info.nofollow != tt.nofollow {
				t.Errorf("got %q noindex %v nofollow %v, want %q %v %v", got, info.noindex, info.nofollow, tt.links, tt.noindex, tt.nofollow)
			}
		})
	}
}

func TestParseSitemap(t *testing.T) {
	sm, err := parseSitemap([]byte(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc> https://e.org/a </loc></url><url><loc>not a url</loc></url><url><loc>https://e.org/b#x</loc></url></urlset>`))
	if err != nil || len(sm.pages) != 2 || sm.pages[0].String() != "https://e.org/a" || sm.pages[1].String() != "https://e.org/b" {
		t.Errorf("urlset: %v %v", sm.pages, err)
	}
	sm, err = parseSitemap([]byte(`<sitemapindex><sitemap><loc>https://e.org/s1.xml</loc></sitemap></sitemapindex>`))
	if err != nil || len(sm.sitemaps) != 1 || len(sm.pages) != 0 {
		t.Errorf("index: %+v %v", sm, err)
	}
	for _, bad := range []string{"<html><body>not xml</body></html>", "plain text", ""} {
		if _, err := parseSitemap([]byte(bad)); err == nil {
			t.Errorf("parseSitemap(%q) = nil error", bad)
		}
	}
}

func TestJudge(t *testing.T) {
	tests := []struct {
		code        int
		conditional bool
		want        verdict
		reason      string
	}{
		{200, false, pageOK, ""},
		{304, true, pageSame, ""},
		{304, false, pageRejected, "HTTP 304 Not Modified"},
		{404, true, pageGone, "HTTP 404 Not Found"},
		{410, false, pageGone, "HTTP 410 Gone"},
		{503, true, pageRejected, "HTTP 503 Service Unavailable"},
		{299, false, pageRejected, "HTTP 299"},
	}
	for _, tt := range tests {
		v, f := judge(tt.code, tt.conditional)
		reason := ""
		if f != nil {
			reason = f.reason
		}
		if v != tt.want || reason != tt.reason {
			t.Errorf("judge(%d, %v) = %v %q, want %v %q", tt.code, tt.conditional, v, reason, tt.want, tt.reason)
		}
	}
}

func TestChangeOf(t *testing.T) {
	prev := record{SHA256: "abc"}
	if changeOf(prev, false, "abc") != Added || changeOf(prev, true, "abc") != Unchanged || changeOf(prev, true, "def") != Changed {
		t.Error("changeOf: wrong status")
	}
}

func TestRemovals(t *testing.T) {
	m := manifest{Pages: map[string]record{
		"https://e.org/docs/a": {}, "https://e.org/docs/b": {}, "https://e.org/blog/c": {}, "https://o.org/docs/d": {},
	}}
	scopes := []scope{scopeOf(mustURL(t, "https://e.org/docs/"))}
	seen := map[string]bool{"https://e.org/docs/a": true}
	if got := removals(m, scopes, seen, true); !reflect.DeepEqual(got, []string{"https://e.org/docs/b"}) {
		t.Errorf("complete fetch removes %q, want only the unseen page in scope", got)
	}
	if got := removals(m, scopes, seen, false); got != nil {
		t.Errorf("incomplete fetch removes %q, want nothing", got)
	}
}

func TestHidesLinks(t *testing.T) {
	for kind, want := range map[failKind]bool{failGone: false, failNotHTML: false, failOffSite: false,
		failStatus: true, failTooLarge: true, failTimeout: true, failNetwork: true} {
		if got := (&failure{kind: kind}).hidesLinks(); got != want {
			t.Errorf("kind %d hidesLinks = %v, want %v", kind, got, want)
		}
	}
}

func TestReadRules(t *testing.T) {
	body := []byte("User-agent: *\nDisallow: /private/\n\nUser-agent: faqbot\nDisallow: /no-bots/\nCrawl-delay: 2\n")
	r := readRules(200, body, nil)
	for p, want := range map[string]bool{"/docs/": true, "/no-bots/x": false, "/private/x": true} {
		if ok, _ := r.allowed(mustURL(t, "https://e.org"+p)); ok != want {
			t.Errorf("faqbot's group: allowed(%s) = %v, want %v", p, ok, want)
		}
	}
	if r.crawlDelay() != 2*time.Second {
		t.Errorf("crawl delay %v, want 2s", r.crawlDelay())
	}
	if ok, _ := readRules(200, []byte("User-agent: *\nDisallow: /private/\n"), nil).allowed(mustURL(t, "https://e.org/private/x")); ok {
		t.Error("the * group does not apply to faqbot")
	}
	if ok, _ := readRules(404, nil, nil).allowed(mustURL(t, "https://e.org/x")); !ok {
		t.Error("no robots.txt (404) must allow everything")
	}
	for _, r := range []rules{readRules(503, nil, nil), readRules(429, nil, nil), readRules(0, nil, errors.New("connection refused"))} {
		if ok, why := r.allowed(mustURL(t, "https://e.org/x")); ok || !strings.Contains(why, "robots.txt could not be read") {
			t.Errorf("unreadable robots.txt: allowed %v (%q), want nothing fetched", ok, why)
		}
	}
	if long := readRules(200, []byte("User-agent: *\nCrawl-delay: 3600\n"), nil); long.crawlDelay() != maxCrawlDelay {
		t.Errorf("crawl delay of an hour: %v, want the cap %v", long.crawlDelay(), maxCrawlDelay)
	}
}

func TestSummary(t *testing.T) {
	r := Report{Pages: []Page{{Status: Added}, {Status: Added}, {Status: Unchanged}, {Status: Failed}, {Status: Skipped}, {Status: Sitemap}}, Truncated: true}
	want := "3 pages: 2 added, 0 changed, 1 unchanged, 0 removed; 1 failed, 1 skipped, stopped at the page limit"
	if got := r.Summary(); got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}

func TestReadHTML(t *testing.T) {
	tests := []struct {
		name, contentType, encoding, body string
		want                              string // the page in UTF-8, or "fail: " and the reason
	}{
		{"html", "text/html", "", "<p>hi</p>", "<p>hi</p>"},
		{"no type", "", "", "<!doctype html><p>hi</p>", "<!doctype html><p>hi</p>"},
		{"latin-1 by header", "text/html; charset=iso-8859-1", "", "<p>caf\xe9</p>", "<p>café</p>"},
		{"shift-jis by meta", "text/html", "", `<meta charset="Shift_JIS"><p>` + "\x82\xb1\x82\xf1\x82\xc9\x82\xbf\x82\xcd</p>", `<meta charset="Shift_JIS"><p>こんにちは</p>`},
		{"utf-16 with a BOM", "text/html", "", "\xff\xfe<\x00p\x00>\x00h\x00i\x00", "\ufeff<p>hi"}, // the loader drops the BOM
		{"an escape, not binary", "text/html", "", "<meta charset=x>\x1b$B", "<meta charset=x>\x1b$B"},
		{"pdf as html", "text/html", "", "%PDF-1.4\n%\xe2\xe3\n", "fail: not an HTML page (application/pdf, served as text/html)"},
		{"png as html", "text/html; charset=utf-8", "", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "fail: not an HTML page (image/png, served as text/html)"},
		{"zip as html", "text/html", "", "PK\x03\x04\x14\x00\x00\x00", "fail: not an HTML page (application/zip, served as text/html)"},
		{"gzip as html", "text/html", "", "\x1f\x8b\x08\x00\x00\x00\x00\x00", "fail: not an HTML page (application/x-gzip, served as text/html)"},
		{"nul bytes", "text/html", "", "<p>a\x00b</p>", "fail: not an HTML page (binary data, served as text/html)"},
		{"brotli", "text/html", "br", "\x1b\x03\x00\xf8", "fail: compressed in a form faqbot cannot read (only gzip is)"},
		{"pdf", "application/pdf", "", "%PDF-1.4", "fail: not an HTML page (application/pdf)"},
	}
	for _, tt := range tests {
		body, fl := readHTML(response{contentType: tt.contentType, encoding: tt.encoding, body: []byte(tt.body)})
		got := string(body)
		if fl != nil {
			got = "fail: " + fl.reason
		}
		if got != tt.want {
			t.Errorf("%s: readHTML = %q, want %q", tt.name, got, tt.want)
		}
	}
}
