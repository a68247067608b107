package eval

import (
	"context"
	"fmt"
	"io"
	"time"

	"faqbot/index"
)

// SetResult is one set's evaluation.
type SetResult struct {
	Name string `json:"name"`
	// Contents is how many contents the set was asked of (one per article
	// for a per-article set).
	Contents int      `json:"contents"`
	Report   Report   `json:"report"`
	Baseline Baseline `json:"baseline_bm25"`
	Curve    []Point  `json:"curve"`
	// Outcomes are the questions' outcomes, for fitting and reliability.
	Outcomes []Outcome `json:"-"`
}

// SuiteResult is the evaluation of every set, and their macro average.
type SuiteResult struct {
	Threshold float64     `json:"threshold"`
	Sets      []SetResult `json:"sets"`
	Skipped   []string    `json:"skipped,omitempty"`
	Macro     Macro       `json:"macro_average"`
}

// Macro averages the main figures over sets, each set counting once
// whatever its size.
type Macro struct {
	AccAt1       float64 `json:"acc@1"`
	BaselineAcc  float64 `json:"baseline_bm25_acc@1"`
	MRRAt10      float64 `json:"mrr@10"`
	CorrectShare float64 `json:"answered_correct_share"`
	WrongShare   float64 `json:"answered_wrong_share"`
	Selective    float64 `json:"selective_accuracy"`
}

// RunSet evaluates one set through a fresh in-memory index per content,
// under policy, beside the stock BM25 baseline.
func RunSet(ctx context.Context, s Set, policy index.Policy, progress io.Writer) (SetResult, error) {
	cases, err := s.Cases(ctx, false)
	if err != nil {
		return SetResult{Name: s.Name}, err
	}
	return runCases(ctx, s.Name, cases, policy, progress)
}

// runCases is RunSet on cases already read.
func runCases(ctx context.Context, name string, cases []Case, policy index.Policy, progress io.Writer) (SetResult, error) {
	res := SetResult{Name: name}
	start := time.Now()
	var all []Query
	var ranks []int
	for _, c := range cases {
		t := time.Now()
		ix, err := index.Build(ctx, c.Passages, index.Options{Synonyms: c.Synonyms})
		if err != nil {
			return res, fmt.Errorf("set %s: %w", name, err)
		}
		res.Report.BuildMs += float64(time.Since(t).Milliseconds())
		outs, err := Ask(ctx, ix, c.Queries, progress)
		_ = ix.Close()
		if err != nil {
			return res, fmt.Errorf("set %s: %w", name, err)
		}
		res.Outcomes = append(res.Outcomes, outs...)
		r, err := baselineRanks(ctx, c.Passages, c.Queries)
		if err != nil {
			return res, fmt.Errorf("set %s: %w", name, err)
		}
		all, ranks = append(all, c.Queries...), append(ranks, r...)
		res.Report.Passages += len(c.Passages)
	}
	build := res.Report.BuildMs
	passages := res.Report.Passages
	res.Report = Summarize(res.Outcomes, policy)
	res.Report.BuildMs, res.Report.Passages = build, passages
	res.Report.TotalSecs = round(time.Since(start).Seconds())
	res.Contents = len(cases)
	res.Baseline = summarizeBaseline(all, ranks)
	res.Curve = Curve(res.Outcomes)
	return res, nil
}

// RunSuite evaluates every available set of the suite; sets whose files are
// missing are skipped and named in the result.
func RunSuite(ctx context.Context, suite Suite, policy index.Policy, progress io.Writer) (SuiteResult, error) {
	out := SuiteResult{Threshold: policy.MinConfidence}
	for _, s := range suite.Sets {
		if err := s.Available(); err != nil {
			out.Skipped = append(out.Skipped, fmt.Sprintf("%s (%v)", s.Name, err))
			continue
		}
		if progress != nil {
			fmt.Fprintf(progress, "eval: %s\n", s.Name)
		}
		r, err := RunSet(ctx, s, policy, progress)
		if err != nil {
			return out, err
		}
		out.Sets = append(out.Sets, r)
	}
	out.Macro = macro(out.Sets)
	return out, nil
}

func macro(sets []SetResult) Macro {
	var m Macro
	if len(sets) == 0 {
		return m
	}
	for _, s := range sets {
		m.AccAt1 += s.Report.AccAt1
		m.BaselineAcc += s.Baseline.AccAt1
		m.MRRAt10 += s.Report.MRRAt10
		m.CorrectShare += s.Report.CorrectShare()
		m.WrongShare += s.Report.WrongShare()
		m.Selective += s.Report.SelectiveAccuracy
	}
	n := float64(len(sets))
	return Macro{round(m.AccAt1 / n), round(m.BaselineAcc / n), round(m.MRRAt10 / n),
		round(m.CorrectShare / n), round(m.WrongShare / n), round(m.Selective / n)}
}
