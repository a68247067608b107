//go:build !(linux || darwin || freebsd)

package index

// peakRSS is not known on this system.
func peakRSS() uint64 { return 0 }
