package feedback

import (
	"encoding/binary"
	"math"
	"time"
)

// timeKeyLen is the length of a time key: unix nanoseconds and a sequence.
const timeKeyLen = 16

// timeKey orders records by time: 8 bytes of unix nanoseconds with the sign
// bit flipped (so that the unsigned byte order is the signed time order),
// then 8 bytes of sequence to keep records made in the same nanosecond
// apart. timeKey(t, 0) is the first possible key at t, so seeking to it
// starts a scan exactly at t.
func timeKey(t time.Time, seq uint64) []byte {
	k := make([]byte, 0, timeKeyLen)
	k = binary.BigEndian.AppendUint64(k, uint64(unixNano(t))^(1<<63))
	return binary.BigEndian.AppendUint64(k, seq)
}

// keyTime is the time in a time key (the zero Time for a malformed key).
func keyTime(k []byte) time.Time {
	if len(k) < 8 {
		return time.Time{}
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(k)^(1<<63)))
}

// unixNano is t.UnixNano clamped to the range it can represent (years 1678
// to 2262), so that the zero Time as "since" means "from the beginning"
// rather than an arbitrary overflowed value.
func unixNano(t time.Time) int64 {
	switch {
	case t.Before(time.Unix(0, math.MinInt64)):
		return math.MinInt64
	case t.After(time.Unix(0, math.MaxInt64)):
		return math.MaxInt64
	}
	return t.UnixNano()
}

// voteKey is the key of one member's vote on one passage. Passage ids hold
// no NUL byte, so all votes on a passage share the prefix voteKeyPrefix.
func voteKey(passageID, voter string) []byte {
	return append(voteKeyPrefix(passageID), voter...)
}

func voteKeyPrefix(passageID string) []byte {
	k := make([]byte, 0, len(passageID)+1+voterKeyLen)
	k = append(k, passageID...)
	return append(k, 0)
}
