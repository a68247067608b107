package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteSuite prints a suite's evaluation for people: one row per set and the
// macro average, then the share answered correctly and wrongly at each
// threshold.
func WriteSuite(w io.Writer, r SuiteResult) {
	if WriteSummary(w, r) {
		writeCurves(w, r)
	}
}

// WriteSummary prints the rows of WriteSuite without the threshold curves;
// it reports whether any set was run.
func WriteSummary(w io.Writer, r SuiteResult) bool {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "set\tqueries\tanswerable\tpassages\tacc@1\tbm25 acc@1\tmrr@10\trecall@5\tanswered ok\tanswered wrong\tselective\tp50 ms\tp99 ms\t\n")
	for _, s := range r.Sets {
		rep := s.Report
		passages := fmt.Sprint(rep.Passages)
		if s.Contents > 1 {
			passages = fmt.Sprintf("%d in %d", rep.Passages, s.Contents)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%s\t%s\t%.3f\t%.2f\t%.2f\t\n", s.Name, rep.Queries, rep.Answerable, passages,
			rep.AccAt1, s.Baseline.AccAt1, rep.MRRAt10, rep.RecallAt5, pct(rep.CorrectShare()), pct(rep.WrongShare()), rep.SelectiveAccuracy, rep.P50ms, rep.P99ms)
	}
	m := r.Macro
	fmt.Fprintf(tw, "macro average\t\t\t\t%.3f\t%.3f\t%.3f\t\t%s\t%s\t%.3f\t\t\t\n", m.AccAt1, m.BaselineAcc, m.MRRAt10, pct(m.CorrectShare), pct(m.WrongShare), m.Selective)
	_ = tw.Flush()
	fmt.Fprintf(w, "(threshold %.2f; answered ok: share of answerable questions answered correctly; answered wrong: share of all questions)\n", r.Threshold)
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "skipped: %s\n", s)
	}
	return len(r.Sets) > 0
}

func writeCurves(w io.Writer, r SuiteResult) {
	fmt.Fprintln(w, "\nanswered ok / answered wrong by threshold (choose MIN_CONFIDENCE here):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	header := []string{"threshold"}
	for _, s := range r.Sets {
		header = append(header, s.Name)
	}
	fmt.Fprintln(tw, strings.Join(header, "\t")+"\t")
	for k, p := range r.Sets[0].Curve {
		row := []string{fmt.Sprintf("%.2f", p.Threshold)}
		for _, s := range r.Sets {
			q := s.Curve[k]
			row = append(row, pct(q.CorrectShare)+" / "+pct(q.WrongShare))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	_ = tw.Flush()
}

func pct(share float64) string { return fmt.Sprintf("%.1f%%", 100*share) }
