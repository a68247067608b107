package bot

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"faqbot/content"
	"faqbot/index"
)

// BenchmarkSearchConcurrent asks the bot's search path (gate, search,
// policy) questions from squad-dev, 64 per iteration in rounds of
// concurrent=N at once, with the gate at one search per core and without
// it. It reports the latency a member sees (waiting for a slot included)
// and the search's own time: unbounded, concurrent searches on few cores
// slow each other down; bounded, each runs at full speed and the rest wait
// their turn. Run with -benchtime 20x.
func BenchmarkSearchConcurrent(b *testing.B) {
	corpus, queries := "../../shared/eval/squad-dev/corpus.jsonl", "../../shared/eval/squad-dev/queries.jsonl"
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("needs %s (../shared beside the project)", corpus)
	}
	c, err := content.LoadPath(context.Background(), corpus, content.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	ix, err := index.Build(ctx, c.Passages, index.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = ix.Close() })
	qs := benchQuestions(b, queries)
	for _, q := range qs[:50] { // warm up
		if _, err := ix.Search(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	const perIteration = 64
	next := 0
	for _, g := range []struct {
		name  string
		slots int
	}{{"gate=cores", 0}, {"gate=off", 1 << 16}} {
		for _, n := range []int{1, 2, 8, 64} {
			b.Run(fmt.Sprintf("%s/concurrent=%d", g.name, n), func(b *testing.B) {
				timed := &timedAnswers{answerer: ix}
				bot := New(nil, Deps{Answers: timed, Log: slog.New(slog.DiscardHandler)},
					Config{SearchConcurrency: g.slots, MinConfidence: index.DefaultMinConfidence})
				var mu sync.Mutex
				var lat []time.Duration
				cpu := cpuTime()
				for b.Loop() {
					for round := 0; round < perIteration/n; round++ {
						var wg sync.WaitGroup
						for range n {
							q := question{via: viaSlash, text: qs[next%len(qs)]}
							next++
							wg.Add(1)
							start := time.Now() // the question arrives: waiting to run counts
							go func() {
								defer wg.Done()
								if _, err := bot.search(ctx, q); err != nil {
									b.Error(err)
								}
								d := time.Since(start)
								mu.Lock()
								lat = append(lat, d)
								mu.Unlock()
							}()
						}
						wg.Wait()
					}
				}
				b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(len(lat)), "cpu-ms/question")
				report(b, lat, "")
				report(b, timed.took, "search-")
			})
		}
	}
}

// timedAnswers times each search.
type timedAnswers struct {
	answerer
	mu   sync.Mutex
	took []time.Duration
}

func (t *timedAnswers) Search(ctx context.Context, q string) (index.Result, error) {
	start := time.Now()
	res, err := t.answerer.Search(ctx, q)
	d := time.Since(start)
	t.mu.Lock()
	t.took = append(t.took, d)
	t.mu.Unlock()
	return res, err
}

// cpuTime is the CPU time the process has used: unlike latency, it does
// not depend on what else the machine runs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// report reports the median and 99th percentile of lat in ms.
func report(b *testing.B, lat []time.Duration, prefix string) {
	slices.Sort(lat)
	ms := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.50), prefix+"p50-ms")
	b.ReportMetric(ms(0.99), prefix+"p99-ms")
}

func benchQuestions(b *testing.B, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q struct{ Query string }
		if json.Unmarshal(sc.Bytes(), &q) == nil && q.Query != "" {
			out = append(out, q.Query)
		}
	}
	return out
}
