package eval

import (
	"math"

	"faqbot/index"
)

// The thresholds a moderator chooses MIN_CONFIDENCE from.
const (
	curveFrom = 0.30
	curveTo   = 0.90
	curveStep = 0.05
)

// Point is how the bot behaves at one confidence threshold.
type Point struct {
	Threshold float64 `json:"threshold"`
	// CorrectShare is the share of answerable questions answered correctly.
	CorrectShare float64 `json:"answered_correct_share"`
	// WrongShare is the share of all questions answered wrongly.
	WrongShare float64 `json:"answered_wrong_share"`
	// Selective is the selective accuracy: answered correctly, or out of
	// scope and not answered, over all questions.
	Selective float64 `json:"selective_accuracy"`
}

// Curve gives the behaviour at thresholds from 0.30 to 0.90 in steps of
// 0.05: coverage and risk, for choosing MIN_CONFIDENCE from a community's
// own questions.
func Curve(outs []Outcome) []Point {
	var pts []Point
	for k := 0; ; k++ {
		t := math.Round((curveFrom+float64(k)*curveStep)*100) / 100
		if t > curveTo+1e-9 {
			break
		}
		r := Summarize(outs, index.Policy{MinConfidence: t})
		pts = append(pts, Point{Threshold: t, CorrectShare: r.CorrectShare(), WrongShare: r.WrongShare(), Selective: r.SelectiveAccuracy})
	}
	return pts
}

// Bin is one range of predicted confidence and how often the best passage
// was right in it.
type Bin struct {
	From, To  float64
	Count     int
	Predicted float64 // mean confidence in the bin
	Observed  float64 // share of the bin whose best passage was relevant
}

// Reliability bins the questions that had a best passage by confidence: a
// well calibrated confidence has Observed close to Predicted in every bin.
func Reliability(outs []Outcome, bins int) []Bin {
	out := make([]Bin, bins)
	for i := range out {
		out[i].From, out[i].To = float64(i)/float64(bins), float64(i+1)/float64(bins)
	}
	for _, o := range outs {
		if len(o.Result.Hits) == 0 {
			continue
		}
		c := o.Result.Confidence
		i := min(int(c*float64(bins)), bins-1)
		out[i].Count++
		out[i].Predicted += c
		if o.Rank == 1 {
			out[i].Observed++
		}
	}
	for i := range out {
		if n := float64(out[i].Count); n > 0 {
			out[i].Predicted = round(out[i].Predicted / n)
			out[i].Observed = round(out[i].Observed / n)
		}
	}
	return out
}
