// Command relatedgen turns WordNet (Princeton WordNet 3.0, as Debian's
// wordnet-base installs it) into index/related.txt.gz: for every English
// word stem, the stems of the words WordNet relates to it most directly
// (synonyms in its commonest senses, and derivationally related forms
// such as "define" and "definition"), all stemmed with the index's
// analyser. Run it from the module root:
//
//	apt-get install wordnet-base
//	go run ./index/internal/relatedgen -wordnet /usr/share/wordnet -out index/related.txt.gz
package main

import (
	"bufio"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/registry"
)

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet database directory")
	out := flag.String("out", "index/related.txt.gz", "file to write")
	senses := flag.Int("senses", 2, "how many of a word's commonest senses to take per part of speech")
	flag.Parse()
	if err := run(*dir, *out, *senses); err != nil {
		fmt.Fprintln(os.Stderr, "relatedgen:", err)
		os.Exit(1)
	}
}

// synset is one WordNet synset: its words and its lexical derivation
// pointers.
type synset struct {
	words []string
	deriv []pointer
}

// pointer is a derivation link from word Source of a synset (1-based) to
// word Target of another.
type pointer struct {
	source, target int
	to             string // pos + offset of the target synset
}

func run(dir, out string, senses int) error {
	cache := registry.NewCache()
	analyzer, err := cache.AnalyzerNamed(en.AnalyzerName)
	if err != nil {
		return err
	}
	stem := func(word string) string {
		toks := analyzer.Analyze([]byte(strings.ReplaceAll(word, "_", " ")))
		if len(toks) != 1 {
			return ""
		}
		return string(toks[0].Term)
	}
	synsets := map[string]*synset{}
	related := map[string]map[string]bool{}
	add := func(a, b string) {
		a, b = stem(a), stem(b)
		if a == "" || b == "" || a == b {
			return
		}
		if related[a] == nil {
			related[a] = map[string]bool{}
		}
		related[a][b] = true
	}
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		if err := readData(filepath.Join(dir, "data."+pos), synsets); err != nil {
			return err
		}
	}
	for _, pos := range []string{"noun", "verb", "adj", "adv"} {
		err := eachLine(filepath.Join(dir, "index."+pos), func(f []string) error {
			if len(f) < 6 || strings.Contains(f[0], "_") {
				return nil
			}
			word, code := f[0], f[1]
			nPtr, err := strconv.Atoi(f[3])
			if err != nil {
				return err
			}
			offsets := f[4+nPtr+2:]
			for _, off := range offsets[:min(senses, len(offsets))] {
				s := synsets[code+off]
				if s == nil {
					continue
				}
				self := 0
				for i, w := range s.words {
					if strings.EqualFold(w, word) {
						self = i + 1
					}
					add(word, w)
				}
				for _, p := range s.deriv {
					if p.source != self {
						continue
					}
					if t := synsets[p.to]; t != nil && p.target <= len(t.words) {
						add(word, t.words[p.target-1])
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	// Relations go both ways.
	for a, bs := range related {
		for b := range bs {
			if related[b] == nil {
				related[b] = map[string]bool{}
			}
			related[b][a] = true
		}
	}
	keys := make([]string, 0, len(related))
	for k := range related {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	w := bufio.NewWriter(zw)
	for _, k := range keys {
		rel := make([]string, 0, len(related[k]))
		for r := range related[k] {
			rel = append(rel, r)
		}
		slices.Sort(rel)
		fmt.Fprintf(w, "%s %s\n", k, strings.Join(rel, " "))
	}
	return errors.Join(w.Flush(), zw.Close(), f.Close())
}

// readData reads a data.pos file into synsets, keyed by pos letter and
// offset.
func readData(path string, synsets map[string]*synset) error {
	return eachLine(path, func(f []string) error {
		if len(f) < 4 {
			return nil
		}
		code := f[2]
		if code == "s" {
			code = "a" // adjective satellites are found through "a" in the index
		}
		n, err := strconv.ParseInt(f[3], 16, 32)
		if err != nil {
			return err
		}
		s := &synset{}
		k := 4
		for i := 0; i < int(n); i++ {
			w := f[k]
			if j := strings.IndexByte(w, '('); j > 0 { // adjective markers: "big(a)"
				w = w[:j]
			}
			s.words = append(s.words, strings.ToLower(w))
			k += 2
		}
		nPtr, err := strconv.Atoi(f[k])
		if err != nil {
			return err
		}
		k++
		for i := 0; i < nPtr; i++ {
			sym, off, pos, st := f[k], f[k+1], f[k+2], f[k+3]
			k += 4
			if sym != "+" {
				continue
			}
			if pos == "s" {
				pos = "a"
			}
			src, _ := strconv.ParseInt(st[:2], 16, 32)
			dst, _ := strconv.ParseInt(st[2:], 16, 32)
			s.deriv = append(s.deriv, pointer{source: int(src), target: int(dst), to: pos + off})
		}
		synsets[code+f[0]] = s
		return nil
	})
}

// eachLine calls fn with the fields of every line of a WordNet file that is
// not part of the licence header (lines starting with two spaces).
func eachLine(path string, fn func([]string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue
		}
		if err := fn(strings.Fields(line)); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return sc.Err()
}
