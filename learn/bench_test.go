package learn

import (
	"fmt"
	"testing"

	"faqbot/content"
	"faqbot/feedback"
)

// BenchmarkApply adds accepted phrasings to content before every build.
func BenchmarkApply(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprintf("passages=%d/phrasings=%d", n, feedback.MaxLearned), func(b *testing.B) {
			ps := make([]content.Passage, n)
			for i := range ps {
				ps[i] = content.Passage{ID: fmt.Sprintf("faq.md#q%d", i), Kind: content.KindFAQ, Question: fmt.Sprintf("How do I do thing %d?", i)}
			}
			acc := make([]feedback.Phrasing, feedback.MaxLearned)
			for i := range acc {
				acc[i] = feedback.Phrasing{PassageID: ps[i%n].ID, Text: fmt.Sprintf("thing %d how", i)}
			}
			b.ReportAllocs()
			for b.Loop() {
				if a := Apply(ps, acc); a.Added != len(acc) {
					b.Fatalf("added %d", a.Added)
				}
			}
		})
	}
}
