package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputThatCannotBeWrittenFails: a command whose results cannot be
// written (a full disk: /dev/full) fails with exit status 1 and says so,
// instead of ending in "ok" with nothing written.
func TestOutputThatCannotBeWrittenFails(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full here: %v", err)
	}
	defer full.Close()
	env := map[string]string{"ENV_FILE": filepath.Join(t.TempDir(), "absent.env"), "LOG_LEVEL": "warn"}
	for _, args := range [][]string{
		{"check"},
		{"ask", "how do I reload the FAQ?"},
		{"export"},
	} {
		err := run(context.Background(), append([]string{"faqbot"}, args...), func(k string) string { return env[k] }, strings.NewReader(""), full, io.Discard)
		if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "no space left on device") {
			t.Errorf("faqbot %s > /dev/full = %v (exit %d), want a write error", strings.Join(args, " "), err, exitCode(err))
		}
	}
}
