package feedback

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// BenchmarkRecordUnanswered records questions into an empty store and into
// one at MaxUnanswered, where every record also drops the oldest. The disk
// store syncs each record to disk, so its numbers are the file system's.
func BenchmarkRecordUnanswered(b *testing.B) {
	for _, mode := range []string{"memory", "disk"} {
		for _, stored := range []int{0, MaxUnanswered} {
			b.Run(fmt.Sprintf("mode=%s/stored=%d", mode, stored), func(b *testing.B) {
				dir := ""
				if mode == "disk" {
					dir = b.TempDir()
				}
				clock := newClock()
				s := openStore(b, dir, 24*time.Hour, clock, defaultLimits())
				fill(b, s, stored)
				ctx := context.Background()
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					clock.Advance(time.Millisecond)
					if err := s.RecordUnanswered(ctx, fmt.Sprintf("How do I set up thing number %d?", i%500), "faq.md#setup"); err != nil {
						b.Fatal(err)
					}
					i++
				}
			})
		}
	}
}

// fill stores n questions, a millisecond apart before the clock's time, in
// one transaction.
func fill(b *testing.B, s *Store, n int) {
	b.Helper()
	now := s.now()
	err := s.update(func(bk buckets) error {
		for i := range n {
			v, err := json.Marshal(unansweredRecord{Q: fmt.Sprintf("Filler question %d?", i)})
			if err != nil {
				return err
			}
			seq, err := bk.unanswered.NextSequence()
			if err != nil {
				return err
			}
			if err := bk.unanswered.Put(timeKey(now.Add(time.Duration(i-n)*time.Millisecond), seq), v); err != nil {
				return err
			}
		}
		return addCount(bk.meta, metaNumUnanswered, n)
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRecordChoice records members' choices into a store holding
// stored choices already (the click path of a "did you mean" button).
func BenchmarkRecordChoice(b *testing.B) {
	for _, stored := range []int{0, 10_000} {
		b.Run(fmt.Sprintf("stored=%d", stored), func(b *testing.B) {
			clock := newClock()
			s := openStore(b, "", 24*time.Hour, clock, defaultLimits())
			ctx := context.Background()
			for i := range stored {
				if _, err := s.RecordChoice(ctx, fmt.Sprintf("question number %d", i%500), fmt.Sprintf("faq.md#p%d", i%50), voter(fmt.Sprint(i))); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				clock.Advance(time.Millisecond)
				if _, err := s.RecordChoice(ctx, fmt.Sprintf("question number %d", i%500), "faq.md#p1", voter(fmt.Sprint("m", i))); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
