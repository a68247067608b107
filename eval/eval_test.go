package eval

import (
	"context"
	"strings"
	"testing"
	"time"

	"faqbot/content"
	"faqbot/index"
)

// fixed answers every question from a table, as a searcher would.
type fixed map[string]index.Result

func (f fixed) SearchTop(_ context.Context, q string, _ int) (index.Result, error) { return f[q], nil }

func hits(ids ...string) []index.Hit {
	var hs []index.Hit
	for _, id := range ids {
		hs = append(hs, index.Hit{Passage: content.Passage{ID: id}})
	}
	return hs
}

func TestRunMetrics(t *testing.T) {
	s := fixed{
		"right":      {Confidence: 0.9, Hits: hits("a", "b")},
		"second":     {Confidence: 0.2, Hits: hits("x", "b")},
		"wrong":      {Confidence: 0.5, Hits: hits("x", "y")},
		"split":      {Confidence: 0.7, Hits: hits("c~2")},
		"oos-quiet":  {Confidence: 0.49, Hits: hits("z")},
		"oos-answer": {Confidence: 0.6, Hits: hits("z")},
	}
	qs := []Query{
		{"right", []string{"a"}},
		{"second", []string{"b"}},
		{"wrong", []string{"a"}},
		{"split", []string{"c"}},
		{"oos-quiet", nil},
		{"oos-answer", nil},
	}
	r, err := Run(context.Background(), s, qs, index.Policy{MinConfidence: 0.5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := Report{Queries: 6, Answerable: 4, AccAt1: 0.5, MRRAt10: 0.625, RecallAt5: 0.75, Threshold: 0.5,
		AnsweredCorrect: 2, AnsweredWrong: 2, Abstained: 2, SelectiveAccuracy: 0.5}
	r.P50ms, r.P99ms, r.TotalSecs = 0, 0, 0
	if r != want {
		t.Errorf("report\n got %+v\nwant %+v", r, want)
	}
}

func TestReadQueries(t *testing.T) {
	qs, err := ReadQueries(strings.NewReader("{\"query\":\"a\",\"relevant\":[\"x\"]}\n\n{\"query\":\"b\",\"relevant\":[]}\n"), "q.jsonl")
	if err != nil || len(qs) != 2 || qs[1].Relevant == nil && len(qs[1].Relevant) != 0 {
		t.Fatalf("got %v %v", qs, err)
	}
	_, err = ReadQueries(strings.NewReader("{\"query\":\"a\"}\n{oops\n"), "q.jsonl")
	if err == nil || !strings.Contains(err.Error(), "q.jsonl:2") {
		t.Errorf("error %v does not name q.jsonl:2", err)
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	if p := percentile(d, 0.5); p != 50 {
		t.Errorf("p50 = %v", p)
	}
	if p := percentile(d, 0.99); p != 99 {
		t.Errorf("p99 = %v", p)
	}
	if p := percentile(nil, 0.5); p != 0 {
		t.Errorf("empty p50 = %v", p)
	}
}
