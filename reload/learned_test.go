package reload

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"faqbot/content"
	"faqbot/index"
)

// learnedAliases is a Learned that adds aliases by passage id from a table
// the test changes.
type learnedAliases struct {
	mu      sync.Mutex
	aliases map[string][]string
}

func (l *learnedAliases) set(id string, aliases ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.aliases[id] = aliases
}

func (l *learnedAliases) apply(_ context.Context, ps []content.Passage) ([]content.Passage, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := slices.Clone(ps)
	for i := range out {
		if a := l.aliases[out[i].ID]; len(a) > 0 {
			out[i].Aliases = append(slices.Clone(out[i].Aliases), a...)
		}
	}
	return out, nil
}

// learning writes revision 1 of the test content into dir and puts it
// live through a Manager that adds learned's phrasings to what it reads;
// coffee is the ID of the FAQ pair "Where is the coffee?".
func learning(t *testing.T, dir string) (m *Manager, live *index.Live, learned *learnedAliases, coffee string) {
	t.Helper()
	writeVersion(t, dir, 1)
	c, err := loaderFor(dir)(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Build(context.Background(), c.Passages, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	live = index.NewLive(ix)
	t.Cleanup(func() { _ = live.Close() })
	learned = &learnedAliases{aliases: map[string][]string{}}
	m = New(live, loaderFor(dir), Options{Log: quiet, Learned: learned.apply, Content: c})
	for _, p := range c.Passages {
		if p.Question == "Where is the coffee?" {
			coffee = p.ID
		}
	}
	return m, live, learned, coffee
}

func TestRelearnAndReloadKeepLearnedAliases(t *testing.T) {
	dir := t.TempDir()
	m, live, learned, coffee := learning(t, dir)
	const asked = "espresso machine whereabouts"
	top := func() string {
		t.Helper()
		res, err := live.Search(context.Background(), asked)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 {
			return ""
		}
		return res.Hits[0].Passage.ID
	}
	if got := top(); got == coffee {
		t.Fatalf("%q finds the coffee FAQ before learning", asked)
	}

	learned.set(coffee, asked)
	rep, err := m.Relearn(context.Background())
	if err != nil || !rep.Live || rep.Changed.Total() != 1 {
		t.Fatalf("Relearn = %+v, %v", rep, err)
	}
	if got := top(); got != coffee {
		t.Errorf("after Relearn %q finds %q, want %q", asked, got, coffee)
	}
	// Nothing new learned: nothing rebuilt.
	if rep, err := m.Relearn(context.Background()); err != nil || !rep.Unchanged {
		t.Errorf("second Relearn = %+v, %v", rep, err)
	}
	// A reload reads the files again, and keeps what was learned.
	writeVersion(t, dir, 2)
	if rep, err := m.Reload(context.Background()); err != nil || rep.Unchanged {
		t.Fatalf("Reload = %+v, %v", rep, err)
	}
	if got := top(); got != coffee {
		t.Errorf("after a reload %q finds %q, want %q", asked, got, coffee)
	}
	res, _ := live.Search(context.Background(), "where is the coffee")
	if len(res.Hits) == 0 || !slices.Contains(res.Hits[0].Passage.Aliases, asked) || !strings.Contains(res.Hits[0].Passage.Text, "revision2") {
		t.Errorf("after a reload the coffee FAQ is %+v", res.Hits)
	}
}

// TestRelearnAfterFailedReload checks that a reload that fails leaves the
// live content as the one phrasings are learned into: a member's phrasing
// accepted after a reload whose index failed its check is searched, on the
// content that answers.
func TestRelearnAfterFailedReload(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	m, live, learned, coffee := learning(t, dir)

	// Questions of punctuation only find nothing: this content fails the
	// check, and the reload with it.
	var sb strings.Builder
	sb.WriteString("---\nkind: faq\n---\n\n")
	for _, q := range []string{"?", "??", "???", "?!", "!?"} {
		sb.WriteString("## " + q + "\n\nNo answer here.\n\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "faq.md"), []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if rep, err := m.Reload(ctx); err == nil || rep.Live {
		t.Fatalf("reload of content that fails its check: %+v, %v", rep, err)
	}

	const asked = "espresso machine whereabouts"
	learned.set(coffee, asked)
	rep, err := m.Relearn(ctx)
	if err != nil || !rep.Live || rep.Changed.Total() != 1 || rep.Added.Total()+rep.Removed.Total() != 0 {
		t.Fatalf("Relearn after a failed reload = %+v, %v", rep, err)
	}
	res, err := live.Search(ctx, asked)
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Passage.ID != coffee || revision(res.Hits[0].Passage.Text) != "1" {
		t.Errorf("after Relearn %q finds %+v (%v), want the coffee FAQ of revision 1", asked, res.Hits, err)
	}
}
