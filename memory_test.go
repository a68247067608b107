package main

import (
	"math"
	"testing"

	"faqbot/config"
)

func TestMemoryLimit(t *testing.T) {
	const mib = 1 << 20
	for _, tt := range []struct {
		command string
		mb      int
		want    int64
	}{
		{"eval", 100, 64*mib + 250*mib},
		{"ask", 100, 64*mib + 250*mib},
		{"index", 10, 64*mib + 25*mib},
		{"serve", 100, 64*mib + 500*mib},
		{"check", 100, math.MaxInt64},
		{"fetch", 100, math.MaxInt64},
	} {
		if got := memoryLimit(tt.command, config.Config{MaxContentMB: tt.mb}); got != tt.want {
			t.Errorf("memoryLimit(%s, MAX_CONTENT_MB=%d) = %d MiB, want %d MiB", tt.command, tt.mb, got/mib, tt.want/mib)
		}
	}
}
