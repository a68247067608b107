package index

import (
	"context"
	"os"
	"strings"
	"testing"

	"faqbot/content"
	"faqbot/data"
)

func TestDebugSignals(t *testing.T) {
	qs := os.Getenv("DEBUGQ")
	if qs == "" {
		t.Skip()
	}
	c, _ := content.Load(data.FS, "data", content.Options{})
	ix, err := Build(context.Background(), c.Passages, Options{Synonyms: c.Synonyms, MinConfidence: 0.65})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range strings.Split(qs, "|") {
		res, x, _ := ix.search(context.Background(), q, 4)
		top := ""
		if len(res.Hits) > 0 {
			top = res.Hits[0].Passage.Question
		}
		t.Logf("%q conf=%.3f corr=%v top=%q\n  x=%.2f", q, res.Confidence, res.Corrections, top, x)
	}
}
