package index

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"faqbot/content"
)

// TestSavedAnalysisRoundTrip checks that the analysis read back from disk
// is the analysis that was saved, field for field.
func TestSavedAnalysisRoundTrip(t *testing.T) {
	for _, n := range []int{0, 1, 300} {
		c := corpusOf(t, max(n, 1))
		ps := c.passages[:n]
		ix, err := Build(context.Background(), ps, benchOptions(t))
		if err != nil {
			t.Fatal(err)
		}
		want := ix.corpus
		ix.Close()
		dir := t.TempDir()
		if err := saveCorpus(dir, "fp", want); err != nil {
			t.Fatal(err)
		}
		got, err := loadCorpus(dir, "fp", n)
		if err != nil {
			t.Fatalf("n=%d: %v", n, err)
		}
		if n > 0 && !reflect.DeepEqual(got, want) || len(got.docs) != n {
			t.Errorf("n=%d: the analysis read back differs from the one saved", n)
		}
	}
}

// TestSavedAnalysisRefused checks that an analysis file of other content, of
// another size or damaged is refused, and that opening the index then
// analyses the content again and still answers.
func TestSavedAnalysisRefused(t *testing.T) {
	ps := libraryPassages(t)
	ctx := context.Background()
	ix, err := Build(ctx, ps, Options{Synonyms: librarySynonyms(t)})
	if err != nil {
		t.Fatal(err)
	}
	c := ix.corpus
	ix.Close()
	dir := t.TempDir()
	if err := saveCorpus(dir, "fp", c); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, analysisFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		fp   string
		n    int
		data []byte
	}{
		{"other content", "other", len(ps), raw},
		{"other number of passages", "fp", len(ps) - 1, raw},
		{"cut short", "fp", len(ps), raw[:len(raw)/2]},
		{"empty", "fp", len(ps), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := loadCorpus(dir, tt.fp, tt.n); !errors.Is(err, errNoAnalysis) {
				t.Errorf("loadCorpus: got %v, want errNoAnalysis", err)
			}
		})
	}

	// An index whose analysis file is damaged is still opened, analysed afresh.
	store := testStore(t, t.TempDir())
	opts := Options{Synonyms: librarySynonyms(t)}
	ix, _, err = store.OpenOrBuild(ctx, ps, opts)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if err := os.WriteFile(filepath.Join(ix.Dir(), analysisFile), []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, reused, err := store.OpenOrBuild(ctx, ps, opts)
	if err != nil || !reused {
		t.Fatalf("reopen with a damaged analysis: reused=%v err=%v", reused, err)
	}
	defer ix.Close()
	res, err := ix.Search(ctx, "how do I renew a book")
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Passage.ID != "renew" {
		t.Fatalf("index analysed afresh does not answer: %v %v", err, res.Hits)
	}
}

// TestReusedIndexAnswersAsFresh checks that an index reopened from disk
// with its saved analysis holds the analysis of a fresh build, and gives
// exactly the answers of the same index analysed afresh.
func TestReusedIndexAnswersAsFresh(t *testing.T) {
	c := corpusOf(t, 1000)
	ctx := context.Background()
	store := testStore(t, t.TempDir())
	built, reused, err := store.OpenOrBuild(ctx, c.passages, benchOptions(t))
	if err != nil || reused {
		t.Fatalf("build: reused=%v err=%v", reused, err)
	}
	built.Close()
	ix, reused, err := store.OpenOrBuild(ctx, c.passages, benchOptions(t))
	if err != nil || !reused {
		t.Fatalf("reopen: reused=%v err=%v", reused, err)
	}
	defer ix.Close()
	saved := ix.corpus
	fresh, err := analyse(ctx, ix.analyzer, ix.surface, ix.full, c.passages)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(saved, fresh) {
		t.Fatal("the saved analysis differs from a fresh one")
	}
	qs := c.questions[:min(len(c.questions), 300)]
	for _, q := range qs {
		ix.corpus = saved
		got, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		ix.corpus = fresh
		want, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: with the saved analysis %v (%.4f), analysed afresh %v (%.4f)", q, ids(got.Hits), got.Confidence, ids(want.Hits), want.Confidence)
		}
	}
}

