package index

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/index/scorch"
)

// The benchmarks run at these corpus sizes (see corpusOf for the text).
// The reported numbers come from
//
//	go test ./index -run XXX -bench '^BenchmarkBuild$/.*/passages=(1000|10000)$' -benchtime=5x
//	go test ./index -run XXX -bench '^BenchmarkBuild$/.*/passages=100000$' -benchtime=1x
//	go test ./index -run XXX -bench '^Benchmark(Search|Suggest)$' -benchtime=2000x -benchmem
//	go test ./index -run XXX -bench '^BenchmarkOpenOrBuild$' -benchtime=10x
//
// on an otherwise idle machine (other processes easily double the times on
// two cores). Add -v to BenchmarkSearch to log the slowest questions. Heap
// figures are those of a process that holds one corpus and its index (see
// corpusOf); peak-rss-MB is the whole test process's peak so far, so run
// one size at a time for a size's own figure.
var benchSizes = []int{1000, 10000, 100000}

func benchOptions(tb testing.TB) Options {
	return Options{Synonyms: benchSynonyms(tb)}
}

// BenchmarkBuild builds the index on disk (as with INDEX_DIR) and in memory
// (INDEX_DIR unset), reporting passages per second and the peak heap while
// building.
func BenchmarkBuild(b *testing.B) {
	for _, where := range []string{"disk", "mem"} {
		for _, n := range benchSizes {
			b.Run(fmt.Sprintf("%s/passages=%d", where, n), func(b *testing.B) {
				c := corpusOf(b, n)
				opts := benchOptions(b)
				root := b.TempDir()
				ctx := context.Background()
				base := liveHeap()
				peak := watchHeap()
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					if where == "disk" {
						opts.Dir = filepath.Join(root, strconv.Itoa(i))
						i++
					}
					ix, err := Build(ctx, c.passages, opts)
					if err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					if err := ix.Close(); err != nil {
						b.Fatal(err)
					}
					if opts.Dir != "" {
						_ = os.RemoveAll(opts.Dir)
					}
					runtime.GC()
					b.StartTimer()
				}
				top := peak.stop()
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "passages/s")
				b.ReportMetric(mb(c.heapBytes+top-min(top, base)), "peak-heap-MB")
			})
		}
	}
}

// BenchmarkSearch asks a fixed rotating list of questions, one at a time,
// of an index in memory and of one reopened from disk, reporting latency
// percentiles, the heap in use while serving, and the share of questions
// answered (a check that the corpus is searched as intended).
func BenchmarkSearch(b *testing.B) {
	for _, where := range []string{"mem", "disk"} {
		for _, n := range benchSizes {
			b.Run(fmt.Sprintf("%s/passages=%d", where, n), func(b *testing.B) {
				c := corpusOf(b, n)
				var ix *Index
				var heap uint64
				if where == "mem" {
					ix, heap = memIndex(b, c)
				} else {
					ix, heap = diskIndex(b, c)
				}
				ctx := context.Background()
				qs := c.questions
				for _, q := range qs[len(qs)-min(len(qs), 20):] { // warm up
					if _, err := ix.Search(ctx, q); err != nil {
						b.Fatal(err)
					}
				}
				segs := segmentCount(b, ix)
				lat := make([]time.Duration, 0, 1<<14)
				answered := 0
				b.ReportAllocs()
				for b.Loop() {
					q := qs[len(lat)%len(qs)]
					start := time.Now()
					res, err := ix.Search(ctx, q)
					lat = append(lat, time.Since(start))
					if err != nil {
						b.Fatal(err)
					}
					if (Policy{MinConfidence: DefaultMinConfidence}).Apply(res).Answered {
						answered++
					}
				}
				reportLatency(b, lat)
				if testing.Verbose() {
					logSlowest(b, lat, qs, 5)
				}
				b.ReportMetric(mb(c.heapBytes+heap), "heap-MB")
				b.ReportMetric(mb(c.heapBytes), "corpus-MB")
				b.ReportMetric(100*float64(answered)/float64(len(lat)), "answered-%")
				b.ReportMetric(float64(segs), "segments")
				if rss := peakRSS(); rss > 0 {
					b.ReportMetric(mb(rss), "peak-rss-MB")
				}
				if end := segmentCount(b, ix); end != segs {
					b.Logf("segments: %d when searching began, %d at the end (background merging)", segs, end)
				}
			})
		}
	}
}

