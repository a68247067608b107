package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"faqbot/content"
)

// Defaults for Options left zero.
const (
	DefaultDepth    = 3
	DefaultMaxPages = 100
	DefaultDelay    = time.Second
	DefaultTimeout  = 20 * time.Second
	DefaultMaxBytes = 5 << 20
	// maxSitemaps bounds the sitemaps read in one fetch (an index and the
	// sitemaps it lists).
	maxSitemaps = 20
)

// UserAgent is what faqbot calls itself in requests.
const UserAgent = "faqbot/1 (FAQ bot content fetcher; robots.txt name: faqbot)"

// Options configure a fetch.
type Options struct {
	// Dir is where pages are saved, under a folder per host.
	Dir string
	// Depth is how many links away from a start page (or a sitemap's page)
	// the fetch goes; 0 reads the start pages only. Negative: DefaultDepth.
	Depth int
	// MaxPages is the most pages requested. 0: DefaultMaxPages.
	MaxPages int
	// Delay is the least time between two requests to a host; robots.txt
	// may ask for more. Negative: none. 0: DefaultDelay.
	Delay time.Duration
	// Timeout bounds each request, body included. 0: DefaultTimeout.
	Timeout time.Duration
	// MaxBytes is the largest page read. 0: DefaultMaxBytes.
	MaxBytes int64
	// Progress, when set, is told each page as it is done.
	Progress func(Page)
	// Transport makes the requests; nil: http.DefaultTransport.
	Transport http.RoundTripper
	// Log gets debug details; nil: none.
	Log *slog.Logger
}

