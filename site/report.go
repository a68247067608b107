package site

import (
	"fmt"
	"strings"
)

// Status is what a fetch did with one page.
type Status string

// The statuses of a page in a fetch report.
const (
	Added     Status = "added"     // new: saved for the first time
	Changed   Status = "changed"   // saved again: the page is different
	Unchanged Status = "unchanged" // the site says so (304) or the page is the same
	Removed   Status = "removed"   // gone from the site: its file was deleted
	Failed    Status = "failed"    // could not be fetched; an old copy stays
	Skipped   Status = "skipped"   // not fetched: robots.txt or the page itself says so
	Sitemap   Status = "sitemap"   // a sitemap that was read (not a page)
)

// Page is one line of a fetch report.
type Page struct {
	URL    string
	File   string // the saved file, relative to the fetch directory
	Status Status
	Reason string // why it failed or was skipped, or what a sitemap listed
}

// String is the page's progress line.
func (p Page) String() string {
	switch p.Status {
	case Added, Changed:
		return fmt.Sprintf("%-9s %s → %s", p.Status, p.URL, p.File)
	case Removed:
		if p.Reason != "" {
			return fmt.Sprintf("%-9s %s (%s; %s deleted)", p.Status, p.URL, p.Reason, p.File)
		}
		return fmt.Sprintf("%-9s %s (%s deleted)", p.Status, p.URL, p.File)
	case Failed, Skipped, Sitemap:
		return fmt.Sprintf("%-9s %s: %s", p.Status, p.URL, p.Reason)
	}
	return fmt.Sprintf("%-9s %s", p.Status, p.URL)
}

// Report says what a fetch did, page by page, in the order it went.
type Report struct {
	Pages []Page
	// Truncated is true when the page limit stopped the fetch before every
	// page found was read.
	Truncated bool
}

// Count is the number of pages with the status.
func (r Report) Count(s Status) int {
	n := 0
	for _, p := range r.Pages {
		if p.Status == s {
			n++
		}
	}
	return n
}

// Failures are the pages that failed.
func (r Report) Failures() []Page {
	var out []Page
	for _, p := range r.Pages {
		if p.Status == Failed {
			out = append(out, p)
		}
	}
	return out
}

// Summary is the report in one line: "7 pages: 2 added, 1 changed, 3
// unchanged, 1 removed; 2 failed, 1 skipped".
func (r Report) Summary() string {
	pages := r.Count(Added) + r.Count(Changed) + r.Count(Unchanged) + r.Count(Removed)
	noun := "pages"
	if pages == 1 {
		noun = "page"
	}
	s := fmt.Sprintf("%d %s: %d added, %d changed, %d unchanged, %d removed",
		pages, noun, r.Count(Added), r.Count(Changed), r.Count(Unchanged), r.Count(Removed))
	var more []string
	if n := r.Count(Failed); n > 0 {
		more = append(more, fmt.Sprintf("%d failed", n))
	}
	if n := r.Count(Skipped); n > 0 {
		more = append(more, fmt.Sprintf("%d skipped", n))
	}
	if r.Truncated {
		more = append(more, "stopped at the page limit")
	}
	if len(more) > 0 {
		s += "; " + strings.Join(more, ", ")
	}
	return s
}
