package site

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
)

// failure is why a request gave no page.
type failure struct {
	kind   failKind
	reason string
}

// failKind sorts failures by what they mean for the rest of the fetch.
type failKind int

const (
	failGone     failKind = iota // 404 or 410: the page does not exist
	failStatus                   // another HTTP error
	failTooLarge                 // over the size limit
	failNotHTML                  // not an HTML page
	failOffSite                  // redirected off the site
	failTimeout                  // took too long
	failNetwork                  // could not connect or read
)

// Error is the reason, as the report shows it.
func (f *failure) Error() string { return f.reason }

// hidesLinks reports whether a failure may hide pages: the failed page
// could have linked to pages found nowhere else, so a fetch with such a
// failure does not remove pages it did not reach.
func (f *failure) hidesLinks() bool {
	switch f.kind {
	case failGone, failNotHTML, failOffSite:
		return false
	}
	return true
}

// verdict is what an HTTP status means for a page.
type verdict int

const (
	pageOK       verdict = iota // 200: read it
	pageSame                    // 304: the saved copy is current
	pageGone                    // 404, 410: the page is gone
	pageRejected                // any other status
)

// judge reads a response status. A 304 counts only when the request was
// conditional.
func judge(code int, conditional bool) (verdict, *failure) {
	switch {
	case code == http.StatusOK:
		return pageOK, nil
	case code == http.StatusNotModified && conditional:
		return pageSame, nil
	case code == http.StatusNotFound || code == http.StatusGone:
		return pageGone, &failure{failGone, statusText(code)}
	}
	return pageRejected, &failure{failStatus, statusText(code)}
}

// statusText is "HTTP 404 Not Found".
func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("HTTP %d %s", code, t)
	}
	return fmt.Sprintf("HTTP %d", code)
}

// changeOf is whether a page read now is new, changed or unchanged, from
// its record and its content's hash.
func changeOf(prev record, known bool, sum string) Status {
	switch {
	case !known:
		return Added
	case prev.SHA256 == sum:
		return Unchanged
	}
	return Changed
}

// removals are the recorded pages (URLs, sorted) a fetch removes because
// it no longer finds them: recorded under one of the fetch's scopes, not
// seen in it, and only when the fetch was complete (not stopped by the
// page limit, no failure that could hide links).
func removals(m manifest, scopes []scope, seen map[string]bool, complete bool) []string {
	if !complete {
		return nil
	}
	var out []string
	for key := range m.Pages {
		u, err := url.Parse(key)
		if err != nil || seen[key] || !inAny(scopes, u) {
			continue
		}
		out = append(out, key)
	}
	sort.Strings(out)
	return out
}
