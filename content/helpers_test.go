package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// loadOne loads a single file given as text, named name at the root.
func loadOne(t *testing.T, name, src string, opts Options) *Collection {
	t.Helper()
	c, err := Load(context.Background(), fstest.MapFS{name: {Data: []byte(src)}}, "", opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

// problemStrings lists problems as "file:line: msg".
func problemStrings(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Error())
	}
	return out
}

// hasProblem reports whether some problem starts with prefix.
func hasProblem(ps []Problem, prefix string) bool {
	for _, p := range ps {
		if strings.HasPrefix(p.Error(), prefix) {
			return true
		}
	}
	return false
}

// ids lists the passages' IDs.
func ids(ps []Passage) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}
