package feedback

import (
	"strings"
	"testing"
)

func TestVoterKey(t *testing.T) {
	const id = "123456789012345678"
	for _, tc := range []struct {
		name         string
		salt, userID string
		want         string
	}{
		// sha256("") and sha256("abc"), the standard test vectors.
		{"empty", "", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"salt then id", "a", "bc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := VoterKey(tc.salt, tc.userID); got != tc.want {
				t.Errorf("VoterKey(%q, %q) = %s, want %s", tc.salt, tc.userID, got, tc.want)
			}
		})
	}

	k := VoterKey("salt", id)
	if k != VoterKey("salt", id) {
		t.Error("VoterKey is not deterministic")
	}
	if k == VoterKey("other salt", id) {
		t.Error("VoterKey ignores the salt")
	}
	if strings.Contains(k, id) {
		t.Error("VoterKey reveals the user id")
	}
	if err := checkVoter(k); err != nil {
		t.Errorf("RecordVote would refuse a VoterKey: %v", err)
	}
}
