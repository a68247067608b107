//go:build linux

package content

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// fuzzSecret is in a file outside every fuzzed content tree: no passage,
// problem or warning may ever contain it.
const fuzzSecret = "SECRET-b7e2c9"

// Names the fuzzed trees are made of, so that links can point at files and
// directories that exist.
var (
	fuzzNames = []string{"a.md", "b-faq.md", "c.txt", "d.jsonl", "e.csv", "synonyms.txt", "f", "sub/g.md", "sub/deep/h.md", "sub/i.jsonl", ".hidden.md", "x/j.md"}
	fuzzDirs  = []string{"sub", "sub/deep", "x"}
	fuzzTexts = []string{
		"## Question?\n\nAnswer.\n",
		"Plain paragraph.\n",
		`{"question":"Q?","text":"A."}` + "\n",
		"question,answer,url\nQ?,A.,\n",
		"alpha, beta\n",
		"Q: Who?\nA: Us.\n",
		"",
	}
)

// FuzzLoadTree builds a small content tree from the input (files, links
// inside and out, loops, FIFOs inside and out, links to /proc) and loads
// it: loading must finish within a few seconds, must not open anything
// outside the root (inotify watches the outside directory), and nothing
// from outside may show up in what it returns.
func FuzzLoadTree(f *testing.F) {
	f.Add([]byte{0, 0, 0, 1, 1, 0, 2, 2, 0})          // a file, a link to it, a link out
	f.Add([]byte{5, 0, 0, 9, 1, 0, 6, 2, 3, 6, 3, 2}) // a FIFO, a link to a FIFO outside, a loop
	f.Add([]byte{7, 0, 0, 8, 0, 0, 1, 7, 7, 4, 3, 0}) // a directory, replaced by a link out; /proc
	f.Add([]byte{0, 7, 1, 0, 8, 2, 1, 0, 8, 3, 9, 0}) // files deeper down, links up and out
	f.Fuzz(func(t *testing.T, ops []byte) {
		ops = ops[:min(len(ops), 96)] // small trees: 32 operations at most
		base := fuzzTempDir(t)
		root, outside := filepath.Join(base, "content"), filepath.Join(base, "outside")
		for _, d := range []string{root, outside, filepath.Join(outside, "dir")} {
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		for name, text := range map[string]string{"secret.md": "The secret is " + fuzzSecret + ".\n", "dir/secret.jsonl": `{"text":"` + fuzzSecret + `"}` + "\n"} {
			if err := os.WriteFile(filepath.Join(outside, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := syscall.Mkfifo(filepath.Join(outside, "pipe.md"), 0o644); err != nil {
			t.Fatal(err)
		}
		buildTree(t, root, outside, ops)

		opens := watchOpens(t, outside)
		done := make(chan *Collection, 1)
		go func() {
			c, err := LoadPath(context.Background(), root, Options{})
			if err != nil {
				t.Error(err)
			}
			done <- c
		}()
		var c *Collection
		select {
		case c = <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("loading the tree did not finish within 5s")
		}
		if n := opens(); n > 0 {
			t.Errorf("%d opens outside the content directory", n)
		}
		if c == nil {
			return
		}
		all := everything(c)
		if strings.Contains(all, fuzzSecret) || strings.Contains(all, "PATH="+os.Getenv("PATH")) {
			t.Errorf("text from outside the content directory was read:\n%s", all)
		}
		for _, p := range append(c.Problems, c.Warnings...) {
			if p.File == "" || filepath.IsAbs(p.File) || strings.Contains(p.File, base) {
				t.Errorf("problem not named relative to the content directory: %v", p)
			}
		}
	})
}

// fuzzTempDir is a new directory for one input, on tmpfs when there is one:
// creating and removing small trees there is ten times faster than on a
// disk, and the fuzzer tries ten times more trees.
func fuzzTempDir(t *testing.T) string {
	dir, err := os.MkdirTemp("/dev/shm", "faqbot-fuzz-*")
	if err != nil {
		return t.TempDir()
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	return dir
}

// buildTree carries out the operations, three bytes each (what, which
// name, which target), inside root: everything is created through an
// os.Root, so that no operation can write outside.
func buildTree(t *testing.T, root, outside string, ops []byte) {
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i := 0; i+2 < len(ops); i += 3 {
		name := fuzzNames[int(ops[i+1])%len(fuzzNames)]
		other := fuzzNames[int(ops[i+2])%len(fuzzNames)]
		dir := fuzzDirs[int(ops[i+2])%len(fuzzDirs)]
		up := strings.Repeat("../", strings.Count(name, "/"))
		_ = r.MkdirAll(filepath.Dir(name), 0o755)
		switch ops[i] % 10 {
		case 0: // a file
			if h, err := r.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644); err == nil {
				_, _ = h.WriteString(fuzzTexts[int(ops[i+2])%len(fuzzTexts)])
				_ = h.Close()
			}
		case 1: // a link to another name, relative
			_ = r.Symlink(up+other, name)
		case 2: // a link to the secret, relative
			_ = r.Symlink(up+"../outside/secret.md", name)
		case 3: // a link to the secret, absolute
			_ = r.Symlink(filepath.Join(outside, "secret.md"), name)
		case 4: // a link to the process's environment
			_ = r.Symlink("/proc/self/environ", name)
		case 5: // a FIFO (only at the top, so that no linked directory leads it out)
			if !strings.Contains(name, "/") {
				_ = syscall.Mkfifo(filepath.Join(root, name), 0o644)
			}
		case 6: // a link to a name, absolute
			_ = r.Symlink(filepath.Join(root, other), name)
		case 7: // a directory
			_ = r.MkdirAll(dir, 0o755)
		case 8: // a directory that is a link out
			_ = r.Symlink(filepath.Join(outside, "dir"), dir)
		case 9: // a link to a FIFO outside
			_ = r.Symlink(up+"../outside/pipe.md", name)
		}
	}
}

// watchOpens watches dir with inotify and returns a function counting the
// opens of dir or anything in it since.
func watchOpens(t *testing.T, dir string) func() int {
	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		t.Skipf("inotify: %v", err)
	}
	t.Cleanup(func() { _ = unix.Close(fd) })
	for _, d := range []string{dir, filepath.Join(dir, "dir")} {
		if _, err := unix.InotifyAddWatch(fd, d, unix.IN_OPEN); err != nil {
			t.Fatal(err)
		}
	}
	return func() int {
		buf := make([]byte, 64<<10)
		n, err := unix.Read(fd, buf)
		if errors.Is(err, unix.EAGAIN) {
			return 0
		}
		if err != nil {
			t.Fatal(err)
		}
		return n / unix.SizeofInotifyEvent
	}
}
