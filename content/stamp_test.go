package content

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStamp(t *testing.T) {
	ctx := context.Background()
	faq := "# FAQ\n\n## How do I renew a book?\n\nAt the desk.\n"
	then := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	write := func(t *testing.T, dir, name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, then, then); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		opts   Options
		same   bool
	}{
		{"unchanged", func(t *testing.T, dir string) {}, Options{}, true},
		{"same size, other text", func(t *testing.T, dir string) {
			write(t, dir, "faq.md", "# FAQ\n\n## How do I return a book?\n\nAt the desk.\n"[:len(faq)])
		}, Options{}, false},
		{"same text, new time", func(t *testing.T, dir string) {
			if err := os.Chtimes(filepath.Join(dir, "faq.md"), then, then.Add(time.Second)); err != nil {
				t.Fatal(err)
			}
		}, Options{}, false},
		{"a file added", func(t *testing.T, dir string) { write(t, dir, "more/hours.md", "# Hours\n\nNine to five.\n") }, Options{}, false},
		{"a file removed", func(t *testing.T, dir string) { _ = os.Remove(filepath.Join(dir, "synonyms.txt")) }, Options{}, false},
		{"a hidden file added", func(t *testing.T, dir string) { write(t, dir, ".notes.md", "draft") }, Options{}, true},
		{"a hidden directory added", func(t *testing.T, dir string) { write(t, dir, ".git/HEAD", "ref") }, Options{}, true},
		{"another base URL", func(t *testing.T, dir string) {}, Options{BaseURL: "https://example.org/"}, false},
		{"other limits", func(t *testing.T, dir string) {}, Options{Limits: Limits{MaxPassages: 10}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "faq.md", faq)
			write(t, dir, "synonyms.txt", "renew, extend\n")
			before, err := Stamp(ctx, dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			tt.change(t, dir)
			after, err := Stamp(ctx, dir, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if (before == after) != tt.same {
				t.Errorf("stamp before %s, after %s: want same=%v", before[:12], after[:12], tt.same)
			}
		})
	}
}

func TestStampSingleFileAndLimits(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p := filepath.Join(dir, "faq.md")
	if err := os.WriteFile(p, []byte("# FAQ\n\n## Why?\n\nBecause.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Stamp(ctx, p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Stamp(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a == b {
		t.Error("a file and the directory holding it have the same stamp")
	}
	if _, err := Stamp(ctx, p, Options{Limits: Limits{MaxBytes: 5}}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("content past MaxBytes: got %v, want ErrTooLarge", err)
	}
	if _, err := Stamp(ctx, filepath.Join(dir, "missing"), Options{}); err == nil {
		t.Error("a missing path was stamped")
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Stamp(cctx, dir, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: got %v", err)
	}
}

// TestStampReadsOnlyWhatLoadReads: files that a load does not read (of
// unknown type, or over their file's limit) are stamped without being
// read, so that a tree of large files cannot make the stamp, taken before
// every reload, read gigabytes that the load then skips.
func TestStampReadsOnlyWhatLoadReads(t *testing.T) {
	ctx := context.Background()
	big := strings.Repeat("x", int(MaxFileBytes("big.md"))+1)
	tests := []struct {
		name         string
		file, before string
		after        string
		same         bool
	}{
		{"an unknown file changed", "notes.bin", "one", "two", true},
		{"a file over its limit changed, same size", "big.md", big, "y" + big[1:], true},
		{"a file over its limit changed size", "big.md", big, big + "x", false},
		{"a file within its limit changed", "small.md", "one", "two", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"faq.md": "## Why?\n\nBecause.\n", tt.file: tt.before})
			before, err := Stamp(ctx, dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			writeFiles(t, dir, map[string]string{tt.file: tt.after})
			after, err := Stamp(ctx, dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if (before == after) != tt.same {
				t.Errorf("stamp before %s, after %s: want same=%v", before[:12], after[:12], tt.same)
			}
		})
	}

	// Sparse files of gigabytes in all, which were all read before.
	sizes := []struct {
		name  string
		files int
		size  int64
		err   error
	}{
		{"over their files' limit", 60, DefaultMaxBytes - 1, nil},
		{"past MaxBytes together", 400, maxFileBytes, ErrTooLarge},
	}
	for _, tt := range sizes {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"faq.md": "## Why?\n\nBecause.\n"})
			for i := range tt.files {
				for _, ext := range []string{".md", ".txt", ".bin"} {
					f, err := os.Create(filepath.Join(dir, fmt.Sprintf("sparse-%03d%s", i, ext)))
					if err != nil {
						t.Fatal(err)
					}
					if err := f.Truncate(tt.size); err != nil {
						t.Fatal(err)
					}
					_ = f.Close()
				}
			}
			start := time.Now()
			if _, err := Stamp(ctx, dir, Options{}); !errors.Is(err, tt.err) {
				t.Errorf("Stamp: %v, want %v", err, tt.err)
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("stamping %d sparse files of %s took %v: they were read", 3*tt.files, SizeText(tt.size), took)
			}
		})
	}
}
