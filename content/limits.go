package content

import (
	"context"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits bound what one load reads, so that no content tree, however big
// or hostile, can exhaust the bot's memory: each limit reached is a problem
// naming the file (and line) where it was reached, and nothing after it is
// read. The defaults are far above what a community writes.
type Limits struct {
	// MaxBytes is the most content read in all files together
	// (MAX_CONTENT_MB); 0 means DefaultMaxBytes.
	MaxBytes int64
	// MaxPassages is the most passages read (MAX_PASSAGES); 0 means
	// DefaultMaxPassages.
	MaxPassages int
}

// Default limits: about 25,000 printed pages, and ten times the passages of
// a large wiki; the search index stays fast and within a few hundred MB at
// that size.
const (
	DefaultMaxBytes    = 100 << 20
	DefaultMaxPassages = 100_000
)

// Limits on single files. A content file is written by a person: anything
// bigger is a mistake (a dump, a binary) or an attack, and is reported
// without being read.
const (
	// maxAliases is the most aliases one FAQ pair keeps: real entries have
	// a handful, and every phrasing is compared with every question.
	maxAliases = 200
	// maxFileBytes is the largest content file.
	maxFileBytes = 10 << 20
	// maxMarkdownBytes is the largest Markdown file (about 80,000 words):
	// the Markdown parser needs up to a second and a half for a MiB of the
	// most awkward input, and cannot be interrupted.
	maxMarkdownBytes = 512 << 10
	// maxFileProblems is how many problems, and how many notes, are
	// listed for one file; the rest are counted. A moderator fixes the
	// first ones first, and a file broken on every line is one mistake.
	maxFileProblems = 100
)

// Limits on synonyms. Every term of a group is made equivalent to every
// other when the index is built, which takes time that grows with the cube
// of a group's size (3,000 terms on one line held a build for half a
// minute) and with the square of all terms; real groups have a handful.
const (
	// maxGroupTerms is the most terms in one synonym line.
	maxGroupTerms = 100
	// maxSynonymTerms is the most synonym terms in all files together.
	maxSynonymTerms = 10_000
)

// MaxFileBytes is the largest file of this name that a load reads; a
// larger one is a problem. What writes content files (faqbot fetch) keeps
// within it, so that what it saves can be read.
func MaxFileBytes(name string) int64 {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".ytag", ".tag": // tag files are Markdown after their header
		return maxMarkdownBytes
	}
	return maxFileBytes
}

// withDefaults fills in the zero limits.
func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxPassages <= 0 {
		l.MaxPassages = DefaultMaxPassages
	}
	return l
}

// budget is what remains of the limits while one tree loads.
type budget struct {
	limits    Limits
	bytes     int64 // left to read
	passages  int   // left to emit
	exhausted bool  // a limit was reached: nothing more is read

	synonymTerms int  // synonym terms left to read
	synonymsFull bool // maxSynonymTerms was reached: no more synonyms are read
}

func newBudget(l Limits) *budget {
	l = l.withDefaults()
	return &budget{limits: l, bytes: l.MaxBytes, passages: l.MaxPassages, synonymTerms: maxSynonymTerms}
}

// takeSynonym reserves the n terms of one synonym line, or reports (once)
// that the synonyms are past their limit, after which every line is left
// out without a word.
func (b *budget) takeSynonym(n int) (ok bool, msg string) {
	switch {
	case b.synonymsFull:
		return false, ""
	case n > b.synonymTerms:
		b.synonymsFull = true
		return false, fmt.Sprintf("the synonyms have more than %d terms in total: this line and the rest of the synonyms are left out", maxSynonymTerms)
	}
	b.synonymTerms -= n
	return true, ""
}

// takeBytes reserves n bytes, or reports (once) that the total limit is
// reached.
func (b *budget) takeBytes(n int64) (ok bool, msg string) {
	if b.exhausted {
		return false, ""
	}
	if n > b.bytes {
		b.exhausted = true
		return false, fmt.Sprintf("the content is larger than %s in total (MAX_CONTENT_MB): this file and the rest of the content are not read", SizeText(b.limits.MaxBytes))
	}
	b.bytes -= n
	return true, ""
}

// takePassage reserves one passage, or reports (once) that the limit is
// reached.
func (b *budget) takePassage() (ok bool, msg string) {
	if b.exhausted {
		return false, ""
	}
	if b.passages == 0 {
		b.exhausted = true
		return false, fmt.Sprintf("the content has more than %d passages (MAX_PASSAGES): this one and the rest of the content are not read", b.limits.MaxPassages)
	}
	b.passages--
	return true, ""
}

// SizeText writes a size limit for people: "100 MiB", "512 KiB", or bytes
// when it is neither.
func SizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// readChunk is how much is read between two looks at the context.
const readChunk = 64 << 10

// readBounded reads r to its end, but no more than limit bytes (a longer
// file is an error, and at most limit+1 bytes are held), and stops when ctx
// is done, so that a slow disk cannot hold up a shutdown.
func readBounded(ctx context.Context, r io.Reader, limit int64) ([]byte, error) {
	buf := []byte{}
	chunk := make([]byte, readChunk)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		n, err := r.Read(chunk[:min(int64(len(chunk)), limit+1-int64(len(buf)))])
		buf = append(buf, chunk[:n]...)
		if int64(len(buf)) > limit {
			return nil, errTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// errTooLarge is a file that grew past its limit while being read.
var errTooLarge = fmt.Errorf("file too large")
