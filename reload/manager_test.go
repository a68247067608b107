package reload

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"faqbot/content"
	"faqbot/index"
)

// writeVersion writes a content tree whose every answer names version v,
// so a search result shows which content it came from.
func writeVersion(t testing.TB, dir string, v int) {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("---\ntitle: Test FAQ\nkind: faq\n---\n\n")
	topics := []string{"parking", "lockers", "coffee", "printing", "badges", "showers"}
	for _, topic := range topics {
		fmt.Fprintf(&sb, "## Where is the %s?\n\nThe %s guide is at revision%d of the handbook, see the %s desk.\n\n", topic, topic, v, topic)
	}
	if err := os.WriteFile(filepath.Join(dir, "faq.md"), []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

var quiet = slog.New(slog.DiscardHandler)

func loaderFor(dir string) Loader {
	return func(ctx context.Context) (*content.Collection, error) {
		return content.LoadPath(ctx, dir, content.Options{})
	}
}

// start builds the first live index from dir.
func start(t testing.TB, dir, indexDir string) (*index.Live, *Manager) {
	t.Helper()
	c, err := loaderFor(dir)(context.Background())
	if err != nil || c.Err() != nil {
		t.Fatal(err, c.Err())
	}
	var ix *index.Index
	var store *index.Store
	if indexDir == "" {
		ix, err = index.Build(context.Background(), c.Passages, index.Options{})
	} else {
		if store, err = index.OpenStore(indexDir, "test"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = store.Close() })
		ix, _, err = store.OpenOrBuild(context.Background(), c.Passages, index.Options{})
	}
	if err != nil {
		t.Fatal(err)
	}
	live := index.NewLive(ix)
	t.Cleanup(func() { _ = live.Close() })
	return live, New(live, loaderFor(dir), Options{Store: store, Log: quiet})
}

func TestReloadUnderLoad(t *testing.T) {
	dir, indexDir := t.TempDir(), t.TempDir()
	writeVersion(t, dir, 0)
	live, m := start(t, dir, indexDir)

	const reloads, readers = 100, 8
	ctx, cancel := context.WithCancel(context.Background())
	var failed, mixed, queries atomic.Int64
	var wg sync.WaitGroup
	for r := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			topics := []string{"parking", "lockers", "coffee", "printing"}
			for i := 0; ctx.Err() == nil; i++ {
				res, err := live.Search(context.Background(), "where is the "+topics[(i+r)%len(topics)])
				queries.Add(1)
				if err != nil || len(res.Hits) == 0 {
					failed.Add(1)
					continue
				}
				// Every hit of one result must come from the same content.
				version := revision(res.Hits[0].Passage.Text)
				for _, h := range res.Hits {
					if revision(h.Passage.Text) != version {
						mixed.Add(1)
					}
				}
			}
		}()
	}
	for v := 1; v <= reloads; v++ {
		writeVersion(t, dir, v)
		rep, err := m.Reload(context.Background())
		if err != nil || !rep.Live || rep.Changed[content.KindFAQ] != 6 {
			t.Fatalf("reload %d: %+v %v", v, rep, err)
		}
	}
	cancel()
	wg.Wait()
	t.Logf("%d queries during %d reloads", queries.Load(), reloads)
	if failed.Load() != 0 || mixed.Load() != 0 {
		t.Errorf("failed queries %d, results mixing two contents %d", failed.Load(), mixed.Load())
	}
	res, err := live.Search(context.Background(), "where is the coffee")
	if err != nil || revision(res.Hits[0].Passage.Text) != fmt.Sprint(reloads) {
		t.Errorf("after the last reload the answer is %q", res.Hits[0].Passage.Text)
	}
	entries, _ := os.ReadDir(indexDir)
	if len(entries) != 2 { // the live index and the lock file
		t.Errorf("index directories left: %d, want 1", len(entries)-1)
	}
}

func revision(text string) string {
	i := strings.Index(text, "revision")
	if i < 0 {
		return ""
	}
	return strings.Fields(text[i+len("revision"):])[0]
}

