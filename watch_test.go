package main

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
)

// TestAddTree: every directory of the content is watched but hidden ones;
// one that cannot be watched (the system's limit reached) is counted and
// skipped, and the others are still watched.
func TestAddTree(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"a", "b/c", ".git/objects"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(root, "a", "faq.md")
	if err := os.WriteFile(file, []byte("# FAQ\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rel := func(p string) string { r, _ := filepath.Rel(root, p); return filepath.ToSlash(r) }
	tests := []struct {
		name        string
		path        string
		failOn      string
		want        []string
		wantSkipped int
	}{
		{"all", root, "", []string{".", "a", "b", "b/c"}, 0},
		{"one fails", root, "b", []string{".", "a", "b/c"}, 1},
		{"a file: its directory", file, "", []string{"a"}, 0},
		{"missing", filepath.Join(root, "gone"), "", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var watched []string
			add := func(p string) error {
				if rel(p) == tt.failOn {
					return syscall.ENOSPC
				}
				watched = append(watched, rel(p))
				return nil
			}
			skipped, err := addTree(add, tt.path)
			slices.Sort(watched)
			if !slices.Equal(watched, tt.want) || skipped != tt.wantSkipped || (skipped > 0) != (err != nil) {
				t.Errorf("watched %q, skipped %d (%v); want %q, %d", watched, skipped, err, tt.want, tt.wantSkipped)
			}
			if tt.failOn != "" && !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("err = %v, want the watcher's", err)
			}
		})
	}
}
