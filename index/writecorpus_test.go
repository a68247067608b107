package index

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"faqbot/content"
)

// The content of the 100,000-passage figures of README's Speed section is
// the benchmarks' own (squadCorpusOf), written out for faqbot eval:
//
//	go test ./index -run '^TestWriteCorpus$' -write-corpus /tmp/squad-100k -corpus-size 100000
//	faqbot eval -content /tmp/squad-100k/corpus -queries /tmp/squad-100k/queries.jsonl
//
// The passages go into files of corpusFilePassages each, in order, since
// one content file may hold at most 10 MiB.
var (
	writeCorpusDir = flag.String("write-corpus", "", "with -run TestWriteCorpus: write the benchmark corpus (squad-dev repeated to -corpus-size passages) to DIR/corpus/*.jsonl and a fixed sample of squad-dev's questions to DIR/queries.jsonl")
	corpusSize     = flag.Int("corpus-size", 100000, "passages in the corpus -write-corpus writes")
	corpusQueries  = flag.Int("corpus-queries", 2000, "questions -write-corpus writes")
)

// corpusFilePassages is how many passages -write-corpus puts in one file:
// about 5 MB of squad-dev's paragraphs.
const corpusFilePassages = 5000

// TestWriteCorpus writes the benchmark corpus for faqbot eval when asked
// to (-write-corpus DIR), and checks that it reads back as written.
func TestWriteCorpus(t *testing.T) {
	if *writeCorpusDir == "" {
		t.Skip("writes the benchmark corpus only with -write-corpus DIR")
	}
	if _, err := os.Stat(squadCorpus); err != nil {
		t.Fatalf("the corpus is made from squad-dev: %v", err)
	}
	c := squadCorpusOf(t, *corpusSize)
	if err := os.MkdirAll(*writeCorpusDir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(*writeCorpusDir, "corpus")
	if err := os.RemoveAll(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	size := 0
	for k := 0; k*corpusFilePassages < len(c.passages); k++ {
		var buf bytes.Buffer
		if err := content.WriteJSONL(&buf, c.passages[k*corpusFilePassages:min((k+1)*corpusFilePassages, len(c.passages))]); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(path, fmt.Sprintf("part-%04d.jsonl", k)), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		size += buf.Len()
	}
	if err := os.WriteFile(filepath.Join(*writeCorpusDir, "queries.jsonl"), sampleLines(t, squadQueries, *corpusQueries), 0o644); err != nil {
		t.Fatal(err)
	}
	back, err := content.LoadPath(t.Context(), path, content.Options{})
	if err != nil || back.Err() != nil {
		t.Fatalf("read back %s: %v %v", path, err, back.Err())
	}
	if got, want := Fingerprint(back.Passages, nil), Fingerprint(c.passages, nil); got != want {
		t.Fatalf("%s reads back as other passages (%d read, %d written)", path, len(back.Passages), len(c.passages))
	}
	t.Logf("wrote %d passages (%.1f MB) to %s", len(c.passages), float64(size)/(1<<20), path)
}

// sampleLines is n lines of the file at path in a fixed random order.
func sampleLines(t *testing.T, path string, n int) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]byte
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, append(bytes.Clone(sc.Bytes()), '\n'))
	}
	r := rand.New(rand.NewPCG(corpusSeed, 3))
	r.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	return bytes.Join(lines[:min(n, len(lines))], nil)
}
