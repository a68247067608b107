package feedback

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// schemaVersion is bumped when the layout described in doc.go changes, so
// an older binary refuses a newer file instead of misreading it.
const schemaVersion = 1

// Bucket and meta key names.
const (
	bucketMeta       = "meta"
	bucketUnanswered = "unanswered"
	bucketVotes      = "votes"
	bucketVotesTime  = "votes_time"
	bucketChoices    = "choices"
	bucketChoiceTime = "choices_time"
	bucketLearned    = "learned"

	metaSchema        = "schema"
	metaSalt          = "salt"
	metaNumUnanswered = "n_unanswered"
	metaNumVotes      = "n_votes"
	metaNumChoices    = "n_choices"
)

// buckets are the store's buckets within one transaction.
type buckets struct {
	meta, unanswered, votes, votesTime *bolt.Bucket
	choices, choicesTime, learned      *bolt.Bucket
}

func openBuckets(tx *bolt.Tx) (buckets, error) {
	b := buckets{
		meta:       tx.Bucket([]byte(bucketMeta)),
		unanswered: tx.Bucket([]byte(bucketUnanswered)),
		votes:      tx.Bucket([]byte(bucketVotes)),
		votesTime:  tx.Bucket([]byte(bucketVotesTime)),

		choices:     tx.Bucket([]byte(bucketChoices)),
		choicesTime: tx.Bucket([]byte(bucketChoiceTime)),
		learned:     tx.Bucket([]byte(bucketLearned)),
	}
	if b.meta == nil || b.unanswered == nil || b.votes == nil || b.votesTime == nil ||
		b.choices == nil || b.choicesTime == nil || b.learned == nil {
		return b, errors.New("store file lacks its buckets")
	}
	return b, nil
}

// initSchema creates what a new file lacks (and the buckets of learned
// phrasings, which schema 1 files written before them lack: adding buckets
// changes nothing an older build reads, so the version stays 1), checks the version of an old
// one, and returns the salt. It also recounts the records, so that the
// counters the caps rely on can never drift for longer than one run.
func initSchema(tx *bolt.Tx) (salt string, err error) {
	for _, name := range []string{bucketMeta, bucketUnanswered, bucketVotes, bucketVotesTime, bucketChoices, bucketChoiceTime, bucketLearned} {
		if _, err := tx.CreateBucketIfNotExists([]byte(name)); err != nil {
			return "", fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	b, err := openBuckets(tx)
	if err != nil {
		return "", err
	}

	switch v := b.meta.Get([]byte(metaSchema)); {
	case v == nil:
		if err := putUint(b.meta, metaSchema, schemaVersion); err != nil {
			return "", err
		}
	case len(v) != 8:
		return "", fmt.Errorf("store file has a malformed schema version %x", v)
	case binary.BigEndian.Uint64(v) != schemaVersion:
		return "", fmt.Errorf("store file has schema version %d, this build reads %d", binary.BigEndian.Uint64(v), schemaVersion)
	}

	if v := b.meta.Get([]byte(metaSalt)); v != nil {
		salt = string(v)
	} else {
		raw := make([]byte, 32)
		if _, err := rand.Read(raw); err != nil {
			return "", fmt.Errorf("make salt: %w", err)
		}
		salt = hex.EncodeToString(raw)
		if err := b.meta.Put([]byte(metaSalt), []byte(salt)); err != nil {
			return "", fmt.Errorf("store salt: %w", err)
		}
	}

	if err := putUint(b.meta, metaNumUnanswered, uint64(b.unanswered.Stats().KeyN)); err != nil {
		return "", err
	}
	if err := putUint(b.meta, metaNumVotes, uint64(b.votes.Stats().KeyN)); err != nil {
		return "", err
	}
	if err := putUint(b.meta, metaNumChoices, uint64(b.choices.Stats().KeyN)); err != nil {
		return "", err
	}
	return salt, nil
}

// count reads a record counter from meta.
func count(meta *bolt.Bucket, name string) int {
	v := meta.Get([]byte(name))
	if len(v) != 8 {
		return 0
	}
	return int(binary.BigEndian.Uint64(v))
}

// addCount moves a record counter by delta (never below zero).
func addCount(meta *bolt.Bucket, name string, delta int) error {
	n := max(count(meta, name)+delta, 0)
	return putUint(meta, name, uint64(n))
}

func putUint(meta *bolt.Bucket, name string, v uint64) error {
	if err := meta.Put([]byte(name), binary.BigEndian.AppendUint64(nil, v)); err != nil {
		return fmt.Errorf("store %s: %w", name, err)
	}
	return nil
}
