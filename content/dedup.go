package content

import (
	"fmt"
	"sort"
)

// dedup keeps passage IDs unique across a collection: the first passage
// with an ID wins, later ones are dropped with a problem naming both places.
type dedup struct {
	first   map[string]Passage
	dropped map[string]bool // items (file + item ID) already reported
}

// keep reports whether p's ID is new, and otherwise the problem to report
// (zero Problem when the item was already reported, for later parts of a
// split passage).
func (d *dedup) keep(p Passage) (bool, Problem) {
	if d.first == nil {
		d.first = make(map[string]Passage)
		d.dropped = make(map[string]bool)
	}
	prev, dup := d.first[p.ID]
	if !dup {
		d.first[p.ID] = p
		return true, Problem{}
	}
	item := p.File + "\x00" + p.ItemID()
	if d.dropped[item] && p.ID != p.ItemID() {
		return false, Problem{}
	}
	d.dropped[item] = true
	return false, Problem{File: p.File, Line: p.Line, Msg: fmt.Sprintf("duplicate id %s, first at %s", p.ID, prev.Source())}
}

// add appends what one file yielded to the collection, dropping passages
// whose ID is already taken.
func (c *Collection) add(f *file, d *dedup) {
	if f.known {
		c.Files++
	}
	problems := f.problems
	for _, p := range f.passages {
		ok, prob := d.keep(p)
		if ok {
			c.Passages = append(c.Passages, p)
		} else if prob.Msg != "" {
			problems = append(problems, prob)
		}
	}
	// One file's problems in line order, as a moderator fixes them.
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].Line < problems[j].Line })
	c.Problems = append(c.Problems, problems...)
	if f.moreProblems > 0 {
		c.Problems = append(c.Problems, f.unlisted(f.moreProblems, "problems"))
	}
	c.Warnings = append(c.Warnings, f.warnings...)
	if f.moreWarnings > 0 {
		c.Warnings = append(c.Warnings, f.unlisted(f.moreWarnings, "notes"))
	}
	c.Synonyms = append(c.Synonyms, f.synonyms...)
}
