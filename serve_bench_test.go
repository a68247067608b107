package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"faqbot/internal/fakediscord"
)

// BenchmarkServeLatency measures the bot from event in to response out:
// the fake Discord dispatches an autocomplete or /ask interaction over the
// gateway and times until the bot's callback arrives, on squad-dev content
// (2,067 paragraphs) when ../shared is there. Run with -benchtime 1000x.
func BenchmarkServeLatency(b *testing.B) {
	corpus, queries := "../shared/eval/squad-dev/corpus.jsonl", "../shared/eval/squad-dev/queries.jsonl"
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("needs %s (../shared beside the project)", corpus)
	}
	qs := readQuestions(b, queries)
	s := startServe(b, map[string]string{"CONTENT_DIR": corpus, "LOG_LEVEL": "warn"})
	for _, kind := range []string{"autocomplete", "ask"} {
		b.Run(kind, func(b *testing.B) {
			var lat []time.Duration
			for i := 0; b.Loop(); i++ {
				q := qs[i%len(qs)]
				in := fakediscord.Interaction{ID: nextID(), Name: "ask", UserID: "3000000000000" + nextID()[12:]}
				var payload map[string]any
				if kind == "autocomplete" {
					words := strings.Fields(q)
					typed := strings.Join(words[:min(len(words), 1+i%3)], " ")
					in.Options = []fakediscord.CommandOption{{Name: "question", Value: typed, Focused: true}}
					payload = s.fake.Autocomplete(in)
				} else {
					in.Options = []fakediscord.CommandOption{{Name: "question", Value: q}}
					payload = s.fake.SlashCommand(in)
				}
				start := time.Now()
				s.fake.Dispatch(b, "INTERACTION_CREATE", payload)
				s.callback(b, in.ID)
				lat = append(lat, time.Since(start))
				if i%200 == 199 {
					s.fake.ClearRequests()
				}
			}
			reportPercentiles(b, lat)
		})
	}
}

// BenchmarkServeConcurrent measures the bot from event to reply while
// several members ask at once: each iteration sends 64 /ask questions from
// 64 members, in rounds of concurrent=N dispatched together, and times each
// from its dispatch to its response arriving at the fake Discord. The
// questions come from squad-dev (every one a distinct search on 2,067
// paragraphs); REPEAT_WINDOW is off, so each is answered in full. Run with
// -benchtime 20x. The fake Discord shares the machine's cores with the bot.
func BenchmarkServeConcurrent(b *testing.B) {
	corpus, queries := "../shared/eval/squad-dev/corpus.jsonl", "../shared/eval/squad-dev/queries.jsonl"
	if _, err := os.Stat(corpus); err != nil {
		b.Skipf("needs %s (../shared beside the project)", corpus)
	}
	qs := readQuestions(b, queries)
	s := startServe(b, map[string]string{"CONTENT_DIR": corpus, "LOG_LEVEL": "warn", "REPEAT_WINDOW": "0s"})
	const perIteration = 64
	next := 0
	for _, n := range []int{1, 2, 8, 64} {
		b.Run(fmt.Sprintf("concurrent=%d", n), func(b *testing.B) {
			var lat []time.Duration
			cpu := cpuTime()
			for b.Loop() {
				for round := 0; round < perIteration/n; round++ {
					ids := make([]string, n)
					starts := make([]time.Time, n)
					for k := range n {
						ids[k] = nextID()
						in := fakediscord.Interaction{ID: ids[k], Name: "ask", UserID: "32" + ids[k][2:], Options: []fakediscord.CommandOption{{Name: "question", Value: qs[next%len(qs)]}}}
						next++
						payload := s.fake.SlashCommand(in)
						starts[k] = time.Now()
						s.fake.Dispatch(b, "INTERACTION_CREATE", payload)
					}
					for k, id := range ids {
						lat = append(lat, s.callback(b, id).At.Sub(starts[k]))
					}
				}
				s.fake.ClearRequests()
			}
			// CPU time does not depend on what else the machine runs: with C
			// cores, a burst of N questions cannot finish before N·cpu/C.
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(len(lat)), "cpu-ms/question")
			reportPercentiles(b, lat)
		})
	}
}

// cpuTime is the CPU time the test process (bot and fake Discord) has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportPercentiles reports the median and 99th percentile of lat in ms.
func reportPercentiles(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	ms := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(ms(0.50), "p50-ms")
	b.ReportMetric(ms(0.99), "p99-ms")
}

func readQuestions(b testing.TB, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q struct{ Query string }
		if err := json.Unmarshal(sc.Bytes(), &q); err == nil && q.Query != "" {
			out = append(out, q.Query)
		}
	}
	return out
}
