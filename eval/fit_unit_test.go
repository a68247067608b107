package eval

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"faqbot/index"
)

// synthetic makes examples in which the relevant candidate stands out on
// the "words" feature by margin (noise elsewhere); half the questions of
// set 1 are out of scope, their candidates all alike.
func synthetic(n int, margin float64) []Example {
	r := rand.New(rand.NewPCG(7, 8))
	words := featureIndex("words")
	var out []Example
	for k := 0; k < n; k++ {
		set := k % 2
		answerable := set == 0 || k%4 == 1
		var e index.Explanation
		rel := make([]bool, 5)
		for i := 0; i < 5; i++ {
			var f index.Features
			for j := range f {
				f[j] = r.Float64()
			}
			f[words] = r.Float64() * 0.5
			if answerable && i == 2 {
				f[words] += margin
				rel[i] = true
			}
			e.Candidates = append(e.Candidates, index.Candidate{ID: fmt.Sprint(k, "-", i), ItemID: fmt.Sprint(k, "-", i), Features: f})
		}
		out = append(out, Example{Set: set, Explanation: e, Relevant: rel, Answerable: answerable})
	}
	return out
}

func featureIndex(name string) int {
	for i := 0; i < index.NumFeatures; i++ {
		if index.FeatureName(i) == name {
			return i
		}
	}
	panic("no feature " + name)
}

// TestFitFindsTheSignal fits on synthetic examples: the ranking learns the
// one feature that tells the relevant candidate apart, and the confidence
// ranks right answers above wrong ones.
func TestFitFindsTheSignal(t *testing.T) {
	train, test := synthetic(1200, 0.6), synthetic(400, 0.6)
	m := Fit(train, 2, FitOptions{Iterations: 150, Rounds: 2})
	words := featureIndex("words")
	for j, w := range m.Rank {
		if j != words && abs(w) > abs(m.Rank[words])/2 {
			t.Errorf("weight of %s %.3f next to words %.3f", index.FeatureName(j), w, m.Rank[words])
		}
	}
	right, answerable := 0, 0
	var confRight, confWrong, nRight, nWrong float64
	for k := range test {
		c, ok, any := Judge(&m, &test[k])
		if !any {
			t.Fatal("no best candidate")
		}
		if test[k].Answerable {
			answerable++
			if ok {
				right++
			}
		}
		if ok {
			confRight, nRight = confRight+c, nRight+1
		} else {
			confWrong, nWrong = confWrong+c, nWrong+1
		}
	}
	if acc := float64(right) / float64(answerable); acc < 0.9 {
		t.Errorf("acc@1 %.3f on held-out synthetic questions", acc)
	}
	if confRight/nRight < confWrong/nWrong+0.3 {
		t.Errorf("mean confidence %.3f when right, %.3f when wrong", confRight/nRight, confWrong/nWrong)
	}
	th := ChooseThreshold(&m, train, 2)
	if th < 0.3 || th > 0.95 {
		t.Errorf("threshold %.2f", th)
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}
