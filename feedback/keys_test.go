package feedback

import (
	"bytes"
	"testing"
	"time"
)

func TestTimeKeyOrder(t *testing.T) {
	// In time order; each key must sort after the one before it.
	times := []struct {
		t   time.Time
		seq uint64
	}{
		{time.Time{}, 0}, // clamped to the earliest representable time
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), 0},
		{time.Unix(0, -1), 0},
		{time.Unix(0, 0), 0},
		{time.Unix(0, 0), 1},
		{time.Unix(0, 1), 0},
		{start, 0},
		{start, 7},
		{start.Add(time.Nanosecond), 0},
		{time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), 0}, // clamped to the latest
	}
	for i := 1; i < len(times); i++ {
		a := timeKey(times[i-1].t, times[i-1].seq)
		b := timeKey(times[i].t, times[i].seq)
		if len(b) != timeKeyLen {
			t.Fatalf("key length %d, want %d", len(b), timeKeyLen)
		}
		if bytes.Compare(a, b) >= 0 {
			t.Errorf("key(%v, %d) does not sort before key(%v, %d)", times[i-1].t, times[i-1].seq, times[i].t, times[i].seq)
		}
	}
}

func TestKeyTimeRoundTrip(t *testing.T) {
	for _, tm := range []time.Time{start, time.Unix(0, 0), time.Unix(-5, 3), start.Add(123 * time.Nanosecond)} {
		if got := keyTime(timeKey(tm, 42)); !got.Equal(tm) {
			t.Errorf("keyTime(timeKey(%v)) = %v", tm, got)
		}
	}
}
