package content

import "sort"

// lineStarts are the byte offsets where the lines of a text start, for
// naming the line of any offset in it.
type lineStarts []int

func newLineStarts(src string) lineStarts {
	starts := lineStarts{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// line is the line (from 1) that holds byte offset pos.
func (ls lineStarts) line(pos int) int {
	return sort.SearchInts(ls, pos+1)
}

// start is the offset where the line holding pos starts.
func (ls lineStarts) start(pos int) int {
	return ls[ls.line(pos)-1]
}
