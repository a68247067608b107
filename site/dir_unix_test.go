//go:build unix

package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFetchStaysInsideItsDirectory: a host folder that is a symbolic link
// out of the fetch directory is not written through, and the error names
// the page's file relative to the directory.
func TestFetchStaysInsideItsDirectory(t *testing.T) {
	s := newMiniSite(t, map[string]string{"/": "<p>home</p>"})
	dir, outside := t.TempDir(), t.TempDir()
	host := strings.SplitN(fileName(mustURL(t, s.srv.URL+"/")), "/", 2)[0]
	if err := os.Symlink(outside, filepath.Join(dir, host)); err != nil {
		t.Fatal(err)
	}
	_, err := Fetch(context.Background(), []string{s.srv.URL + "/"}, quiet(dir))
	if err == nil || strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), host+"/index.html") {
		t.Errorf("fetch through a link out: %v; want an error naming %s/index.html, not %s", err, host, dir)
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Errorf("written outside the fetch directory: %v", entries)
	}
}

// TestFetchSavedCopyNotRegular: a page the site says is unchanged (304)
// whose saved copy was replaced by a FIFO is neither opened for reading
// nor waited on: it is reported and fetched whole next time.
func TestFetchSavedCopyNotRegular(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case r.Header.Get("If-None-Match") == `"v1"`:
			w.WriteHeader(http.StatusNotModified)
		default:
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte("<p>home</p>"))
		}
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	start := []string{srv.URL + "/"}
	if rep, err := Fetch(context.Background(), start, quiet(dir)); err != nil || rep.Count(Added) != 1 {
		t.Fatalf("first fetch: %q %v", rep.Pages, err)
	}
	saved := filepath.Join(dir, filepath.FromSlash(fileName(mustURL(t, srv.URL+"/"))))
	if err := os.Remove(saved); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(saved, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	rep, err := Fetch(ctx, start, quiet(dir))
	if err != nil || rep.Count(Failed) != 1 || !strings.Contains(rep.Failures()[0].Reason, "saved copy") {
		t.Fatalf("fetch with a FIFO for the saved copy: %q %v", rep.Pages, err)
	}
	if err := os.Remove(saved); err != nil {
		t.Fatal(err)
	}
	if rep, err := Fetch(ctx, start, quiet(dir)); err != nil || rep.Count(Added) != 1 {
		t.Errorf("fetch after: %q %v; want the page fetched whole again", rep.Pages, err)
	}
}