// TestOpenSaved checks that the store gives back the collection saved
// under a stamp, and nothing for another stamp or a damaged file.
func TestOpenSaved(t *testing.T) {
	ctx := context.Background()
	store := testStore(t, t.TempDir())
	c := &content.Collection{Passages: libraryPassages(t), Synonyms: librarySynonyms(t),
		Warnings: []content.Problem{{File: "notes.doc", Msg: "unknown type"}}, Files: 3}
	ix, _, err := store.OpenOrBuild(ctx, c.Passages, Options{Synonyms: c.Synonyms})
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SaveContent(ix, "stamp-1", c); err != nil {
		t.Fatal(err)
	}
	dir := ix.Dir()
	ix.Close()

	got, ix, err := store.OpenSaved(ctx, "stamp-1")
	if err != nil {
		t.Fatal(err)
	}
	if ix.Dir() != dir || !reflect.DeepEqual(got.Warnings, c.Warnings) || got.Files != 3 || len(got.Passages) != len(c.Passages) {
		t.Errorf("saved content read back as %d passages, %v, %d files in %s", len(got.Passages), got.Warnings, got.Files, ix.Dir())
	}
	res, err := ix.Search(ctx, "how do I renew a book")
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Passage.ID != "renew" {
		t.Errorf("index opened from saved content does not answer: %v %v", err, res.Hits)
	}
	ix.Close()

	saved, err := store.SavedContent("stamp-1")
	if err != nil || !reflect.DeepEqual(saved.Passages, c.Passages) || !reflect.DeepEqual(saved.Synonyms, c.Synonyms) ||
		!reflect.DeepEqual(saved.Warnings, c.Warnings) || saved.Files != 3 {
		t.Errorf("SavedContent gives back other content than was saved (err %v)", err)
	}

	if _, _, err := store.OpenSaved(ctx, "stamp-2"); !errors.Is(err, ErrNotSaved) {
		t.Errorf("another stamp: got %v, want ErrNotSaved", err)
	}
	if _, err := store.SavedContent("stamp-2"); !errors.Is(err, ErrNotSaved) {
		t.Errorf("SavedContent of another stamp: got %v, want ErrNotSaved", err)
	}
	if err := os.WriteFile(filepath.Join(dir, contentFile), []byte("damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := store.OpenSaved(ctx, "stamp-1"); !errors.Is(err, ErrNotSaved) {
		t.Errorf("damaged file: got %v, want ErrNotSaved", err)
	}
	if _, err := store.SavedContent("stamp-1"); !errors.Is(err, ErrNotSaved) {
		t.Errorf("SavedContent of a damaged file: got %v, want ErrNotSaved", err)
	}
	other := &Index{dir: t.TempDir()}
	if err := store.SaveContent(other, "stamp-1", c); err == nil {
		t.Error("content saved beside an index outside the store")
	}
}

func TestSavedCollectionRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		c    content.Collection
	}{
		{"empty", content.Collection{}},
		{"passages", content.Collection{
			Passages: []content.Passage{
				{ID: "renew", Kind: content.KindFAQ, Title: "Library", Section: "Loans", Question: "How do I renew?",
					Aliases: []string{"extend a loan", "renew online"}, Text: "At the desk.", URL: "https://example.org/#renew", File: "faq.md", Line: 3},
				{ID: "hours", Kind: content.KindPassage, Title: "Hours", Text: "Nine to five, “every” day. 🕘", File: "hours.md"},
				{ID: "fees", Kind: content.KindFAQ, Question: "Fees?", Aliases: []string{""}, Text: "None."},
			},
			Synonyms: []content.Synonym{{Terms: []string{"renew", "extend"}, File: "synonyms.txt", Line: 1}},
			Problems: []content.Problem{{File: "bad.csv", Line: 2, Msg: "missing answer"}},
			Warnings: []content.Problem{{File: "notes.doc", Msg: "unknown type"}},
			Files:    4,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			e := &encoder{w: bufio.NewWriter(&b)}
			encodeCollection(e, &tt.c)
			if e.err != nil || e.w.Flush() != nil {
				t.Fatal(e.err)
			}
			d := newDecoder(bytes.NewReader(b.Bytes()), int64(b.Len()))
			got := decodeCollection(d)
			if d.err != nil {
				t.Fatal(d.err)
			}
			if len(tt.c.Passages) == 0 {
				got.Passages = nil
			}
			if !reflect.DeepEqual(*got, tt.c) {
				t.Errorf("read back\n%+v\nwant\n%+v", *got, tt.c)
			}
			// Cut short anywhere, it is refused, not misread.
			for _, n := range []int{0, 1, b.Len() / 3, b.Len() - 1} {
				d := newDecoder(bytes.NewReader(b.Bytes()[:n]), int64(n))
				if decodeCollection(d); d.err == nil {
					t.Errorf("cut to %d of %d bytes: no error", n, b.Len())
				}
			}
		})
	}
}
