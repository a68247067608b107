// Package eval measures how well faqbot answers: it runs sets of questions
// with known relevant passages through the same search and answer policy
// that members meet, and reports ranking quality, how often the bot answers
// right, answers wrong or abstains (at the chosen threshold and across
// thresholds), and how fast it is, beside a stock BM25 baseline. It also
// fits the ranking and confidence model on a mixture of sets (see Fit).
package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"time"

	"faqbot/index"
)

// Query is one evaluation question, as in a queries.jsonl line.
type Query struct {
	Query string `json:"query"`
	// Relevant lists the passage IDs that answer it; empty means out of
	// scope (the right behaviour is to answer nothing).
	Relevant []string `json:"relevant"`
}

// ReadQueries reads queries in JSON Lines, naming the line of any error.
func ReadQueries(r io.Reader, name string) ([]Query, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var out []Query
	for line := 1; sc.Scan(); line++ {
		b := sc.Bytes()
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		var q Query
		if err := json.Unmarshal(b, &q); err != nil {
			return nil, fmt.Errorf("read queries %s:%d: %w", name, line, err)
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read queries %s: %w", name, err)
	}
	return out, nil
}

// Searcher is what eval measures: the index's own search.
type Searcher interface {
	SearchTop(ctx context.Context, question string, n int) (index.Result, error)
}

// Outcome is what happened to one question: enough to judge it again at any
// threshold.
type Outcome struct {
	// Answerable is false for an out-of-scope question.
	Answerable bool
	// Rank is the 1-based rank of the first relevant hit among the top ten,
	// 0 when none is.
	Rank int
	// Result is the undecided search result, cut to its best hit.
	Result index.Result
	// Latency is how long the search took.
	Latency time.Duration
}

// answered reports whether policy answers the question, and whether
// rightly.
func (o Outcome) answered(p index.Policy) (answered, right bool) {
	r := p.Apply(o.Result)
	return r.Answered, r.Answered && o.Rank == 1
}

// Report holds every metric of ../shared/eval/FORMAT.md.
type Report struct {
	Queries    int `json:"queries"`
	Answerable int `json:"answerable"`
	// Ranking quality over answerable queries.
	AccAt1    float64 `json:"acc@1"`
	MRRAt10   float64 `json:"mrr@10"`
	RecallAt5 float64 `json:"recall@5"`
	// Behaviour at the confidence threshold, over all queries.
	Threshold         float64 `json:"threshold"`
	AnsweredCorrect   int     `json:"answered_correct"`
	AnsweredWrong     int     `json:"answered_wrong"`
	Abstained         int     `json:"abstained"`
	SelectiveAccuracy float64 `json:"selective_accuracy"`
	// Speed: per query on one goroutine with a warm index, and building.
	P50ms     float64 `json:"p50_ms"`
	P99ms     float64 `json:"p99_ms"`
	BuildMs   float64 `json:"build_ms"`
	Passages  int     `json:"passages"`
	LoadMs    float64 `json:"load_ms,omitempty"`
	TotalSecs float64 `json:"total_s"`
}

// CorrectShare is the share of answerable questions answered correctly.
func (r Report) CorrectShare() float64 {
	return round(float64(r.AnsweredCorrect) / float64(max(r.Answerable, 1)))
}

// WrongShare is the share of all questions answered wrongly.
func (r Report) WrongShare() float64 {
	return round(float64(r.AnsweredWrong) / float64(max(r.Queries, 1)))
}

// warmup is how many questions run before timing starts.
const warmup = 200

// Ask runs every query through s and records what happened. progress (may
// be nil) gets a line now and then on long runs.
func Ask(ctx context.Context, s Searcher, queries []Query, progress io.Writer) ([]Outcome, error) {
	for i := 0; i < min(warmup, len(queries)); i++ {
		if _, err := s.SearchTop(ctx, queries[i].Query, 10); err != nil {
			return nil, fmt.Errorf("eval warm-up: %w", err)
		}
	}
	out := make([]Outcome, 0, len(queries))
	next := time.Now().Add(5 * time.Second)
	for i, q := range queries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t := time.Now()
		res, err := s.SearchTop(ctx, q.Query, 10)
		lat := time.Since(t)
		if err != nil {
			return nil, fmt.Errorf("eval query %d: %w", i+1, err)
		}
		o := Outcome{Answerable: len(q.Relevant) > 0, Rank: firstRelevant(res, q.Relevant), Latency: lat}
		// A copy, so that the other hits and their excerpts are not kept.
		res.Hits = slices.Clone(res.Hits[:min(len(res.Hits), 1)])
		o.Result = res
		out = append(out, o)
		if progress != nil && time.Now().After(next) {
			fmt.Fprintf(progress, "eval: %d/%d queries\n", i+1, len(queries))
			next = time.Now().Add(5 * time.Second)
		}
	}
	return out, nil
}

