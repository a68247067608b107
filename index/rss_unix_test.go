//go:build linux || darwin || freebsd

package index

import (
	"runtime"
	"syscall"
)

// peakRSS is the most memory the process has held resident so far, in
// bytes, or 0 when the system does not say.
func peakRSS() uint64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return uint64(u.Maxrss) // bytes there, KiB elsewhere
	}
	return uint64(u.Maxrss) << 10
}
