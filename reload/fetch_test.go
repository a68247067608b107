package reload

import (
	"context"
	"testing"
)

// TestReloadFetchesFirst: Reload runs the fetch step before reading the
// content (so fetched pages are in the new index) and reports it;
// ReloadFiles, the watcher's reload, does not fetch.
func TestReloadFetchesFirst(t *testing.T) {
	dir := t.TempDir()
	writeVersion(t, dir, 1)
	live, _ := start(t, dir, "")
	fetches := 0
	m := New(live, loaderFor(dir), Options{Log: quiet, Fetch: func(context.Context) string {
		fetches++
		writeVersion(t, dir, 1+fetches) // what a fetch that saved a changed page does
		return "Websites: 1 page: 0 added, 1 changed, 0 unchanged, 0 removed."
	}})
	rep, err := m.Reload(context.Background())
	if err != nil || fetches != 1 || rep.Fetch == "" || rep.Changed.Total() == 0 {
		t.Fatalf("Reload: fetches %d, report %+v, err %v; want one fetch, reported, its change live", fetches, rep, err)
	}
	rep, err = m.ReloadFiles(context.Background())
	if err != nil || fetches != 1 || rep.Fetch != "" || !rep.Unchanged {
		t.Errorf("ReloadFiles: fetches %d, report %+v, err %v; want no fetch", fetches, rep, err)
	}
	if _, err := m.TryReload(context.Background()); err != nil || fetches != 2 {
		t.Errorf("TryReload: fetches %d, err %v; want a second fetch", fetches, err)
	}
}
