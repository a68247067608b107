package reload

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"faqbot/content"
	"faqbot/index"
)

// stamped starts a Manager over dir as serve does: with the stamp of the
// files the live content was read from, and a loader that counts its
// reads in loads.
func stamped(t testing.TB, dir string, inStore bool, loads *atomic.Int64) (*index.Live, *Manager) {
	t.Helper()
	ctx := context.Background()
	stamp := func(ctx context.Context) (string, error) { return content.Stamp(ctx, dir, content.Options{}) }
	first, err := stamp(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c, err := content.LoadPath(ctx, dir, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var store *index.Store
	var ix *index.Index
	if inStore {
		if store, err = index.OpenStore(t.TempDir(), "test"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = store.Close() })
		ix, _, err = store.OpenOrBuild(ctx, c.Passages, index.Options{})
	} else {
		ix, err = index.Build(ctx, c.Passages, index.Options{})
	}
	if err != nil {
		t.Fatal(err)
	}
	live := index.NewLive(ix)
	t.Cleanup(func() { _ = live.Close() })
	load := func(ctx context.Context) (*content.Collection, error) {
		loads.Add(1)
		return content.LoadPath(ctx, dir, content.Options{})
	}
	return live, New(live, load, Options{Store: store, Log: quiet, Content: c, Stamp: stamp, ContentStamp: first})
}

// TestReloadUnchangedFilesNotRead checks that a reload of files nobody
// changed since they were last read parses nothing, in memory and in
// INDEX_DIR, while a file touched or changed is read again.
func TestReloadUnchangedFilesNotRead(t *testing.T) {
	for _, tc := range []struct {
		name    string
		inStore bool
	}{{"in memory", false}, {"INDEX_DIR", true}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			writeVersion(t, dir, 1)
			var loads atomic.Int64
			live, m := stamped(t, dir, tc.inStore, &loads)
			answer := func() string {
				t.Helper()
				res, err := live.Search(ctx, "where is the parking")
				if err != nil || len(res.Hits) == 0 {
					t.Fatalf("no answer: %v", err)
				}
				return revision(res.Hits[0].Passage.Text)
			}
			steps := []struct {
				name      string
				change    func()
				loads     int64
				unchanged bool
				revision  string
			}{
				{"files as read at start", func() {}, 0, true, "1"},
				{"a file touched", func() {
					later := time.Now().Add(time.Minute)
					if err := os.Chtimes(filepath.Join(dir, "faq.md"), later, later); err != nil {
						t.Fatal(err)
					}
				}, 1, true, "1"},
				{"files as read by the last reload", func() {}, 1, true, "1"},
				{"a file changed", func() { writeVersion(t, dir, 2) }, 2, false, "2"},
				{"files as read by the last reload, again", func() {}, 2, true, "2"},
			}
			for _, s := range steps {
				s.change()
				rep, err := m.Reload(ctx)
				if err != nil || !rep.Live || rep.Unchanged != s.unchanged {
					t.Fatalf("%s: live %v, unchanged %v, err %v", s.name, rep.Live, rep.Unchanged, err)
				}
				if got := loads.Load(); got != s.loads {
					t.Errorf("%s: the files were read %d times in all, want %d", s.name, got, s.loads)
				}
				if got := answer(); got != s.revision {
					t.Errorf("%s: answered from revision %s, want %s", s.name, got, s.revision)
				}
			}
		})
	}
}

// TestReloadUnchangedFilesKeepTheirProblems checks that content served
// with problems (as serve starts with) still fails a reload with the same
// problems when its files are not read again.
func TestReloadUnchangedFilesKeepTheirProblems(t *testing.T) {
	dir := t.TempDir()
	writeVersion(t, dir, 1)
	if err := os.WriteFile(filepath.Join(dir, "broken.md"), []byte("---\ntitle: [unclosed\n---\n\n## Question\n\nAnswer.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var loads atomic.Int64
	_, m := stamped(t, dir, false, &loads)
	rep, err := m.Reload(context.Background())
	if !errors.Is(err, ErrContent) || rep.Live || rep.ProblemCount != 1 || rep.Problems[0].Where() != "broken.md:2" {
		t.Fatalf("reload of the same broken files: live %v, problems %v, err %v", rep.Live, rep.Problems, err)
	}
	if loads.Load() != 0 {
		t.Errorf("the files were read again")
	}
}