// withDefaults fills in the zero options.
func (o Options) withDefaults() Options {
	if o.Depth < 0 {
		o.Depth = DefaultDepth
	}
	if o.MaxPages <= 0 {
		o.MaxPages = DefaultMaxPages
	}
	switch {
	case o.Delay == 0:
		o.Delay = DefaultDelay
	case o.Delay < 0:
		o.Delay = 0
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Transport == nil {
		o.Transport = http.DefaultTransport
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// item is a page waiting to be fetched.
type item struct {
	u     *url.URL
	depth int
}

// fetch is one run of Fetch.
type fetch struct {
	opts       Options
	c          *client
	robots     *robots
	m          manifest
	scopes     []scope
	seen       map[string]bool
	queue      []item
	last       map[string]time.Time // last request per host
	delay      map[string]time.Duration
	rep        Report
	requests   int
	sitemaps   int
	incomplete bool // a failure may have hidden pages
}

// ParseStarts checks start URLs: each must be an absolute http(s) URL.
func ParseStarts(starts []string) ([]*url.URL, error) {
	var out []*url.URL
	for _, s := range starts {
		u, err := url.Parse(strings.TrimSpace(s))
		n := normalize(u)
		if err != nil || n == nil {
			return nil, fmt.Errorf("%q is not an http(s) URL", s)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, errors.New("no URL to fetch")
	}
	return out, nil
}

// Fetch saves the pages of the sites at starts into opts.Dir and reports
// what it did. The error is for a fetch that could not run (a bad URL, a
// directory it cannot write) or was cancelled; what it did until then is
// in the report. Pages that fail are in the report, not the error.
func Fetch(ctx context.Context, starts []string, opts Options) (Report, error) {
	opts = opts.withDefaults()
	us, err := ParseStarts(starts)
	if err != nil {
		return Report{}, fmt.Errorf("fetch: %w", err)
	}
	if opts.Dir == "" {
		return Report{}, errors.New("fetch: no directory to save pages in")
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return Report{}, fmt.Errorf("fetch: %w", err)
	}
	m, err := loadManifest(opts.Dir)
	if err != nil {
		return Report{}, fmt.Errorf("fetch: %w", err)
	}
	c := &client{http: &http.Client{Transport: opts.Transport}, userAgent: UserAgent, timeout: opts.Timeout, maxBytes: opts.MaxBytes}
	f := &fetch{opts: opts, c: c, m: m, seen: map[string]bool{}, last: map[string]time.Time{}, delay: map[string]time.Duration{}}
	f.robots = &robots{c: c, hosts: map[string]rules{}, wait: f.wait}
	for _, u := range us {
		f.scopes = append(f.scopes, scopeOf(u))
	}
	err = f.run(ctx, us)
	if serr := f.m.save(opts.Dir); serr != nil && err == nil {
		err = fmt.Errorf("fetch: %w", serr)
	}
	return f.rep, err
}

// run fetches the start pages and sitemaps, then the pages they lead to.
func (f *fetch) run(ctx context.Context, starts []*url.URL) error {
	for _, u := range starts {
		if sitemapLike(u) {
			if err := f.sitemap(ctx, u); err != nil {
				return err
			}
			continue
		}
		f.enqueue(u, 0)
	}
	for len(f.queue) > 0 {
		if f.requests >= f.opts.MaxPages {
			f.rep.Truncated = true
			break
		}
		it := f.queue[0]
		f.queue = f.queue[1:]
		if err := f.page(ctx, it); err != nil {
			return err
		}
	}
	complete := !f.rep.Truncated && !f.incomplete
	for _, key := range removals(f.m, f.scopes, f.seen, complete) {
		f.remove(key, "no longer linked")
	}
	return nil
}

// enqueue adds a page to fetch, once.
func (f *fetch) enqueue(u *url.URL, depth int) {
	key := u.String()
	if f.seen[key] {
		return
	}
	f.seen[key] = true
	f.queue = append(f.queue, item{u: u, depth: depth})
}

// report adds a line to the report.
func (f *fetch) report(p Page) {
	f.rep.Pages = append(f.rep.Pages, p)
	if f.opts.Progress != nil {
		f.opts.Progress(p)
	}
}

// fail reports a failed page and notes whether it may hide others.
func (f *fetch) fail(u string, err *failure) {
	if err.hidesLinks() {
		f.incomplete = true
	}
	f.report(Page{URL: u, Status: Failed, Reason: err.reason})
}

// wait pauses until the host may be asked again.
func (f *fetch) wait(ctx context.Context, host string) error {
	d := max(f.opts.Delay, f.delay[host])
	if last, ok := f.last[host]; ok {
		if pause := time.Until(last.Add(d)); pause > 0 {
			t := time.NewTimer(pause)
			defer t.Stop()
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-t.C:
			}
		}
	}
	f.last[host] = time.Now()
	return nil
}

// allowed checks robots.txt for u; a page it does not allow is reported
// skipped (and, when saved before, removed).
func (f *fetch) allowed(ctx context.Context, u *url.URL) (bool, error) {
	r, err := f.robots.rulesFor(ctx, u)
	if err != nil {
		return false, err
	}
	f.delay[u.Host] = r.crawlDelay()
	ok, why := r.allowed(u)
	if ok {
		return true, nil
	}
	if r.group == nil { // robots.txt unreadable: a failure of the site, shown as one
		f.fail(u.String(), &failure{failNetwork, why})
		return false, nil
	}
	if _, known := f.m.Pages[u.String()]; known {
		f.remove(u.String(), why)
		return false, nil
	}
	f.report(Page{URL: u.String(), Status: Skipped, Reason: why})
	return false, nil
}

// sitemap reads a sitemap (or sitemap index) and queues its pages that are
// on the sitemap's site.
func (f *fetch) sitemap(ctx context.Context, u *url.URL) error {
	if f.sitemaps >= maxSitemaps {
		return nil
	}
	f.sitemaps++
	if ok, err := f.allowed(ctx, u); !ok || err != nil {
		return err
	}
	if err := f.wait(ctx, u.Host); err != nil {
		return err
	}
	sc := scopeOf(u)
	resp, err := f.c.get(ctx, u, nil, sc.contains)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var fl *failure
	if errors.As(err, &fl) {
		f.fail(u.String(), fl)
		return nil
	}
	if _, fl := judge(resp.code, false); fl != nil {
		f.fail(u.String(), &failure{failStatus, fl.reason})
		return nil
	}
	body := resp.body
	if len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err == nil {
			body, err = io.ReadAll(io.LimitReader(zr, f.opts.MaxBytes*4))
		}
		if err != nil {
			f.fail(u.String(), &failure{failStatus, "not a readable gzip file: " + err.Error()})
			return nil
		}
	}
	sm, err := parseSitemap(body)
	if err != nil {
		f.fail(u.String(), &failure{failStatus, err.Error()})
		return nil
	}
	n := 0
	for _, p := range sm.pages {
		if sc.contains(p) && pageLike(p) {
			f.enqueue(p, 0)
			n++
		}
	}
	f.report(Page{URL: u.String(), Status: Sitemap, Reason: fmt.Sprintf("%d pages on the site, %d sitemaps", n, len(sm.sitemaps))})
	for _, s := range sm.sitemaps {
		if sc.contains(s) {
			if err := f.sitemap(ctx, s); err != nil {
				return err
			}
		}
	}
	return nil
}

// page fetches one page, saves it when it is new or changed, and queues
// its links.
func (f *fetch) page(ctx context.Context, it item) error {
	u := it.u
	if ok, err := f.allowed(ctx, u); !ok || err != nil {
		return err
	}
	if err := f.wait(ctx, u.Host); err != nil {
		return err
	}
	key := u.String()
	prev, known := f.m.Pages[key]
	var cond *record
	if known {
		cond = &prev
	}
	f.requests++
	resp, err := f.c.get(ctx, u, cond, func(to *url.URL) bool { return inAny(f.scopes, to) })
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var fl *failure
	if errors.As(err, &fl) {
		f.fail(key, fl)
		return nil
	}
	if final := normalize(resp.url); final != nil && final.String() != key {
		// Redirected within the site: the page is its final URL's.
		if f.seen[final.String()] {
			return nil
		}
		f.seen[final.String()] = true
		u, key = final, final.String()
		prev, known = f.m.Pages[key]
	}
	verdict, fl := judge(resp.code, cond != nil)
	var body []byte
	switch verdict {
	case pageGone:
		if known {
			f.remove(key, fl.reason)
		} else {
			f.fail(key, fl)
		}
		return nil
	case pageRejected:
		f.fail(key, fl)
		return nil
	case pageSame:
		body, err = os.ReadFile(filepath.Join(f.opts.Dir, filepath.FromSlash(prev.File)))
		if err != nil { // the saved copy is gone: fetch it whole next time
			delete(f.m.Pages, key)
			f.fail(key, &failure{failNetwork, "unchanged on the site, but its saved copy is missing; it is fetched again next time"})
			return nil
		}
		prev.Fetched = time.Now().UTC()
		f.m.Pages[key] = prev
		f.report(Page{URL: key, File: prev.File, Status: Unchanged})
	case pageOK:
		mt := mediaType(resp.contentType, resp.body)
		if !isHTML(mt) {
			f.fail(key, &failure{failNotHTML, fmt.Sprintf("not an HTML page (%s)", mt)})
			return nil
		}
		body = toUTF8(resp.body, resp.contentType)
		if readPage(body, u).noindex {
			if known {
				f.remove(key, "the page asks not to be indexed (noindex)")
			} else {
				f.report(Page{URL: key, Status: Skipped, Reason: "the page asks not to be indexed (noindex)"})
			}
		} else if err := f.save(key, u, prev, known, body, resp); err != nil {
			return err
		}
	}
	if it.depth < f.opts.Depth {
		info := readPage(body, u)
		if !info.nofollow {
			for _, l := range info.links {
				if inAny(f.scopes, l) && pageLike(l) {
					f.enqueue(l, it.depth+1)
				}
			}
		}
	}
	return nil
}

// save records a page read whole and writes its file when it is new or
// changed. Only a failure to write is an error: the fetch cannot go on.
func (f *fetch) save(key string, u *url.URL, prev record, known bool, body []byte, resp response) error {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	status := changeOf(prev, known, hash)
	name := prev.File
	if !known {
		taken := map[string]bool{}
		for k, r := range f.m.Pages {
			if k != key {
				taken[r.File] = true
			}
		}
		name = uniqueName(fileName(u), key, func(n string) bool { return taken[n] })
	}
	if status != Unchanged {
		page := append([]byte(content.SavedFromComment(key)+"\n"), body...)
		if err := writeAtomic(filepath.Join(f.opts.Dir, filepath.FromSlash(name)), page); err != nil {
			return fmt.Errorf("fetch: save %s: %w", key, err)
		}
	}
	f.m.Pages[key] = record{File: name, ETag: resp.etag, LastModified: resp.lastModified, SHA256: hash, Fetched: time.Now().UTC()}
	f.report(Page{URL: key, File: name, Status: status})
	return nil
}

// remove deletes a page the site no longer has, and its record.
func (f *fetch) remove(key, why string) {
	r := f.m.Pages[key]
	delete(f.m.Pages, key)
	if err := os.Remove(filepath.Join(f.opts.Dir, filepath.FromSlash(r.File))); err != nil && !errors.Is(err, os.ErrNotExist) {
		f.opts.Log.Warn("fetch: remove page", "file", r.File, "err", err)
	}
	f.report(Page{URL: key, File: r.File, Status: Removed, Reason: why})
}
