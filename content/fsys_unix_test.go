//go:build unix

package content

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeFiles writes name → text files under dir, making directories.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// symlinks makes link → target symbolic links under dir.
func symlinks(t *testing.T, dir string, links map[string]string) {
	t.Helper()
	for link, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
}

// loadWithin loads dir, failing the test if that takes longer than d (a
// blocking open would hang it).
func loadWithin(t *testing.T, d time.Duration, dir string) *Collection {
	t.Helper()
	type result struct {
		c   *Collection
		err error
	}
	done := make(chan result, 1)
	go func() {
		c, err := LoadPath(context.Background(), dir, Options{})
		done <- result{c, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		return r.c
	case <-time.After(d):
		t.Fatalf("loading %s did not finish within %v", dir, d)
		return nil
	}
}

// everything is all the text a collection holds, to look for leaks.
func everything(c *Collection) string {
	var b strings.Builder
	for _, p := range c.Passages {
		b.WriteString(p.Title + "\n" + p.Section + "\n" + p.Question + "\n" + strings.Join(p.Aliases, "\n") + "\n" + p.Text + "\n")
	}
	for _, p := range append(c.Problems, c.Warnings...) {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

func TestLoadSymlinks(t *testing.T) {
	base := t.TempDir()
	root, outside := filepath.Join(base, "content"), filepath.Join(base, "outside")
	const secret = "SECRET-OUTSIDE-8c1f"
	writeFiles(t, outside, map[string]string{"secret.md": "The token is " + secret + ".\n"})
	writeFiles(t, root, map[string]string{
		"good.md":         "Text of the good file.\n",
		"inner/target.md": "Text reached through links.\n",
		".env":            "DISCORD_TOKEN=" + secret + "\n",
		".git/config":     "url = https://user:" + secret + "@example.org/repo\n",
	})
	symlinks(t, root, map[string]string{
		"out.md":      "../outside/secret.md",
		"abs-out.md":  filepath.Join(outside, "secret.md"),
		"environ.md":  "/proc/self/environ",
		"updown.md":   "../content/good.md", // leaves the root on the way
		"via-dir.md":  "outdir/secret.md",   // through a linked directory
		"outdir":      outside,
		"loop-a.md":   "loop-b.md",
		"loop-b.md":   "loop-a.md",
		"self.md":     "self.md",
		"broken.md":   "missing.md",
		"in.md":       "inner/target.md",
		"abs-in.md":   filepath.Join(root, "inner", "target.md"),
		"chain.md":    "in.md",
		"innerlink":   "inner",
		"dir-link.md": "inner",
		"inner/up.md": "../good.md",
		"env.md":      ".env",        // hidden, as the walk skips it
		"git.txt":     ".git/config", // inside a hidden directory
		"gitdir":      ".git",
		"via-git.md":  "gitdir/config", // through a linked directory
		"via-in.md":   "innerlink/target.md",
	})
	c := loadWithin(t, 5*time.Second, root)

	if all := everything(c); strings.Contains(all, secret) || strings.Contains(all, os.Getenv("PATH")) {
		t.Fatalf("content from outside the root was read:\n%s", all)
	}
	want := map[string]string{
		"out.md":     "out.md: symbolic link points outside the content directory, skipped",
		"abs-out.md": "abs-out.md: symbolic link points outside the content directory, skipped",
		"environ.md": "environ.md: symbolic link points outside the content directory, skipped",
		"updown.md":  "updown.md: symbolic link points outside the content directory, skipped",
		"via-dir.md": "via-dir.md: symbolic link points outside the content directory, skipped",
		"loop-a.md":  "loop-a.md: symbolic link is part of a loop of symbolic links, skipped",
		"loop-b.md":  "loop-b.md: symbolic link is part of a loop of symbolic links, skipped",
		"self.md":    "self.md: symbolic link is part of a loop of symbolic links, skipped",
		"broken.md":  "broken.md: symbolic link points to nothing (broken symbolic link), skipped",
		"env.md":     "env.md: symbolic link points to a hidden file, which is not content, skipped",
		"git.txt":    "git.txt: symbolic link points to a hidden file, which is not content, skipped",
		"via-git.md": "via-git.md: symbolic link goes through a linked directory, which is not entered, skipped",
		"via-in.md":  "via-in.md: symbolic link goes through a linked directory, which is not entered, skipped",
	}
	got := map[string]string{}
	for _, p := range c.Problems {
		got[p.File] = p.Error()
	}
	for file, msg := range want {
		if got[file] != msg {
			t.Errorf("problem for %s = %q, want %q", file, got[file], msg)
		}
	}
	if len(c.Problems) != len(want) {
		t.Errorf("problems:\n%s", strings.Join(problemStrings(c.Problems), "\n"))
	}
	followed := map[string]bool{}
	for _, p := range c.Passages {
		followed[p.File] = true
	}
	for _, f := range []string{"good.md", "in.md", "abs-in.md", "chain.md", "inner/target.md", "inner/up.md"} {
		if !followed[f] {
			t.Errorf("%s (inside the root) was not read; passages from %v", f, followed)
		}
	}
	if !hasProblem(c.Warnings, "innerlink: unknown file type") || !hasProblem(c.Warnings, "gitdir: unknown file type") || !hasProblem(c.Warnings, "dir-link.md: symbolic link to a directory, not followed") {
		t.Errorf("warnings %q", problemStrings(c.Warnings))
	}
}

// TestLoadThroughLinkedRoot loads a content directory named through a
// link (as a mount often is): absolute links inside it, written with
// either path, are followed.
func TestLoadThroughLinkedRoot(t *testing.T) {
	base := t.TempDir()
	real, named := filepath.Join(base, "real"), filepath.Join(base, "named")
	writeFiles(t, real, map[string]string{"target.md": "Reached.\n"})
	if err := os.Symlink(real, named); err != nil {
		t.Fatal(err)
	}
	symlinks(t, real, map[string]string{"via-named.md": filepath.Join(named, "target.md"), "via-real.md": filepath.Join(real, "target.md")})
	c := loadWithin(t, 5*time.Second, named)
	if len(c.Problems) != 0 || len(c.Passages) != 3 {
		t.Errorf("passages %v, problems %q", ids(c.Passages), problemStrings(c.Problems))
	}
}

func TestLoadSpecialFilesNeverBlock(t *testing.T) {
	base := t.TempDir()
	root := filepath.Join(base, "content")
	writeFiles(t, root, map[string]string{"good.md": "Still read.\n"})
	for _, fifo := range []string{filepath.Join(root, "pipe.md"), filepath.Join(base, "outside-pipe.md")} {
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	symlinks(t, root, map[string]string{"to-pipe.md": "pipe.md", "to-outside-pipe.md": "../outside-pipe.md"})
	l, err := net.Listen("unix", filepath.Join(root, "sock.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()

	c := loadWithin(t, time.Second, root)
	for _, want := range []string{
		"pipe.md: a named pipe (FIFO), not a regular file: skipped",
		"to-pipe.md: a named pipe (FIFO), not a regular file: skipped",
		"to-outside-pipe.md: symbolic link points outside the content directory, skipped",
		"sock.md: a socket, not a regular file: skipped",
	} {
		if !hasProblem(c.Problems, want) {
			t.Errorf("no problem %q in\n%s", want, strings.Join(problemStrings(c.Problems), "\n"))
		}
	}
	if len(c.Passages) != 1 || c.Passages[0].File != "good.md" {
		t.Errorf("passages %v", ids(c.Passages))
	}
}

// TestLoadWebPagesLikeOtherFiles: .html files, saved by a browser or by
// faqbot fetch, are read through the same root and limits as the other
// formats: links out, FIFOs and files over the limit are problems, and
// none of them is read.
func TestLoadWebPagesLikeOtherFiles(t *testing.T) {
	base := t.TempDir()
	root, outside := filepath.Join(base, "content"), filepath.Join(base, "outside")
	const secret = "SECRET-OUTSIDE-51d2"
	writeFiles(t, outside, map[string]string{"secret.html": "<main><p>The token is " + secret + ".</p></main>"})
	writeFiles(t, root, map[string]string{
		"site/good.html": "<main><p>Text of a saved page.</p></main>",
		"site/big.html":  "<main><p>" + strings.Repeat("x", int(MaxFileBytes("big.html"))) + "</p></main>",
	})
	symlinks(t, root, map[string]string{"site/out.html": "../../outside/secret.html", "site/environ.htm": "/proc/self/environ"})
	if err := syscall.Mkfifo(filepath.Join(root, "site", "pipe.html"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := loadWithin(t, 5*time.Second, root)
	if all := everything(c); strings.Contains(all, secret) || strings.Contains(all, os.Getenv("PATH")) {
		t.Fatalf("content from outside the root was read:\n%s", all)
	}
	for _, want := range []string{
		"site/out.html: symbolic link points outside the content directory, skipped",
		"site/environ.htm: symbolic link points outside the content directory, skipped",
		"site/pipe.html: a named pipe (FIFO), not a regular file: skipped",
		"site/big.html: file too large",
	} {
		if !hasProblem(c.Problems, want) {
			t.Errorf("no problem %q in\n%s", want, strings.Join(problemStrings(c.Problems), "\n"))
		}
	}
	if len(c.Passages) != 1 || c.Passages[0].File != "site/good.html" {
		t.Errorf("passages %v", ids(c.Passages))
	}
}

// TestOpenRefusesSwappedFIFO reads a FIFO that the listing took for a
// regular file (as when it is swapped in between): the non-blocking open
// and fstat refuse it at once.
func TestOpenRefusesSwappedFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "swapped.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := openDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	l := &loader{ctx: context.Background(), fsys: d, budget: newBudget(Limits{}), c: &Collection{}}
	done := make(chan *file, 1)
	go func() {
		f, _ := l.readFile(entry{rel: "swapped.md", open: "swapped.md"}) // typ 0: "regular"
		done <- f
	}()
	select {
	case f := <-done:
		if len(f.problems) != 1 || !strings.Contains(f.problems[0].Msg, "not a regular file") {
			t.Errorf("problems %v", f.problems)
		}
	case <-time.After(time.Second):
		t.Fatal("opening a FIFO blocked")
	}
}

func TestLoadStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": "A.\n", "b.md": "B.\n"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := LoadPath(ctx, dir, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("Load with a cancelled context: %v", err)
	}
}

// TestLoadOddFileNames: a file name with a line break, an escape sequence
// or a right-to-left override is quoted where people see it, so that it
// cannot forge a line of `faqbot check` or of a reload report, recolour a
// terminal or reverse the text after it.
func TestLoadOddFileNames(t *testing.T) {
	dir := t.TempDir()
	names := map[string]string{
		"nl\nerror: forged.md: fake\n.md": `"nl\nerror: forged.md: fake\n.md":1: contains NUL bytes`,
		"esc\x1b[31mred.md":               `"esc\x1b[31mred.md":1: contains NUL bytes`,
		"rtl\u202edm.txt":                 `"rtl\u202edm.txt":1: contains NUL bytes`,
		"sub\ndir/x.md":                   `"sub\ndir/x.md":1: contains NUL bytes`,
	}
	files := map[string]string{"good.md": "Still read.\n"}
	for name := range names {
		files[name] = "\x00"
	}
	writeFiles(t, dir, files)
	c := loadWithin(t, 5*time.Second, dir)
	for _, want := range names {
		if !hasProblem(c.Problems, want) {
			t.Errorf("no problem %s", want)
		}
	}
	for _, p := range c.Problems {
		if strings.ContainsAny(p.Error(), "\n\x1b\u202e") {
			t.Errorf("problem shows a raw name: %q", p.Error())
		}
	}
	if len(c.Problems) != len(names) || len(c.Passages) != 1 {
		t.Errorf("problems %q, passages %v", problemStrings(c.Problems), ids(c.Passages))
	}
}

// TestLoadNamesNotUTF8: files, links and directories whose names are not
// UTF-8 cannot be opened through io/fs; the problem says so, instead of
// "invalid argument" or "points outside the content directory".
func TestLoadNamesNotUTF8(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"good.md": "Still read.\n", "bad\xff.md": "Text.\n", "dir\xfe/in.md": "Text.\n"})
	symlinks(t, dir, map[string]string{"link\xff.md": "good.md"})
	c := loadWithin(t, 5*time.Second, dir)
	want := []string{
		`"bad\xff.md": cannot be read: its name is not valid UTF-8: rename it`,
		`"dir\xfe": cannot be read: its name is not valid UTF-8: rename it`,
		`"link\xff.md": symbolic link cannot be followed: its name is not valid UTF-8: rename it, skipped`,
	}
	got := problemStrings(c.Problems)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(c.Passages) != 1 || c.Passages[0].File != "good.md" {
		t.Errorf("passages %v", ids(c.Passages))
	}
}
