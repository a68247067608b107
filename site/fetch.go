package site

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults for Options left zero.
const (
	DefaultDepth    = 3
	DefaultMaxPages = 100
	DefaultDelay    = time.Second
	DefaultTimeout  = 20 * time.Second
	DefaultMaxBytes = 5 << 20
)

// maxHostFailures is how many requests in a row to a host may time out
// before the fetch stops asking it: a site that hangs would otherwise
// cost the request timeout for every page listed, half an hour of
// start-up for a hundred pages.
const maxHostFailures = 3

// maxSitemaps bounds the sitemaps read in one fetch (an index and the
// sitemaps it lists).
const maxSitemaps = 20

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
	start bool // one of the URLs the fetch was given
}

// fetch is one run of Fetch.
type fetch struct {
	opts         Options
	c            *client
	dir          *dir
	robots       *robots
	m            manifest
	scopes       []scope
	seen         map[string]bool
	queue        []item
	last         map[string]time.Time // last request per host
	delay        map[string]time.Duration
	failing      map[string]int // requests in a row per host that timed out
	rep          Report
	requests     int
	sitemapsRead map[string]bool   // each sitemap is read once
	sums         map[string]string // the first page read with each text (SHA-256)
	incomplete   bool              // a failure may have hidden pages
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
	d, err := openDir(opts.Dir)
	if err != nil {
		return Report{}, fmt.Errorf("fetch: %w", err)
	}
	defer d.Close()
	m, err := loadManifest(d)
	if err != nil {
		return Report{}, fmt.Errorf("fetch: %w", err)
	}
	c := &client{http: &http.Client{Transport: opts.Transport}, userAgent: UserAgent, timeout: opts.Timeout, maxBytes: opts.MaxBytes, log: opts.Log}
	f := &fetch{opts: opts, c: c, dir: d, m: m, seen: map[string]bool{}, last: map[string]time.Time{}, delay: map[string]time.Duration{}, failing: map[string]int{}, sitemapsRead: map[string]bool{}, sums: map[string]string{}}
	f.robots = &robots{c: c, hosts: map[string]rules{}, wait: f.wait}
	for _, u := range us {
		f.scopes = append(f.scopes, scopeOf(u))
	}
	err = f.run(ctx, us)
	if serr := f.m.save(d); serr != nil && err == nil {
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
		f.enqueue(item{u: u, start: true})
	}
	for len(f.queue) > 0 {
		if f.requests >= f.opts.MaxPages {
			f.rep.Truncated = true
			break
		}
		it := f.queue[0]
		f.queue = f.queue[1:]
		r, err := f.page(ctx, it)
		if err != nil {
			return err
		}
		if it.start && (!r.ok || r.links == 0 && f.opts.Depth > 0) {
			// Whatever kept a start page from being read (a redirect to
			// a maintenance page elsewhere, a 404 while the site is
			// rebuilt), or left it linking nowhere in the site (a
			// maintenance page served in its place), every other page
			// was found through it: none of them is known to be gone.
			f.incomplete = true
		}
	}
	complete := !f.rep.Truncated && !f.incomplete
	for _, key := range removals(f.m, f.scopes, f.seen, complete) {
		f.remove(key, "no longer linked")
	}
	return nil
}

// enqueue adds a page to fetch, once. A full queue turns pages away and
// marks the fetch stopped at the page limit, which it is.
func (f *fetch) enqueue(it item) {
	key := it.u.String()
	if f.seen[key] {
		return
	}
	if len(f.queue) >= maxWaiting(f.opts.MaxPages) {
		f.rep.Truncated = true
		return
	}
	f.seen[key] = true
	f.queue = append(f.queue, it)
}

// maxWaiting is how many pages a fetch keeps waiting to be fetched: ten
// times the pages it may request (some are skipped without a request),
// and at least a thousand. A forum's sitemap index lists twenty sitemaps
// of 50,000 pages each; kept whole for a fetch of a hundred pages, they
// took 400 MB.
func maxWaiting(maxPages int) int { return max(10*maxPages, 1000) }

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

// wait pauses until the host may be asked again: the delay counts from
// the end of the last request to it. Call the returned func when the
// request is done.
func (f *fetch) wait(ctx context.Context, host string) (done func(), err error) {
	d := max(f.opts.Delay, f.delay[host])
	if last, ok := f.last[host]; ok {
		if pause := time.Until(last.Add(d)); pause > 0 {
			t := time.NewTimer(pause)
			defer t.Stop()
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-t.C:
			}
		}
	}
	return func() { f.last[host] = time.Now() }, nil
}

// down is the failure of a request not sent because its host stopped
// answering in time, or nil.
func (f *fetch) down(host string) *failure {
	if n := f.failing[host]; n >= maxHostFailures {
		return &failure{failTimeout, fmt.Sprintf("not requested: the site gave no answer in time to the last %d requests", n)}
	}
	return nil
}

// answered notes whether a request to host got an answer in time, for
// down.
func (f *fetch) answered(host string, err error) {
	var fl *failure
	if errors.As(err, &fl) && fl.kind == failTimeout {
		f.failing[host]++
		return
	}
	f.failing[host] = 0
}
