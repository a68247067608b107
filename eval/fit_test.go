package eval

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"go/format"
	"math"
	"os"
	"strings"
	"testing"
	"text/tabwriter"

	"faqbot/index"
)

var (
	fitModel   = flag.Bool("fit", false, "fit the ranking and confidence model on the dev suite (needs ../shared) and report leave-one-source-out figures")
	writeModel = flag.Bool("write", false, "with -fit: write the fitted model to ../index/model.go")
	leaveOut   = flag.Bool("loso", true, "with -fit: test the fit on every set left out")
	keepModel  = flag.Bool("keep", false, "with -fit: keep the ranking and whole-question confidence of index/model.go and fit the weights of one-word questions only")
)

// TestFitModel fits the model on the mixture of the dev suite's sets
// (suite.json: every set's fitting questions, each set weighing the same),
// chooses the default threshold, and tests that the fit generalises by
// leaving each source out in turn (fitting on the others, threshold
// included, and evaluating on the left-out one). Run it with
//
//	go test ./eval -run TestFitModel -fit -write -v -timeout 30m
//
// to write index/model.go.
func TestFitModel(t *testing.T) {
	if !*fitModel {
		t.Skip("run with -fit to fit the model")
	}
	suite, err := LoadSuite("suite.json")
	if err != nil {
		t.Fatal(err)
	}
	var sets []Set
	for _, s := range suite.Sets {
		if err := s.Available(); err != nil {
			t.Logf("skipping %s: %v", s.Name, err)
			continue
		}
		sets = append(sets, s)
	}
	if len(sets) < 3 {
		t.Skip("fitting needs the shared data sets (../shared beside the project)")
	}
	ctx := context.Background()
	var fitEx, reportEx []Example
	for i, s := range sets {
		f, err := Collect(ctx, s, i, true)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Collect(ctx, s, i, false)
		if err != nil {
			t.Fatal(err)
		}
		fitEx, reportEx = append(fitEx, f...), append(reportEx, r...)
		t.Logf("%s: %d fitting and %d report questions", s.Name, len(f), len(r))
	}

	var opts FitOptions
	if *keepModel {
		kept := index.Fitted()
		opts.Keep = &kept
	}
	full := Fit(fitEx, len(sets), opts)
	threshold := ChooseThreshold(&full, fitEx, len(sets))
	mixed := judgeSets(&full, threshold, reportEx, len(sets))

	// Leave each set out: fit on the sets whose questions have other
	// sources, judge the left-out set.
	loso := make([]setFigures, len(sets))
	for i, s := range sets {
		if !*leaveOut {
			break
		}
		var train []Example
		for _, ex := range fitEx {
			if !sets[ex.Set].Shares(s) {
				train = append(train, ex)
			}
		}
		m := Fit(train, len(sets), opts)
		th := ChooseThreshold(&m, train, len(sets))
		loso[i] = judgeSets(&m, th, reportEx, len(sets))[i]
	}

	var out bytes.Buffer
	fmt.Fprintf(&out, "threshold chosen on the mixture: %.2f\n", threshold)
	tw := tabwriter.NewWriter(&out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tacc@1\tanswered ok\twrong\tselective\tLOSO acc@1\tLOSO ok\tLOSO wrong\tLOSO selective\tLOSO threshold\t")
	for i, s := range sets {
		a, b := mixed[i], loso[i]
		fmt.Fprintf(tw, "%s\t%.3f\t%.1f%%\t%.1f%%\t%.3f\t%.3f\t%.1f%%\t%.1f%%\t%.3f\t%.2f\t\n", s.Name, a.acc, 100*a.correct, 100*a.wrong, a.selective,
			b.acc, 100*b.correct, 100*b.wrong, b.selective, b.threshold)
	}
	_ = tw.Flush()
	fmt.Fprintln(&out, "\nreliability (predicted confidence → observed share right, questions):")
	for i, s := range sets {
		fmt.Fprintf(&out, "%-15s", s.Name)
		for _, b := range reliability(&full, reportEx, i) {
			if b.Count == 0 {
				fmt.Fprintf(&out, "  %.1f-%.1f: -        ", b.From, b.To)
				continue
			}
			fmt.Fprintf(&out, "  %.1f-%.1f: %.2f (%4d)", b.From, b.To, b.Observed, b.Count)
		}
		fmt.Fprintln(&out)
	}
	fmt.Fprintln(&out, "\nranking weights:")
	for i, w := range full.Rank {
		fmt.Fprintf(&out, "  %-10s %8.3f\n", index.FeatureName(i), w)
	}
	fmt.Fprintln(&out, "confidence weights (shared, and added for FAQ pairs and for one-word questions):")
	for i, w := range full.Confidence {
		fmt.Fprintf(&out, "  %-12s %8.3f %8.3f %8.3f\n", index.SignalName(i), w, full.FAQ[i], full.OneWord[i])
	}
	fmt.Fprintf(&out, "  bias       %8.3f\n", full.Bias)
	t.Log("\n" + out.String())

	if *writeModel {
		if err := os.WriteFile("../index/model.go", modelSource(full, threshold), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("wrote ../index/model.go")
	}
}

// setFigures are one set's figures under a model and threshold.
type setFigures struct {
	acc, correct, wrong, selective, threshold float64
}

// judgeSets computes every set's figures from its examples, as faqbot eval
// would.
func judgeSets(m *index.Model, threshold float64, examples []Example, sets int) []setFigures {
	type tally struct{ n, answerable, top, right, wrong, oosQuiet float64 }
	ts := make([]tally, sets)
	for k := range examples {
		ex := &examples[k]
		t := &ts[ex.Set]
		t.n++
		conf, right, any := Judge(m, ex)
		if ex.Answerable {
			t.answerable++
			if right {
				t.top++
			}
		}
		answered := any && conf >= threshold
		switch {
		case answered && right:
			t.right++
		case answered:
			t.wrong++
		case !ex.Answerable:
			t.oosQuiet++
		}
	}
	out := make([]setFigures, sets)
	for i, t := range ts {
		out[i] = setFigures{acc: t.top / max(t.answerable, 1), correct: t.right / max(t.answerable, 1),
			wrong: t.wrong / max(t.n, 1), selective: (t.right + t.oosQuiet) / max(t.n, 1), threshold: threshold}
	}
	return out
}

// reliability bins one set's examples by confidence.
func reliability(m *index.Model, examples []Example, set int) []Bin {
	var outs []Outcome
	for k := range examples {
		if examples[k].Set != set {
			continue
		}
		conf, right, any := Judge(m, &examples[k])
		if !any {
			continue
		}
		o := Outcome{Answerable: examples[k].Answerable, Result: index.Result{Confidence: conf, Hits: []index.Hit{{}}}}
		if right {
			o.Rank = 1
		}
		outs = append(outs, o)
	}
	return Reliability(outs, 10)
}

// modelSource renders index/model.go.
func modelSource(m index.Model, threshold float64) []byte {
	var b strings.Builder
	cmd := "go test ./eval -run TestFitModel -fit -write"
	if *keepModel {
		cmd += " -keep"
	}
	b.WriteString("// Code generated by " + cmd + "; DO NOT EDIT.\n\n")
	b.WriteString("package index\n\n")
	b.WriteString("// model is the ranking and confidence model fitted on the mixture of the\n// dev suite's sets (eval/suite.json); see eval.Fit.\n")
	b.WriteString("var model = Model{\n\tRank: Features{\n")
	for i, w := range m.Rank {
		fmt.Fprintf(&b, "\t\t%s, // %s\n", num(w), index.FeatureName(i))
	}
	b.WriteString("\t},\n\tConfidence: Signals{\n")
	for i, w := range m.Confidence {
		fmt.Fprintf(&b, "\t\t%s, // %s\n", num(w), index.SignalName(i))
	}
	b.WriteString("\t},\n\tFAQ: Signals{\n")
	for i, w := range m.FAQ {
		fmt.Fprintf(&b, "\t\t%s, // %s\n", num(w), index.SignalName(i))
	}
	b.WriteString("\t},\n\tOneWord: Signals{\n")
	for i, w := range m.OneWord {
		fmt.Fprintf(&b, "\t\t%s, // %s\n", num(w), index.SignalName(i))
	}
	fmt.Fprintf(&b, "\t},\n\tBias: %s,\n}\n\n", num(m.Bias))
	b.WriteString("// DefaultMinConfidence is the confidence an answer needs unless the\n// moderators choose otherwise (MIN_CONFIDENCE): the threshold chosen on\n// the same mixture (see eval.ChooseThreshold).\n")
	fmt.Fprintf(&b, "const DefaultMinConfidence = %.2f\n", threshold)
	src, err := format.Source([]byte(b.String()))
	if err != nil {
		panic(err)
	}
	return src
}

func num(v float64) string {
	if math.Abs(v) < 5e-5 {
		return "0"
	}
	return fmt.Sprintf("%.4f", v)
}
