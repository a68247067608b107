package main

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strings"
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
			slices.Sort(lat)
			ms := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
			b.ReportMetric(ms(0.50), "p50-ms")
			b.ReportMetric(ms(0.99), "p99-ms")
		})
	}
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
