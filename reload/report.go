package reload

import (
	"fmt"
	"strings"
	"time"

	"faqbot/content"
)

// maxReportedProblems is how many problems a report lists; the count says
// how many there were.
const maxReportedProblems = 5

// Counts are numbers of passages per kind.
type Counts map[content.Kind]int

// Total is the sum over kinds.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// String is e.g. "2 FAQ, 1 paragraph".
func (c Counts) String() string {
	if c.Total() == 0 {
		return "none"
	}
	var parts []string
	if n := c[content.KindFAQ]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d FAQ", n))
	}
	if n := c[content.KindPassage]; n > 0 {
		word := "paragraphs"
		if n == 1 {
			word = "paragraph"
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, word))
	}
	return strings.Join(parts, ", ")
}

// Report says what a reload did.
type Report struct {
	// Live is true when the index now serving holds the content as read.
	Live bool
	// Unchanged is true when the content was the same as the live index's.
	Unchanged bool
	// Passages is the number of passages read.
	Passages int
	// Added, Removed and Changed compare with the previous live content.
	Added, Removed, Changed Counts
	// Problems are the first content problems; ProblemCount all of them.
	Problems     []content.Problem
	ProblemCount int
	// Unreached are the first FAQ questions and aliases of the new index
	// that, asked as written, are not answered from their own entry
	// (another entry uses the same words), in words; UnreachedCount all
	// of them.
	Unreached      []string
	UnreachedCount int
	// Fetch is what fetching CONTENT_URLS did before the content was
	// read, "" when nothing was fetched.
	Fetch string
	// Duration is how long the reload took.
	Duration time.Duration
}

func firstProblems(ps []content.Problem, n int) []content.Problem {
	if len(ps) <= n {
		return ps
	}
	return ps[:n]
}

// diff counts passages added, removed and changed, per kind, by ID.
func diff(old, cur []content.Passage) (added, removed, changed Counts) {
	added, removed, changed = Counts{}, Counts{}, Counts{}
	before := make(map[string]*content.Passage, len(old))
	for i := range old {
		before[old[i].ID] = &old[i]
	}
	seen := make(map[string]bool, len(cur))
	for i := range cur {
		p := &cur[i]
		seen[p.ID] = true
		o, ok := before[p.ID]
		switch {
		case !ok:
			added[p.Kind]++
		case !same(o, p):
			changed[p.Kind]++
		}
	}
	for id, o := range before {
		if !seen[id] {
			removed[o.Kind]++
		}
	}
	return added, removed, changed
}

func same(a, b *content.Passage) bool {
	return a.Kind == b.Kind && a.Title == b.Title && a.Section == b.Section && a.Question == b.Question &&
		a.Text == b.Text && a.URL == b.URL && strings.Join(a.Aliases, "\n") == strings.Join(b.Aliases, "\n")
}
