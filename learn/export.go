package learn

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"faqbot/content"
	"faqbot/feedback"
)

// exportLine is one passage's learned phrasings in JSON Lines: the corpus
// format's id, question and aliases, and where the passage is written.
type exportLine struct {
	ID       string   `json:"id"`
	Question string   `json:"question,omitempty"`
	Aliases  []string `json:"aliases"`
	Source   string   `json:"source,omitempty"`
}

// grouped is the accepted phrasings per passage, in the content's order,
// and the orphans.
func grouped(ps []content.Passage, accepted []feedback.Phrasing) (order []content.Passage, by map[string][]string, orphans []feedback.Phrasing) {
	by = map[string][]string{}
	known := map[string]bool{}
	for _, p := range ps {
		if p.Kind == content.KindFAQ && p.ItemID() == p.ID {
			known[p.ID] = true
		}
	}
	for _, ph := range accepted {
		if !known[ph.PassageID] {
			orphans = append(orphans, ph)
			continue
		}
		by[ph.PassageID] = append(by[ph.PassageID], ph.Text)
	}
	for _, p := range ps {
		if known[p.ID] && len(by[p.ID]) > 0 {
			order = append(order, p)
		}
	}
	return order, by, orphans
}

// WriteJSONL writes the accepted phrasings of the content's passages as
// JSON Lines, one line per passage: {"id", "question", "aliases",
// "source"}; orphans follow with their passage id alone.
func WriteJSONL(w io.Writer, ps []content.Passage, accepted []feedback.Phrasing) error {
	order, by, orphans := grouped(ps, accepted)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, p := range order {
		if err := enc.Encode(exportLine{ID: p.ID, Question: p.Question, Aliases: by[p.ID], Source: p.Source()}); err != nil {
			return fmt.Errorf("export learned phrasings: %w", err)
		}
	}
	orph := map[string][]string{}
	var ids []string
	for _, o := range orphans {
		if _, ok := orph[o.PassageID]; !ok {
			ids = append(ids, o.PassageID)
		}
		orph[o.PassageID] = append(orph[o.PassageID], o.Text)
	}
	for _, id := range ids {
		if err := enc.Encode(exportLine{ID: id, Aliases: orph[id]}); err != nil {
			return fmt.Errorf("export learned phrasings: %w", err)
		}
	}
	return nil
}

// WriteMarkdown writes the accepted phrasings as Markdown FAQ headings
// with Also: lines, each under a comment naming the file and line of its
// question, ready to be copied there; orphans are listed in a comment.
func WriteMarkdown(w io.Writer, ps []content.Passage, accepted []feedback.Phrasing) error {
	order, by, orphans := grouped(ps, accepted)
	bw := bufio.NewWriter(w)
	for _, p := range order {
		if src := p.Source(); src != "" {
			fmt.Fprintf(bw, "<!-- %s -->\n", comment(src))
		}
		fmt.Fprintf(bw, "### %s\n", oneLine(p.Question))
		for _, a := range by[p.ID] {
			fmt.Fprintf(bw, "Also: %s\n", oneLine(a))
		}
		fmt.Fprintln(bw)
	}
	if len(orphans) > 0 {
		fmt.Fprintln(bw, "<!-- orphaned: their passage is no longer in the content")
		for _, o := range orphans {
			fmt.Fprintf(bw, "%s: %s\n", comment(o.PassageID), comment(oneLine(o.Text)))
		}
		fmt.Fprintln(bw, "-->")
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export learned phrasings: %w", err)
	}
	return nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// comment keeps text from closing an HTML comment.
func comment(s string) string { return strings.ReplaceAll(s, "--", "- -") }