// BenchmarkSuggest completes partly typed questions and titles, as Discord
// autocomplete asks while a member types.
func BenchmarkSuggest(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("passages=%d", n), func(b *testing.B) {
			c := corpusOf(b, n)
			ix, _ := memIndex(b, c)
			in := c.partial
			lat := make([]time.Duration, 0, 1<<16)
			found := 0
			b.ReportAllocs()
			for b.Loop() {
				start := time.Now()
				got := ix.Suggest(in[len(lat)%len(in)], MaxSuggestions)
				lat = append(lat, time.Since(start))
				if len(got) > 0 {
					found++
				}
			}
			reportLatency(b, lat)
			b.ReportMetric(float64(len(ix.suggestions().items)), "suggestions")
			b.ReportMetric(100*float64(found)/float64(len(lat)), "found-%")
		})
	}
}

// BenchmarkOpenOrBuild measures a restart with unchanged content: the
// index in INDEX_DIR is checked against the content and reused.
func BenchmarkOpenOrBuild(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("reuse/passages=%d", n), func(b *testing.B) {
			c := corpusOf(b, n)
			opts := benchOptions(b)
			store := testStore(b, b.TempDir())
			ctx := context.Background()
			ix, _, err := store.OpenOrBuild(ctx, c.passages, opts)
			if err != nil {
				b.Fatal(err)
			}
			if err := ix.Close(); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				ix, reused, err := store.OpenOrBuild(ctx, c.passages, opts)
				if err != nil || !reused {
					b.Fatalf("reopen: reused=%v err=%v", reused, err)
				}
				b.StopTimer()
				if err := ix.Close(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}

// memIndex builds an index in memory (INDEX_DIR unset) and returns it with
// the heap it holds; it is closed when b ends.
func memIndex(b *testing.B, c *benchCorpus) (*Index, uint64) {
	b.Helper()
	before := liveHeap()
	ix, err := Build(context.Background(), c.passages, benchOptions(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = ix.Close() })
	after := liveHeap()
	return ix, after - min(after, before)
}

// diskIndex builds an index the way INDEX_DIR does (build, close, reopen)
// and returns it with the heap it holds; it is closed when b ends.
func diskIndex(b *testing.B, c *benchCorpus) (*Index, uint64) {
	b.Helper()
	store := testStore(b, b.TempDir())
	before := liveHeap()
	ix, _, err := store.OpenOrBuild(context.Background(), c.passages, benchOptions(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = ix.Close() })
	after := liveHeap()
	return ix, after - min(after, before)
}

// segmentCount is the number of segments of the index's current snapshot:
// every term lookup visits each one.
func segmentCount(b *testing.B, ix *Index) int {
	b.Helper()
	adv, err := ix.bleve.Advanced()
	if err != nil {
		b.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	type segmented interface {
		Segments() []*scorch.SegmentSnapshot
	}
	if s, ok := r.(segmented); ok {
		return len(s.Segments())
	}
	return -1
}

// reportLatency reports the median, 99th percentile and worst of lat.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	at := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.999999) - 1
		return s[min(max(i, 0), len(s)-1)]
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(at(0.50)), "p50-ms")
	b.ReportMetric(ms(at(0.99)), "p99-ms")
	b.ReportMetric(ms(s[len(s)-1]), "max-ms")
}

// logSlowest logs the n slowest questions (question i of the loop was
// qs[i%len(qs)]).
func logSlowest(b *testing.B, lat []time.Duration, qs []string, n int) {
	idx := make([]int, len(lat))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(i, j int) int { return cmp.Compare(lat[j], lat[i]) })
	for _, i := range idx[:min(n, len(idx))] {
		b.Logf("%v %q", lat[i].Round(time.Microsecond), qs[i%len(qs)])
	}
}

// heapObjects is the runtime metric equal to MemStats.HeapAlloc: live and
// not yet swept objects. Reading it does not stop the world.
const heapObjects = "/memory/classes/heap/objects:bytes"

// liveHeap is the heap in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: heapObjects}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// heapWatch samples the heap every 5ms and keeps the highest value.
type heapWatch struct {
	done chan struct{}
	peak chan uint64
}

func watchHeap() *heapWatch {
	h := &heapWatch{done: make(chan struct{}), peak: make(chan uint64)}
	go func() {
		s := []metrics.Sample{{Name: heapObjects}}
		t := time.NewTicker(5 * time.Millisecond)
		defer t.Stop()
		var peak uint64
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-h.done:
				h.peak <- peak
				return
			case <-t.C:
			}
		}
	}()
	return h
}

// stop ends the sampling and returns the peak.
func (h *heapWatch) stop() uint64 {
	close(h.done)
	return <-h.peak
}

func mb(bytes uint64) float64 { return float64(bytes) / (1 << 20) }
