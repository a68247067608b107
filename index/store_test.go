package index

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"faqbot/content"
	"faqbot/internal/dirlock"
)

// testStore owns root until the test ends.
func testStore(t testing.TB, root string) *Store {
	t.Helper()
	s, err := OpenStore(root, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestOpenOrBuildReusesUnchangedContent(t *testing.T) {
	root := t.TempDir()
	store := testStore(t, root)
	ps := libraryPassages(t)
	opts := Options{Synonyms: librarySynonyms(t)}
	ctx := context.Background()

	ix, reused, err := store.OpenOrBuild(ctx, ps, opts)
	if err != nil || reused {
		t.Fatalf("first build: reused=%v err=%v", reused, err)
	}
	dir := ix.Dir()
	ix.Close()

	// A build that crashed half-way leaves a directory that must be ignored.
	if err := os.MkdirAll(filepath.Join(root, "abc-123"+buildingSuffix), 0o755); err != nil {
		t.Fatal(err)
	}
	ix, reused, err = store.OpenOrBuild(ctx, ps, opts)
	if err != nil || !reused || ix.Dir() != dir {
		t.Fatalf("second open: reused=%v dir=%s (first %s) err=%v", reused, ix.Dir(), dir, err)
	}
	res, err := ix.Search(ctx, "how do I renew a book")
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Passage.ID != "renew" {
		t.Fatalf("reused index does not answer: %v %v", err, res.Hits)
	}
	ix.Close()

	changed := append([]content.Passage(nil), ps...)
	changed[0].Text += " Replacement cards cost two dollars."
	ix, reused, err = store.OpenOrBuild(ctx, changed, opts)
	if err != nil || reused || ix.Dir() == dir {
		t.Fatalf("changed content: reused=%v dir=%s err=%v", reused, ix.Dir(), err)
	}
	if err := store.Prune(ix.Dir()); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	entries, _ := os.ReadDir(root)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(entries) != 2 || entries[0].Name() != lockName || filepath.Join(root, entries[1].Name()) != ix.Dir() {
		t.Errorf("after prune: %v, want the lock file and %s", names, ix.Dir())
	}
}

// TestOpenOrBuildRebuildsADamagedIndex: an index whose Bleve metadata is
// damaged is rebuilt in its place, answers, and the rebuild is told to the
// caller's log.
func TestOpenOrBuildRebuildsADamagedIndex(t *testing.T) {
	store := testStore(t, t.TempDir())
	ps := libraryPassages(t)
	var log bytes.Buffer
	opts := Options{Log: slog.New(slog.NewTextHandler(&log, nil))}
	ctx := context.Background()
	ix, _, err := store.OpenOrBuild(ctx, ps, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := ix.Dir()
	ix.Close()
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{damaged"), 0o644); err != nil {
		t.Fatal(err)
	}
	ix, reused, err := store.OpenOrBuild(ctx, ps, opts)
	if err != nil || reused || ix.Dir() != dir {
		t.Fatalf("damaged index: reused=%v dir=%s (was %s) err=%v", reused, ix.Dir(), dir, err)
	}
	defer ix.Close()
	if res, err := ix.Search(ctx, "how do I renew a book"); err != nil || len(res.Hits) == 0 || res.Hits[0].Passage.ID != "renew" {
		t.Errorf("rebuilt index does not answer: %v %v", err, res.Hits)
	}
	if !strings.Contains(log.String(), "index unusable, rebuilding") {
		t.Errorf("rebuild not logged to the caller's log:\n%s", log.String())
	}
}

// TestStoreHasOneOwner opens a store that is owned already (in this
// process, which flock treats like another one): it is refused at once,
// naming the owner, and nothing in it is touched.
func TestStoreHasOneOwner(t *testing.T) {
	root := t.TempDir()
	owner := testStore(t, root)
	ix, _, err := owner.OpenOrBuild(context.Background(), libraryPassages(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	_, err = OpenStore(root, "ask")
	var held *dirlock.HeldError
	if !errors.As(err, &held) || held.Holder.Command != "test" || held.Holder.PID != os.Getpid() {
		t.Fatalf("second OpenStore = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := WaitStore(ctx, root, "serve", nil); !errors.As(err, &held) {
		t.Errorf("WaitStore with an ended context = %v", err)
	}
	if _, err := os.Stat(ix.Dir()); err != nil {
		t.Errorf("the owner's index is gone: %v", err)
	}
}

func TestStoreRemovesOnlyItsOwn(t *testing.T) {
	root, other := t.TempDir(), t.TempDir()
	store := testStore(t, root)
	for _, dir := range []string{"", other, filepath.Join(root, "..")} {
		if err := store.Remove(&Index{dir: dir}); err != nil {
			t.Errorf("Remove(%q) = %v", dir, err)
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("Remove deleted a directory outside the store: %v", err)
	}
	inside := filepath.Join(root, "0123456789abcdef")
	if err := os.Mkdir(inside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := store.Remove(&Index{dir: inside}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(inside); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("index directory not removed: %v", err)
	}
}
