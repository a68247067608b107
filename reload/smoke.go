package reload

import (
	"context"
	"fmt"
	"strings"

	"faqbot/content"
	"faqbot/index"
)

// smokeSample is how many FAQ questions the smoke check asks at most.
const smokeSample = 200

// smokeCheck asks a new index a spread of its own FAQ questions: each must
// find its own answer (or the same question filed elsewhere) among the
// hits. It catches an index that was built wrong before members see it.
func smokeCheck(ctx context.Context, ix *index.Index) error {
	var faqs []content.Passage
	for _, p := range ix.Passages() {
		if p.Kind == content.KindFAQ && p.ItemID() == p.ID {
			faqs = append(faqs, p)
		}
	}
	step := max(1, len(faqs)/smokeSample)
	var failed []string
	asked := 0
	for i := 0; i < len(faqs); i += step {
		p := faqs[i]
		asked++
		res, err := ix.Search(ctx, p.Question)
		if err != nil {
			return fmt.Errorf("smoke check: %w", err)
		}
		if !finds(res, p) {
			failed = append(failed, fmt.Sprintf("%q (%s)", p.Question, p.Source()))
		}
	}
	// A few misses can be honest (near-duplicate questions); most missing
	// means the index is broken.
	if len(failed) > 0 && len(failed)*10 > asked {
		return fmt.Errorf("smoke check: %d of %d FAQ questions do not find their answer, e.g. %s", len(failed), asked, failed[0])
	}
	return nil
}

func finds(res index.Result, p content.Passage) bool {
	for _, h := range res.Hits {
		if h.Passage.ItemID() == p.ID || strings.EqualFold(h.Passage.Question, p.Question) {
			return true
		}
	}
	return false
}
