package eval

import (
	"testing"

	"faqbot/content"
	"faqbot/index"
)

func outcome(answerable bool, rank int, conf float64) Outcome {
	return Outcome{Answerable: answerable, Rank: rank, Result: index.Result{Confidence: conf, Hits: []index.Hit{{Passage: content.Passage{ID: "x"}}}}}
}

func TestCurve(t *testing.T) {
	outs := []Outcome{
		outcome(true, 1, 0.95), // right at every threshold
		outcome(true, 2, 0.5),  // wrong up to 0.50
		outcome(false, 0, 0.7), // out of scope, wrong up to 0.70
		outcome(true, 1, 0.32), // right only at 0.30
	}
	pts := Curve(outs)
	want := map[float64][2]float64{ // threshold -> correct share, wrong share
		0.30: {2.0 / 3, 2.0 / 4}, 0.35: {1.0 / 3, 2.0 / 4}, 0.50: {1.0 / 3, 2.0 / 4}, 0.55: {1.0 / 3, 1.0 / 4}, 0.75: {1.0 / 3, 0}, 0.90: {1.0 / 3, 0},
	}
	for _, p := range pts {
		w, ok := want[p.Threshold]
		if !ok {
			continue
		}
		if p.CorrectShare != round(w[0]) || p.WrongShare != round(w[1]) {
			t.Errorf("at %.2f: correct %.4f wrong %.4f, want %.4f %.4f", p.Threshold, p.CorrectShare, p.WrongShare, w[0], w[1])
		}
	}
}

func TestReliability(t *testing.T) {
	outs := []Outcome{outcome(true, 1, 0.05), outcome(true, 2, 0.08), outcome(true, 1, 0.95), outcome(true, 1, 1.0), {Answerable: true}}
	bins := Reliability(outs, 10)
	if bins[0].Count != 2 || bins[0].Observed != 0.5 || bins[0].Predicted != 0.065 {
		t.Errorf("first bin %+v", bins[0])
	}
	if bins[9].Count != 2 || bins[9].Observed != 1 {
		t.Errorf("last bin %+v (a confidence of 1 belongs in it)", bins[9])
	}
	total := 0
	for _, b := range bins {
		total += b.Count
	}
	if total != 4 {
		t.Errorf("%d questions binned, want the 4 with a best passage", total)
	}
}
