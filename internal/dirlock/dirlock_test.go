package dirlock

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func TestHolderWho(t *testing.T) {
	since := time.Date(2025, 3, 4, 5, 6, 7, 0, time.Local)
	tests := []struct {
		h    Holder
		want string
	}{
		{Holder{PID: 42, Command: "serve", Since: since}, "the bot (pid 42, running since 2025-03-04 05:06:07)"},
		{Holder{PID: 7, Command: "index"}, "faqbot index (pid 7)"},
		{Holder{}, "another faqbot process"},
	}
	for _, tt := range tests {
		if got := tt.h.Who(); got != tt.want {
			t.Errorf("Who() = %q, want %q", got, tt.want)
		}
	}
}

// TestAcquire takes a lock twice in one process: flock locks belong to an
// open file, so the second take fails as it would in another process.
func TestAcquire(t *testing.T) {
	dir := t.TempDir()
	l, err := Acquire(dir, ".lock", "serve")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(dir, ".lock", "ask")
	var held *HeldError
	if !errors.As(err, &held) || held.Holder.PID != os.Getpid() || held.Holder.Command != "serve" || held.Holder.Since.IsZero() {
		t.Fatalf("second Acquire = %v (%+v)", err, held)
	}
	if !strings.HasPrefix(err.Error(), "the bot (pid ") || !strings.HasSuffix(err.Error(), " holds "+dir) {
		t.Errorf("error %q", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	waited := 0
	if _, err := AcquireWait(ctx, dir, ".lock", "ask", func(*HeldError) { waited++ }); !errors.As(err, &held) || waited != 1 {
		t.Errorf("AcquireWait while held = %v, waiting called %d times", err, waited)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l, err = AcquireWait(context.Background(), dir, ".lock", "ask", nil)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	_ = l.Release()
}