// Run asks every query, decides each result with policy as the bot would,
// and computes the report.
func Run(ctx context.Context, s Searcher, queries []Query, policy index.Policy, progress io.Writer) (Report, error) {
	start := time.Now()
	outs, err := Ask(ctx, s, queries, progress)
	if err != nil {
		return Report{}, err
	}
	rep := Summarize(outs, policy)
	rep.TotalSecs = round(time.Since(start).Seconds())
	return rep, nil
}

// Summarize computes the report of outcomes under policy.
func Summarize(outs []Outcome, policy index.Policy) Report {
	rep := Report{Queries: len(outs), Threshold: policy.MinConfidence}
	lat := make([]time.Duration, 0, len(outs))
	outOfScopeAbstained := 0
	for _, o := range outs {
		lat = append(lat, o.Latency)
		if o.Answerable {
			rep.Answerable++
			if o.Rank == 1 {
				rep.AccAt1++
			}
			if o.Rank >= 1 && o.Rank <= 5 {
				rep.RecallAt5++
			}
			if o.Rank >= 1 {
				rep.MRRAt10 += 1 / float64(o.Rank)
			}
		}
		answered, right := o.answered(policy)
		switch {
		case !answered:
			rep.Abstained++
			if !o.Answerable {
				outOfScopeAbstained++
			}
		case right:
			rep.AnsweredCorrect++
		default:
			rep.AnsweredWrong++
		}
	}
	if rep.Answerable > 0 {
		n := float64(rep.Answerable)
		rep.AccAt1 = round(rep.AccAt1 / n)
		rep.MRRAt10 = round(rep.MRRAt10 / n)
		rep.RecallAt5 = round(rep.RecallAt5 / n)
	}
	if rep.Queries > 0 {
		rep.SelectiveAccuracy = round(float64(rep.AnsweredCorrect+outOfScopeAbstained) / float64(rep.Queries))
	}
	rep.P50ms, rep.P99ms = percentile(lat, 0.50), percentile(lat, 0.99)
	return rep
}

// firstRelevant is the 1-based rank of the first relevant hit among the
// top ten, 0 when none is relevant. Parts of a split passage count as the
// passage.
func firstRelevant(res index.Result, relevant []string) int {
	for i, h := range res.Hits {
		if i >= 10 {
			break
		}
		if slices.Contains(relevant, h.Passage.ItemID()) || slices.Contains(relevant, h.Passage.ID) {
			return i + 1
		}
	}
	return 0
}

func percentile(d []time.Duration, p float64) float64 {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(math.Ceil(p*float64(len(s)))) - 1
	i = min(max(i, 0), len(s)-1)
	return round(float64(s[i].Microseconds()) / 1000)
}

func round(v float64) float64 { return math.Round(v*10000) / 10000 }

// WriteText prints a report for people.
func WriteText(w io.Writer, r Report) {
	fmt.Fprintf(w, "queries %d (answerable %d), passages %d\n", r.Queries, r.Answerable, r.Passages)
	fmt.Fprintf(w, "acc@1 %.4f  mrr@10 %.4f  recall@5 %.4f\n", r.AccAt1, r.MRRAt10, r.RecallAt5)
	pct := func(n int) float64 { return 100 * float64(n) / float64(max(r.Queries, 1)) }
	fmt.Fprintf(w, "at threshold %.2f: answered_correct %d (%.1f%%)  answered_wrong %d (%.1f%%)  abstained %d (%.1f%%)  selective_accuracy %.4f\n",
		r.Threshold, r.AnsweredCorrect, pct(r.AnsweredCorrect), r.AnsweredWrong, pct(r.AnsweredWrong), r.Abstained, pct(r.Abstained), r.SelectiveAccuracy)
	fmt.Fprintf(w, "latency p50 %.2f ms  p99 %.2f ms  build %.0f ms  load %.0f ms\n", r.P50ms, r.P99ms, r.BuildMs, r.LoadMs)
}
