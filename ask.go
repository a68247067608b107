package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"faqbot/index"
)

// runAsk answers one question from the content, as the bot would.
func runAsk(ctx context.Context, a *app, args []string) error {
	fs := a.flags("ask", "QUESTION...")
	asJSON := fs.Bool("json", false, "print one JSON object instead of text")
	path := a.contentFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	question := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(question) == "" {
		fs.Usage()
		return usageError("ask needs a question, e.g. faqbot ask \"how do I reload the FAQ?\"")
	}
	store, err := a.indexStore(ctx, "ask")
	if err != nil {
		return err
	}
	if store != nil {
		defer func() { _ = store.Close() }()
	}
	_, ix, err := a.openContent(ctx, *path, store)
	if err != nil {
		return err
	}
	defer func() { _ = ix.Close() }()
	res, err := ix.Search(ctx, question)
	if err != nil {
		return err
	}
	res = a.policy().Apply(res)
	if *asJSON {
		return writeJSON(a.stdout, askJSON(res))
	}
	printAnswer(a.stdout, res)
	return nil
}

// passageJSON is a passage in ask's JSON output.
type passageJSON struct {
	ID       string  `json:"id"`
	Kind     string  `json:"kind"`
	Title    string  `json:"title"`
	Section  string  `json:"section,omitempty"`
	Question string  `json:"question,omitempty"`
	Text     string  `json:"text"`
	Excerpt  string  `json:"excerpt"`
	URL      string  `json:"url"`
	Source   string  `json:"source"`
	Score    float64 `json:"score"`
}

type answerJSON struct {
	Question     string        `json:"question"`
	Answered     bool          `json:"answered"`
	Score        float64       `json:"score"`
	Reason       string        `json:"reason,omitempty"`
	Answer       *passageJSON  `json:"answer"`
	Alternatives []passageJSON `json:"alternatives"`
}

func hitJSON(h index.Hit) passageJSON {
	p := h.Passage
	return passageJSON{ID: p.ID, Kind: string(p.Kind), Title: p.Title, Section: p.Section, Question: p.Question,
		Text: p.Text, Excerpt: h.Excerpt, URL: p.URL, Source: p.Source(), Score: round3(h.Score)}
}

func askJSON(res index.Result) answerJSON {
	out := answerJSON{Question: res.Question, Answered: res.Answered, Score: round3(res.Confidence),
		Reason: string(res.Reason), Alternatives: []passageJSON{}}
	if h := res.Answer(); h != nil {
		j := hitJSON(*h)
		out.Answer = &j
	}
	for _, h := range res.Alternatives() {
		out.Alternatives = append(out.Alternatives, hitJSON(h))
	}
	return out
}

func round3(v float64) float64 { return float64(int(v*1000+0.5)) / 1000 }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// printAnswer writes a result for a person at a terminal.
func printAnswer(w io.Writer, res index.Result) {
	if h := res.Answer(); h != nil {
		fmt.Fprintln(w, heading(h.Passage.Title, h.Passage.Section, h.Passage.Question))
		fmt.Fprintln(w)
		fmt.Fprintln(w, h.Excerpt)
		fmt.Fprintln(w)
		fmt.Fprintf(w, "Source: %s\n", linkOrSource(*h))
		fmt.Fprintf(w, "Confidence: %.2f\n", res.Confidence)
	} else {
		switch res.Reason {
		case index.ReasonNoTerms:
			fmt.Fprintln(w, "Please ask with a few more words: that question has nothing to search for.")
		case index.ReasonNoMatch:
			fmt.Fprintln(w, "Nothing in the content matches that question.")
		default:
			fmt.Fprintf(w, "No confident answer (confidence %.2f).\n", res.Confidence)
		}
	}
	alts := res.Alternatives()
	if len(alts) == 0 {
		return
	}
	if res.Answered {
		fmt.Fprintln(w, "\nAlso see:")
	} else {
		fmt.Fprintln(w, "\nClosest passages:")
	}
	for i, h := range alts {
		fmt.Fprintf(w, "  %d. %s (score %.2f)\n     %s\n", i+1, heading(h.Passage.Title, h.Passage.Section, h.Passage.Question), h.Score, linkOrSource(h))
	}
}

// heading names a passage: its question, or its title and section.
func heading(title, section, question string) string {
	if question != "" {
		return question
	}
	if section != "" && section != title {
		return title + " › " + section
	}
	return title
}

func linkOrSource(h index.Hit) string {
	if h.Passage.URL != "" {
		return h.Passage.URL
	}
	return h.Passage.Source()
}
