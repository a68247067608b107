package content

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"
)

func TestSpecial(t *testing.T) {
	tests := []struct {
		mode fs.FileMode
		want string
	}{
		{0o644, ""},
		{fs.ModeNamedPipe | 0o644, "a named pipe (FIFO)"},
		{fs.ModeSocket, "a socket"},
		{fs.ModeDevice | fs.ModeCharDevice, "a character device"},
		{fs.ModeDevice, "a device"},
		{fs.ModeDir | 0o755, "a directory"},
		{fs.ModeSymlink, "a symbolic link"},
		{fs.ModeIrregular, "not a regular file"},
	}
	for _, tt := range tests {
		if got := special(tt.mode); got != tt.want {
			t.Errorf("special(%v) = %q, want %q", tt.mode, got, tt.want)
		}
	}
}

func TestResolveLink(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":        {Data: []byte("A.\n")},
		"sub/b.md":    {Data: []byte("B.\n")},
		"in.md":       {Mode: fs.ModeSymlink, Data: []byte("sub/b.md")},
		"sub/up.md":   {Mode: fs.ModeSymlink, Data: []byte("../a.md")},
		"chain.md":    {Mode: fs.ModeSymlink, Data: []byte("sub/up.md")},
		"out.md":      {Mode: fs.ModeSymlink, Data: []byte("../x.md")},
		"abs.md":      {Mode: fs.ModeSymlink, Data: []byte("/etc/passwd")},
		"loop.md":     {Mode: fs.ModeSymlink, Data: []byte("loop.md")},
		"missing.md":  {Mode: fs.ModeSymlink, Data: []byte("nope.md")},
		"sub/deep.md": {Mode: fs.ModeSymlink, Data: []byte("../../a.md")},
		".env":        {Data: []byte("TOKEN=x\n")},
		"sub/.git/c":  {Data: []byte("secret\n")},
		"dot.md":      {Mode: fs.ModeSymlink, Data: []byte(".env")},
		"dot-dir.md":  {Mode: fs.ModeSymlink, Data: []byte("sub/.git/c")},
		"sub/up-dot":  {Mode: fs.ModeSymlink, Data: []byte("../.env")},
		"dirlink":     {Mode: fs.ModeSymlink, Data: []byte("sub")},
		"via.md":      {Mode: fs.ModeSymlink, Data: []byte("dirlink/b.md")},
	}
	tests := []struct {
		link, target string
		err          error
	}{
		{"in.md", "sub/b.md", nil},
		{"sub/up.md", "a.md", nil},
		{"chain.md", "a.md", nil},
		{"out.md", "", errLinkOutside},
		{"abs.md", "", errLinkOutside},
		{"sub/deep.md", "", errLinkOutside},
		{"loop.md", "", errLinkLoop},
		{"missing.md", "", errLinkBroken},
		{"dot.md", "", errLinkHidden},
		{"dot-dir.md", "", errLinkHidden},
		{"sub/up-dot", "", errLinkHidden},
		{"via.md", "", errLinkViaLink},
	}
	for _, tt := range tests {
		target, _, err := resolveLink(fsys, tt.link)
		if target != tt.target || !errors.Is(err, tt.err) {
			t.Errorf("resolveLink(%s) = %q, %v; want %q, %v", tt.link, target, err, tt.target, tt.err)
		}
	}
}

// endless is a reader that never ends and cancels its context on the first
// read, like a slow disk during a shutdown.
type endless struct{ cancel context.CancelFunc }

func (e endless) Read(p []byte) (int, error) {
	e.cancel()
	return len(p), nil
}

func TestReadBoundedStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := readBounded(ctx, endless{cancel}, 1<<40)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("readBounded = %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("readBounded did not stop when its context was cancelled")
	}
	if _, err := readBounded(context.Background(), endless{func() {}}, 100); !errors.Is(err, errTooLarge) {
		t.Errorf("readBounded past the limit = %v, want errTooLarge", err)
	}
}
