package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"faqbot/site"
)

// runFetch saves the pages of websites into the content directory: one
// .html file per page, which the content reader then reads like any
// other file. Run again, it fetches only what changed.
func runFetch(ctx context.Context, a *app, args []string) error {
	fs := a.flags("fetch", "URL...")
	out := fs.String("out", a.cfg.ContentDir, "directory to save the pages in, a folder per site (default: CONTENT_DIR)")
	depth := fs.Int("depth", a.cfg.FetchDepth, "how many links away from a start page to go; 0: the given pages only")
	maxPages := fs.Int("max", a.cfg.FetchMaxPages, "most pages to request")
	delay := fs.Duration("delay", a.cfg.FetchDelay, "least time between two requests to a site (robots.txt may ask for more)")
	if err := parse(fs, args); err != nil {
		return err
	}
	urls := fs.Args()
	if len(urls) == 0 {
		urls = a.cfg.ContentURLs
	}
	if len(urls) == 0 {
		fs.Usage()
		return usageError("no URL to fetch: give one (a page or a sitemap.xml) or set CONTENT_URLS")
	}
	if *out == "" {
		return usageError("no directory to save the pages in: give -out DIR or set CONTENT_DIR")
	}
	if _, err := site.ParseStarts(urls); err != nil {
		return usageError("%v", err)
	}
	if *depth < 0 || *maxPages < 1 || *delay < 0 {
		return usageError("-depth must be 0 or more, -max 1 or more, -delay 0s or more")
	}
	fmt.Fprintf(a.stdout, "fetching %s into %s (%d links deep, at most %d pages)\n", strings.Join(urls, ", "), *out, *depth, *maxPages)
	opts := siteOptions(*out, *depth, *maxPages, *delay)
	opts.Progress = func(p site.Page) { fmt.Fprintln(a.stdout, p) }
	rep, err := site.Fetch(ctx, urls, opts)
	fmt.Fprintln(a.stdout, rep.Summary())
	if err != nil {
		return err
	}
	if n := rep.Count(site.Failed); n > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d pages could not be fetched; copies saved before, if any, are kept", n)}
	}
	return nil
}

// siteOptions are the fetch options for the configured limits. A delay of
// 0 means none.
func siteOptions(dir string, depth, maxPages int, delay time.Duration) site.Options {
	if delay == 0 {
		delay = -1
	}
	return site.Options{Dir: dir, Depth: depth, MaxPages: maxPages, Delay: delay}
}

// fetchStep is what serve runs before it reads the content, at start-up
// and on every reload: fetch CONTENT_URLS into the content directory and
// say what changed. nil when there is nothing to fetch.
func (a *app) fetchStep(dir string) func(ctx context.Context) string {
	if len(a.cfg.ContentURLs) == 0 {
		return nil
	}
	if dir == "" {
		a.log.Warn("CONTENT_URLS needs a content directory to save pages in; not fetching")
		return nil
	}
	return func(ctx context.Context) string {
		ctx, cancel := fetchBudget(ctx, time.Now())
		defer cancel()
		opts := siteOptions(dir, a.cfg.FetchDepth, a.cfg.FetchMaxPages, a.cfg.FetchDelay)
		opts.Log = a.log
		opts.Progress = func(p site.Page) {
			if p.Status == site.Failed {
				a.log.Warn("fetch: page failed; a copy saved before, if any, is kept", "url", p.URL, "problem", p.Reason)
				return
			}
			a.log.Debug("fetch", "status", string(p.Status), "url", p.URL, "file", p.File)
		}
		start := time.Now()
		rep, err := site.Fetch(ctx, a.cfg.ContentURLs, opts)
		a.log.Info("fetched CONTENT_URLS", "added", rep.Count(site.Added), "changed", rep.Count(site.Changed),
			"unchanged", rep.Count(site.Unchanged), "removed", rep.Count(site.Removed), "failed", rep.Count(site.Failed),
			"ms", time.Since(start).Milliseconds())
		if err != nil {
			a.log.Warn("fetch stopped; the content already saved is used", "err", err)
		}
		return fetchSummary(rep, err)
	}
}

// fetchBudget bounds the fetch that starts a reload to half the time the
// reload has left: a site slow to answer, or a robots.txt Crawl-delay of
// 30 s over a hundred pages, would otherwise use up /faq reload's whole
// time every time, and every reload would fail without reading the
// content. Stopped at its half, the fetch keeps what it saved, and the
// reload reads it. A reload without a deadline (start-up, SIGHUP) gives
// the fetch all the time its limits allow.
func fetchBudget(ctx context.Context, now time.Time) (context.Context, context.CancelFunc) {
	deadline, ok := ctx.Deadline()
	if !ok {
		return context.WithCancel(ctx)
	}
	return context.WithDeadline(ctx, now.Add(deadline.Sub(now)/2))
}

// maxSummaryFailures is how many failed pages a fetch summary names.
const maxSummaryFailures = 3

// fetchSummary is a fetch's report for a moderator: the counts, the first
// failed pages, and, in words, that the fetch stopped if it did. The error
// itself names server paths and system calls: it goes to the log only
// (fetchStep logs it), as reload errors do.
func fetchSummary(rep site.Report, err error) string {
	var b strings.Builder
	b.WriteString("Websites: " + rep.Summary() + ".")
	for i, p := range rep.Failures() {
		if i == maxSummaryFailures {
			fmt.Fprintf(&b, "\n…and %d more failed pages.", rep.Count(site.Failed)-maxSummaryFailures)
			break
		}
		fmt.Fprintf(&b, "\n%s: %s", p.URL, p.Reason)
	}
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled):
		b.WriteString("\nThe fetch was stopped before it finished. The pages saved before are used.")
	case errors.Is(err, context.DeadlineExceeded):
		b.WriteString("\nThe fetch was stopped at half the reload's time, so that the content could still be read; the pages saved so far are used. A site this slow to fetch needs a smaller FETCH_MAX_PAGES.")
	default:
		b.WriteString("\nThe fetch stopped: something went wrong on the server, so the content directory could not be read or written; the bot's log has the details. The pages saved before are used.")
	}
	return b.String()
}
