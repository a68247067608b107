package eval

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"faqbot/config"
	"faqbot/content"
	"faqbot/index"
)

var updateBaseline = flag.Bool("update-baseline", false, "record the current figures as the quality baseline")

// tolerance is how far a figure may fall below the baseline before the
// quality gate fails.
const tolerance = 0.01

// figures are the numbers the quality gate watches for one data set.
type figures struct {
	AccAt1 float64 `json:"acc@1"`
	MRR    float64 `json:"mrr@10"`
	// CorrectShare is answered_correct over answerable queries;
	// WrongShare is answered_wrong over all queries.
	CorrectShare float64 `json:"answered_correct_share"`
	WrongShare   float64 `json:"answered_wrong_share"`
}

func figuresOf(r Report) figures {
	return figures{
		AccAt1:       r.AccAt1,
		MRR:          r.MRRAt10,
		CorrectShare: round(float64(r.AnsweredCorrect) / float64(max(r.Answerable, 1))),
		WrongShare:   round(float64(r.AnsweredWrong) / float64(max(r.Queries, 1))),
	}
}

// TestQuality is the quality gate: it evaluates the data sets with the
// default threshold and fails when ranking or the answered figures fall
// more than 0.01 below what was reached (testdata/baseline.json), or wrong
// answers rise more than 0.01 above it. The ../shared sets are skipped when
// absent; the hand-written FAQ set is always there.
func TestQuality(t *testing.T) {
	if raceEnabled {
		t.Skip("the quality gate runs without -race (see .ci/run): the race detector makes 12,000 searches too slow")
	}
	cfg, err := config.Load(func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatal(err)
	}
	sets := map[string]string{
		"squad-small":   "../../shared/eval/squad-small",
		"squad-open":    "../../shared/eval/squad-open",
		"community-faq": "testdata/community-faq",
	}
	baseline := map[string]figures{}
	raw, err := os.ReadFile("testdata/baseline.json")
	if err == nil {
		err = json.Unmarshal(raw, &baseline)
	}
	if err != nil && !*updateBaseline {
		t.Fatalf("read baseline: %v", err)
	}
	got := map[string]figures{}
	for name, dir := range sets {
		t.Run(name, func(t *testing.T) {
			if _, err := os.Stat(dir); err != nil {
				t.Skipf("%s absent (../shared beside the project): %v", dir, err)
			}
			rep := evaluate(t, dir, cfg.MinConfidence)
			f := figuresOf(rep)
			got[name] = f
			t.Logf("%s: %+v (p50 %.2f ms, p99 %.2f ms)", name, f, rep.P50ms, rep.P99ms)
			b, ok := baseline[name]
			if !ok {
				if !*updateBaseline {
					t.Errorf("no baseline for %s", name)
				}
				return
			}
			if f.AccAt1 < b.AccAt1-tolerance || f.MRR < b.MRR-tolerance {
				t.Errorf("ranking fell: acc@1 %.4f (baseline %.4f), mrr@10 %.4f (baseline %.4f)", f.AccAt1, b.AccAt1, f.MRR, b.MRR)
			}
			if f.CorrectShare < b.CorrectShare-tolerance {
				t.Errorf("answered correctly %.4f of answerable, baseline %.4f", f.CorrectShare, b.CorrectShare)
			}
			if f.WrongShare > b.WrongShare+tolerance {
				t.Errorf("answered wrongly %.4f of all, baseline %.4f", f.WrongShare, b.WrongShare)
			}
		})
	}
	if *updateBaseline {
		out, _ := json.MarshalIndent(got, "", "  ")
		if err := os.WriteFile("testdata/baseline.json", append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func evaluate(t *testing.T, dir string, threshold float64) Report {
	t.Helper()
	c, err := content.LoadPath(context.Background(), filepath.Join(dir, "corpus.jsonl"), content.Options{})
	if err != nil || c.Err() != nil {
		t.Fatalf("load corpus: %v %v", err, c.Err())
	}
	ix, err := index.Build(context.Background(), c.Passages, index.Options{Synonyms: c.Synonyms})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	f, err := os.Open(filepath.Join(dir, "queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	qs, err := ReadQueries(f, "queries.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), ix, qs, index.Policy{MinConfidence: threshold}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}