func TestReloadBrokenFileKeepsServing(t *testing.T) {
	dir := t.TempDir()
	writeVersion(t, dir, 1)
	live, m := start(t, dir, "")
	writeVersion(t, dir, 2)
	broken := "---\ntitle: [unclosed\n---\n\n## Question\n\nAnswer.\n"
	if err := os.WriteFile(filepath.Join(dir, "broken.md"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := m.Reload(context.Background())
	if !errors.Is(err, ErrContent) || rep.Live {
		t.Fatalf("reload with a broken file: live=%v err=%v", rep.Live, err)
	}
	if rep.ProblemCount == 0 || !strings.Contains(rep.Problems[0].Error(), "broken.md:2") {
		t.Errorf("report does not name broken.md:2: %v", rep.Problems)
	}
	res, err := live.Search(context.Background(), "where is the parking")
	if err != nil || len(res.Hits) == 0 || revision(res.Hits[0].Passage.Text) != "1" {
		t.Fatalf("old content no longer answers: %v %v", err, res.Hits)
	}
}

func TestReloadUnchanged(t *testing.T) {
	dir := t.TempDir()
	writeVersion(t, dir, 1)
	_, m := start(t, dir, t.TempDir())
	rep, err := m.Reload(context.Background())
	if err != nil || !rep.Unchanged || !rep.Live || rep.Changed.Total()+rep.Added.Total()+rep.Removed.Total() != 0 {
		t.Errorf("unchanged reload: %+v %v", rep, err)
	}
}

func TestReloadReportsDifferences(t *testing.T) {
	dir := t.TempDir()
	writeVersion(t, dir, 1)
	_, m := start(t, dir, "")
	extra := "---\ntitle: Notes\n---\n\n# Notes\n\nFirst paragraph about the garden.\n\nSecond paragraph about the roof.\n"
	if err := os.WriteFile(filepath.Join(dir, "notes.md"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	writeVersion(t, dir, 2)
	rep, err := m.Reload(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added[content.KindPassage] != 2 || rep.Changed[content.KindFAQ] != 6 || rep.Removed.Total() != 0 {
		t.Errorf("added %v changed %v removed %v", rep.Added, rep.Changed, rep.Removed)
	}
	if err := os.Remove(filepath.Join(dir, "notes.md")); err != nil {
		t.Fatal(err)
	}
	rep, err = m.Reload(context.Background())
	if err != nil || rep.Removed[content.KindPassage] != 2 {
		t.Errorf("removed %v err %v", rep.Removed, err)
	}
}

// TestReloadReportsEntriesTooAlike: with the bot's answer policy, a reload
// reports the FAQ questions another entry with the same words keeps from
// their own answer; without one it asks nothing.
func TestReloadReportsEntriesTooAlike(t *testing.T) {
	dir := t.TempDir()
	writeVersion(t, dir, 1)
	live, quietManager := start(t, dir, "")
	policy := index.Policy{MinConfidence: index.DefaultMinConfidence}
	m := New(live, loaderFor(dir), Options{Log: quiet, Policy: &policy})
	twins := "---\nkind: faq\n---\n\n## How do I change my name?\n\nOpen your profile.\n\n## How can I change my name?\n\nAsk a moderator.\n"
	if err := os.WriteFile(filepath.Join(dir, "names-faq.md"), []byte(twins), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := m.Reload(context.Background())
	if err != nil || !rep.Live {
		t.Fatalf("reload: %+v %v", rep, err)
	}
	if rep.UnreachedCount != 2 || len(rep.Unreached) != 2 || !strings.Contains(rep.Unreached[0], `names-faq.md:5: "How do I change my name?", asked as written`) {
		t.Errorf("unreached %d: %q", rep.UnreachedCount, rep.Unreached)
	}
	writeVersion(t, dir, 2)
	if rep, err := quietManager.Reload(context.Background()); err != nil || rep.UnreachedCount != 0 {
		t.Errorf("without a policy: %d unreached, %v", rep.UnreachedCount, err)
	}
}

func TestTryReloadWhileBusy(t *testing.T) {
	dir := t.TempDir()
	writeVersion(t, dir, 1)
	live, _ := start(t, dir, "")
	entered, release := make(chan struct{}), make(chan struct{})
	slow := func(ctx context.Context) (*content.Collection, error) {
		close(entered)
		<-release
		return loaderFor(dir)(ctx)
	}
	m := New(live, slow, Options{Log: quiet})
	done := make(chan error)
	go func() { _, err := m.Reload(context.Background()); done <- err }()
	<-entered
	if _, err := m.TryReload(context.Background()); !errors.Is(err, ErrBusy) {
		t.Errorf("TryReload during a reload: %v, want ErrBusy", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestSmokeCheckKeepsOldIndex(t *testing.T) {
	dir := t.TempDir()
	writeVersion(t, dir, 1)
	live, m := start(t, dir, "")
	// Questions made only of punctuation find nothing: an index that
	// cannot answer its own FAQ must not go live.
	var sb strings.Builder
	sb.WriteString("---\nkind: faq\n---\n\n")
	for i, q := range []string{"?", "??", "???", "?!", "!?", "?!?", "…?", "¿?", "?…", "?!!"} {
		fmt.Fprintf(&sb, "## %s\n\nAnswer number %d.\n\n", q, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "faq.md"), []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := m.Reload(context.Background())
	if err == nil || rep.Live || !strings.Contains(err.Error(), "check") {
		t.Fatalf("smoke check did not stop the reload: live=%v err=%v", rep.Live, err)
	}
	res, _ := live.Search(context.Background(), "where is the parking")
	if len(res.Hits) == 0 || revision(res.Hits[0].Passage.Text) != "1" {
		t.Errorf("old index not serving after a failed check")
	}
}

// TestReloadSavesContent checks that a reload into INDEX_DIR saves the
// content it read beside the new index under the stamp of its files, as it
// was read: the next start takes it from there instead of parsing.
func TestReloadSavesContent(t *testing.T) {
	ctx := context.Background()
	dir, indexDir := t.TempDir(), t.TempDir()
	writeVersion(t, dir, 1)
	c, err := loaderFor(dir)(ctx)
	if err != nil {
		t.Fatal(err)
	}
	store, err := index.OpenStore(indexDir, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	ix, _, err := store.OpenOrBuild(ctx, c.Passages, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	live := index.NewLive(ix)
	t.Cleanup(func() { _ = live.Close() })
	stamp := func(ctx context.Context) (string, error) { return content.Stamp(ctx, dir, content.Options{}) }
	m := New(live, loaderFor(dir), Options{Store: store, Log: quiet, Content: c, Stamp: stamp})

	for v := 1; v <= 2; v++ {
		writeVersion(t, dir, v)
		if _, err := m.Reload(ctx); err != nil {
			t.Fatal(err)
		}
		s, err := stamp(ctx)
		if err != nil {
			t.Fatal(err)
		}
		saved, err := store.SavedContent(s)
		if err != nil {
			t.Fatalf("version %d: nothing saved under the files' stamp: %v", v, err)
		}
		want, _ := loaderFor(dir)(ctx)
		if index.Fingerprint(saved.Passages, saved.Synonyms) != index.Fingerprint(want.Passages, want.Synonyms) {
			t.Errorf("version %d: saved content differs from the files", v)
		}
		_ = live.With(func(ix *index.Index) error {
			if !store.HasContent(ix, s) {
				t.Errorf("version %d: the live index %s has no content saved beside it", v, ix.Dir())
			}
			return nil
		})
	}
}

// TestReloadsReleaseOldIndexes checks that reloads into INDEX_DIR close
// the indexes they replace: after many reloads the process holds as many
// files open, and runs as many goroutines (Bleve's, per open index), as
// after the first.
func TestReloadsReleaseOldIndexes(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		t.Skip("needs /proc/self/fd to count open files")
	}
	dir, indexDir := t.TempDir(), t.TempDir()
	writeVersion(t, dir, 0)
	_, m := start(t, dir, indexDir)
	reload := func(v int) {
		t.Helper()
		writeVersion(t, dir, v)
		if rep, err := m.Reload(context.Background()); err != nil || !rep.Live || rep.Unchanged {
			t.Fatalf("reload %d: %+v %v", v, rep, err)
		}
	}
	counts := func() (files, goroutines int) {
		fds, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Fatal(err)
		}
		return len(fds), runtime.NumGoroutine()
	}
	reload(1)
	files, goroutines := counts()
	const reloads = 20
	for v := 2; v <= reloads; v++ {
		reload(v)
	}
	// Bleve's goroutines of a closed index may take a moment to return.
	var nowFiles, nowGoroutines int
	for range 50 {
		if nowFiles, nowGoroutines = counts(); nowFiles <= files && nowGoroutines <= goroutines {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if nowFiles > files || nowGoroutines > goroutines {
		t.Errorf("after %d reloads: %d files open and %d goroutines, after one %d and %d", reloads, nowFiles, nowGoroutines, files, goroutines)
	}
}
