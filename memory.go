package main

import (
	"math"

	"faqbot/config"
)

// The Go collector lets the heap grow to twice what is live before it
// collects. For faqbot that is mostly the search index, built once and
// mostly pointer-free arrays, while building it leaves far more garbage
// than it keeps (about 60 KB a passage); at 100,000 passages the heap
// would reach twice the index for nothing. So the commands that hold an
// index get a soft memory limit (runtime/debug.SetMemoryLimit) sized to the
// largest content they accept (MAX_CONTENT_MB): small content never comes
// near it, and the garbage of the largest is collected before the heap
// doubles. GOMEMLIMIT, when set, is left to decide.
const (
	// memoryBase is what a process needs besides its index: the runtime,
	// the related-words table, Bleve's and Discord's working memory.
	memoryBase = 64 << 20
	// indexPerContentByte is how much an index holds, most of all while it
	// is built, per byte of content (measured: 234 MiB at the most for
	// 100,000 squad-dev paragraphs, 90 MiB of JSON Lines), with some room.
	indexPerContentByte = 2.5
)

// memoryLimit is the soft memory limit for command with cfg, or
// math.MaxInt64 (no limit) for commands that hold no index.
func memoryLimit(command string, cfg config.Config) int64 {
	indexes := 0.0
	switch command {
	case "ask", "eval", "index":
		indexes = 1
	case "serve":
		indexes = 2 // the old index answers while a reload builds the new one
	default:
		return math.MaxInt64
	}
	return memoryBase + int64(indexes*indexPerContentByte*float64(int64(cfg.MaxContentMB)<<20))
}
