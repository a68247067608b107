package index

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"faqbot/content"
)

var fit = flag.Bool("fit", false, "fit the confidence model on ../../shared/eval/squad-dev and print its weights")

// TestFitConfidence re-fits the confidence model (go test ./index -run
// FitConfidence -fit -v). The fitting set is squad-dev with every sixth
// article (0, 6, 12, ...) removed from the corpus, so that their questions
// are out of scope; every second question is used. The label is whether
// the top passage is relevant. The weights it prints go into confidence.go;
// the threshold is then chosen with `faqbot eval` on squad-open, whose
// out-of-scope articles are different ones (5, 11, 17, ...).
func TestFitConfidence(t *testing.T) {
	if !*fit {
		t.Skip("run with -fit to re-fit the confidence model")
	}
	dir := "../../shared/eval/squad-dev"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("fitting needs %s (../shared beside the project): %v", dir, err)
	}
	c, err := content.LoadPath(dir+"/corpus.jsonl", content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	article := func(id string) int {
		var a, p int
		_, _ = fmt.Sscanf(id, "squad-%d-%d", &a, &p)
		return a
	}
	kept := slices.DeleteFunc(slices.Clone(c.Passages), func(p content.Passage) bool { return article(p.ID)%6 == 0 })
	ix, err := Build(context.Background(), kept, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	f, err := os.Open(dir + "/queries.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	type query struct {
		Query    string
		Relevant []string
	}
	var qs []query
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q query
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}
	f.Close()
	var xs [][numSignals]float64
	var ys []float64
	for i, q := range qs {
		if i%2 == 1 {
			continue
		}
		res, x, err := ix.search(context.Background(), q.Query, maxHits)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			continue
		}
		y := 0.0
		if article(q.Relevant[0])%6 != 0 && slices.Contains(q.Relevant, res.Hits[0].Passage.ItemID()) {
			y = 1
		}
		xs = append(xs, x)
		ys = append(ys, y)
	}
	w, b := fitLogistic(xs, ys)
	var parts []string
	for _, v := range w {
		parts = append(parts, fmt.Sprintf("%.3f", v))
	}
	t.Logf("%d examples; weights: {%s}, bias: %.3f", len(xs), strings.Join(parts, ", "), b)
}

// fitLogistic fits a logistic regression by gradient descent on
// standardised inputs with a little L2 regularisation, and returns weights
// for the raw inputs.
func fitLogistic(xs [][numSignals]float64, ys []float64) ([numSignals]float64, float64) {
	var mean, sd [numSignals]float64
	n := float64(len(xs))
	for _, x := range xs {
		for j, v := range x {
			mean[j] += v / n
		}
	}
	for _, x := range xs {
		for j, v := range x {
			sd[j] += (v - mean[j]) * (v - mean[j]) / n
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j])
		if sd[j] == 0 {
			sd[j] = 1
		}
	}
	var w [numSignals]float64
	b := 0.0
	const rate, l2 = 0.5, 1e-4
	for iter := 0; iter < 4000; iter++ {
		var gw [numSignals]float64
		gb := 0.0
		for i, x := range xs {
			z := b
			for j, v := range x {
				z += w[j] * (v - mean[j]) / sd[j]
			}
			d := 1/(1+math.Exp(-z)) - ys[i]
			for j, v := range x {
				gw[j] += d * (v - mean[j]) / sd[j]
			}
			gb += d
		}
		for j := range w {
			w[j] -= rate * (gw[j]/n + l2*w[j])
		}
		b -= rate * gb / n
	}
	var raw [numSignals]float64
	rb := b
	for j := range w {
		raw[j] = w[j] / sd[j]
		rb -= w[j] * mean[j] / sd[j]
	}
	return raw, rb
}
