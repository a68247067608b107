package feedback

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// voterKeyLen is the length of a VoterKey: hex SHA-256.
const voterKeyLen = 2 * sha256.Size

// VoterKey is the opaque key RecordVote takes for a member: the hex SHA-256
// of salt followed by userID. With the store's Salt it is stable for a member
// but does not reveal the member's id, and the same id gives unrelated keys
// in stores with different salts.
func VoterKey(salt, userID string) string {
	sum := sha256.Sum256([]byte(salt + userID))
	return hex.EncodeToString(sum[:])
}

// checkVoter accepts only what VoterKey makes (64 lower-case hex digits), so
// a raw user id cannot end up in the store by mistake.
func checkVoter(voter string) error {
	if len(voter) != voterKeyLen || strings.Trim(voter, "0123456789abcdef") != "" {
		return ErrInvalidVoter
	}
	return nil
}

// checkPassageID accepts non-empty ids of at most MaxPassageIDBytes without
// a NUL byte (NUL separates the passage from the voter in vote keys).
func checkPassageID(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("%w: empty", ErrInvalidPassageID)
	case len(id) > MaxPassageIDBytes:
		return fmt.Errorf("%w: %d bytes, at most %d", ErrInvalidPassageID, len(id), MaxPassageIDBytes)
	case strings.IndexByte(id, 0) >= 0:
		return fmt.Errorf("%w: holds a NUL byte", ErrInvalidPassageID)
	}
	return nil
}
