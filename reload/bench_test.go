package reload

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkReloadUnderLoad reloads 10,000 passages (squad-dev paragraphs,
// repeated) into INDEX_DIR while 4 goroutines query without pause, and
// reports the reload time and the queries that failed (must be 0).
var readers = envInt("READERS", 4)

func BenchmarkReloadUnderLoad(b *testing.B) {
	src := "../../shared/eval/squad-dev/corpus.jsonl"
	if _, err := os.Stat(src); err != nil {
		b.Skipf("needs %s (../shared beside the project)", src)
	}
	const n = 10000
	dir, indexDir := b.TempDir(), b.TempDir()
	writeCorpus(b, src, filepath.Join(dir, "corpus.jsonl"), n, 0)
	live, m := start(b, dir, indexDir)

	ctx, cancel := context.WithCancel(context.Background())
	var failed, queries atomic.Int64
	var wg sync.WaitGroup
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			qs := []string{"Which NFL team represented the AFC at Super Bowl 50?", "What is the capital of Poland?", "Who was Nikola Tesla?", "What is computational complexity theory?"}
			for i := r; ctx.Err() == nil; i++ {
				if res, err := live.Search(context.Background(), qs[i%len(qs)]); err != nil || len(res.Hits) == 0 {
					failed.Add(1)
				}
				queries.Add(1)
			}
		}()
	}
	var total time.Duration
	for i := 0; b.Loop(); i++ {
		writeCorpus(b, src, filepath.Join(dir, "corpus.jsonl"), n, i+1)
		start := time.Now()
		rep, err := m.Reload(context.Background())
		total += time.Since(start)
		if err != nil || !rep.Live || rep.Passages < n {
			b.Fatalf("reload: %+v %v", rep, err)
		}
	}
	cancel()
	wg.Wait()
	b.ReportMetric(total.Seconds()/float64(b.N), "s/reload")
	b.ReportMetric(float64(queries.Load()), "queries")
	b.ReportMetric(float64(failed.Load()), "failed-queries")
}

// BenchmarkReloadUnchanged reloads content whose files nobody changed
// since they were read (SIGHUP out of habit, or a reload asked twice), in
// memory, as serve does: with the stamp of the files.
func BenchmarkReloadUnchanged(b *testing.B) {
	src := "../../shared/eval/squad-dev/corpus.jsonl"
	if _, err := os.Stat(src); err != nil {
		b.Skipf("needs %s (../shared beside the project)", src)
	}
	for _, n := range []int{2000, 10000} {
		b.Run(fmt.Sprintf("passages=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			writeCorpus(b, src, filepath.Join(dir, "corpus.jsonl"), n, 0)
			var loads atomic.Int64
			_, m := stamped(b, dir, false, &loads)
			for b.Loop() {
				if rep, err := m.Reload(context.Background()); err != nil || !rep.Unchanged {
					b.Fatalf("reload: %+v %v", rep, err)
				}
			}
			b.ReportMetric(float64(loads.Load())/float64(b.N), "reads/reload")
		})
	}
}

// writeCorpus writes n passages made from src's paragraphs; version changes
// every text so that each reload really rebuilds.
func writeCorpus(b testing.TB, src, dst string, n, version int) {
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	var recs []map[string]any
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		recs = append(recs, r)
	}
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	for i := range n {
		r := recs[i%len(recs)]
		c := map[string]any{"id": fmt.Sprintf("%s-%d", r["id"], i/len(recs)), "kind": "passage", "title": r["title"], "url": r["url"],
			"text": fmt.Sprintf("%s (revision %d)", r["text"], version)}
		if err := enc.Encode(c); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
}

func envInt(k string, d int) int {
	var v int
	if _, err := fmt.Sscan(os.Getenv(k), &v); err != nil {
		return d
	}
	return v
}
