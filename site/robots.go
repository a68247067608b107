package site

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/temoto/robotstxt"
)

// userAgentToken is the name robots.txt rules address faqbot by.
const userAgentToken = "faqbot"

// maxCrawlDelay caps a robots.txt Crawl-delay: a longer one would make a
// fetch of a few pages take hours.
const maxCrawlDelay = time.Minute

// rules are a host's robots.txt rules for faqbot.
type rules struct {
	group   *robotstxt.Group // nil: nothing may be fetched
	blocked string           // why nothing may be fetched
}

// allowed reports whether the rules let faqbot fetch u, and why not.
func (r rules) allowed(u *url.URL) (bool, string) {
	if r.group == nil {
		return false, r.blocked
	}
	p := u.EscapedPath()
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	if !r.group.Test(p) {
		return false, "disallowed by robots.txt"
	}
	return true, ""
}

// crawlDelay is the pause the rules ask for between requests.
func (r rules) crawlDelay() time.Duration {
	if r.group == nil {
		return 0
	}
	return min(r.group.CrawlDelay, maxCrawlDelay)
}

// readRules turns a robots.txt response into rules, as RFC 9309 says: a
// 4xx means there are none, a 5xx (or no answer) that nothing may be
// fetched for now. A 429 Too Many Requests is the site asking to be left
// alone for a while, not saying it has no rules: it counts as a 5xx, as
// the big crawlers count it.
func readRules(code int, body []byte, fetchErr error) rules {
	if fetchErr != nil {
		return rules{blocked: "robots.txt could not be read (" + fetchErr.Error() + "), so nothing is fetched from this host"}
	}
	data, err := robotstxt.FromStatusAndBytes(code, body)
	if err != nil || code >= 500 || code == http.StatusTooManyRequests {
		return rules{blocked: "robots.txt could not be read (" + statusText(code) + "), so nothing is fetched from this host"}
	}
	return rules{group: data.FindGroup(userAgentToken)}
}

// robots reads and keeps each host's rules.
type robots struct {
	c     *client
	hosts map[string]rules
	wait  func(ctx context.Context, host string) (func(), error)
}

// rulesFor returns the rules for u's host, reading its robots.txt the
// first time.
func (rb *robots) rulesFor(ctx context.Context, u *url.URL) (rules, error) {
	key := u.Scheme + "://" + u.Host
	if r, ok := rb.hosts[key]; ok {
		return r, nil
	}
	done, err := rb.wait(ctx, u.Host)
	if err != nil {
		return rules{}, err
	}
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	resp, err := rb.c.get(ctx, ru, nil, func(to *url.URL) bool { return to.Hostname() == u.Hostname() })
	done()
	if ctx.Err() != nil {
		return rules{}, ctx.Err()
	}
	var r rules
	if f, ok := err.(*failure); ok && f.kind == failOffSite {
		r = readRules(404, nil, nil) // a robots.txt elsewhere is none for this host
	} else {
		r = readRules(resp.code, resp.body, err)
	}
	rb.hosts[key] = r
	return r, nil
}
