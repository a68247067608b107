package feedback

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"faqbot/internal/dirlock"
)

// FileName is the name of the store file inside the directory given to Open.
const FileName = "feedback.db"

// lockName is the lock file that makes one process at a time the store's
// owner, and says which.
const lockName = ".faqbot-data.lock"

// Limits that keep the store small whatever members send.
const (
	// MaxUnanswered is how many unanswered questions are kept at most; the
	// oldest are dropped first.
	MaxUnanswered = 10_000
	// MaxVotes is how many votes are kept at most; the oldest are dropped
	// first.
	MaxVotes = 100_000
	// MaxChoices is how many members' choices (of a passage for a
	// phrasing) are kept at most; the oldest are dropped first.
	MaxChoices = 100_000
	// MaxLearned is how many phrasings moderators can decide on (accepted
	// and rejected together).
	MaxLearned = 10_000
	// MaxQuestionRunes is the length a question is cut to before it is stored.
	MaxQuestionRunes = 300
	// MaxPassageIDBytes is the longest passage id accepted.
	MaxPassageIDBytes = 256
)

// Store is the bot's memory of unanswered questions and of votes on passages.
// It is safe for concurrent use: bbolt serialises writers and lets readers
// run alongside them.
type Store struct {
	db        *bolt.DB
	lock      *dirlock.Lock // nil for the memory-only store
	tempDir   string        // removed by Close; set only for the memory-only store
	retention time.Duration
	now       func() time.Time
	salt      string
	lim       limits

	lastPrune atomic.Int64 // unix nanos of the last prune, to prune at most hourly

	closeOnce sync.Once
	closeErr  error

	// SetAside is where Open moved a damaged store file before starting
	// afresh ("" when it did not), for the caller to tell.
	SetAside string
}

// limits are the knobs Open fixes; tests shrink them to exercise the caps
// and the lock timeout without writing ten thousand records.
type limits struct {
	lockTimeout   time.Duration
	pruneEvery    time.Duration
	maxUnanswered int
	maxVotes      int
	maxChoices    int
	maxLearned    int
}

func defaultLimits() limits {
	return limits{
		lockTimeout:   time.Second,
		pruneEvery:    time.Hour,
		maxUnanswered: MaxUnanswered,
		maxVotes:      MaxVotes,
		maxChoices:    MaxChoices,
		maxLearned:    MaxLearned,
	}
}

// Open opens or creates the store file dir/feedback.db for the faqbot
// command owner ("serve", "report"), creating dir if it is missing, and
// deletes the records older than retention. One process at a time owns
// the store: when another one does, Open fails at once with an error that
// is ErrLocked and a *dirlock.HeldError saying which process it is (and
// should anything else hold the file, it gives up after a second). dir ""
// gives a memory-only store that behaves the same and is gone after Close.
// A damaged file (not a database, or pages that do not hold together, as a
// full disk or a crash can leave) is renamed feedback.db.damaged-TIME and a
// new store started: Store.SetAside says so. retention must be positive;
// now is the clock (nil for time.Now).
func Open(dir, owner string, retention time.Duration, now func() time.Time) (*Store, error) {
	return open(dir, owner, retention, now, defaultLimits())
}

func open(dir, owner string, retention time.Duration, now func() time.Time, lim limits) (*Store, error) {
	if retention <= 0 {
		return nil, fmt.Errorf("open feedback store: retention %v is not positive", retention)
	}
	if now == nil {
		now = time.Now
	}
	s := &Store{retention: retention, now: now, lim: lim}

	opts := &bolt.Options{Timeout: lim.lockTimeout}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "faqbot-feedback-*")
		if err != nil {
			return nil, fmt.Errorf("open memory feedback store: %w", err)
		}
		dir, s.tempDir = tmp, tmp
		// The file dies with the store, so syncing it would buy nothing.
		opts.NoSync, opts.NoFreelistSync = true, true
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open feedback store: %w", err)
	} else {
		l, err := dirlock.Acquire(dir, lockName, owner)
		if err != nil {
			var held *dirlock.HeldError
			if errors.As(err, &held) {
				return nil, fmt.Errorf("open feedback store: %w: %w", ErrLocked, held)
			}
			return nil, fmt.Errorf("open feedback store: %w", err)
		}
		s.lock = l
	}

	path := filepath.Join(dir, FileName)
	err := s.openDB(path, opts)
	if errors.Is(err, ErrDamaged) && s.tempDir == "" {
		// A damaged file would stop the bot at every start: it is kept
		// under another name, for whoever wants to recover it, and the
		// bot starts afresh.
		aside := path + ".damaged-" + now().UTC().Format("20060102T150405")
		if rerr := os.Rename(path, aside); rerr != nil {
			err = errors.Join(err, fmt.Errorf("set the damaged file aside: %w", rerr))
		} else {
			s.SetAside = aside
			err = s.openDB(path, opts)
		}
	}
	if err != nil {
		s.release()
		s.removeTemp()
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, fmt.Errorf("open feedback store %s: %w (gave up after %v): %w", path, ErrLocked, lim.lockTimeout, err)
		}
		return nil, fmt.Errorf("open feedback store %s: %w", path, err)
	}
	s.lastPrune.Store(now().UnixNano())
	return s, nil
}

// ErrDamaged is the error of a store file that is not a bbolt database, or
// whose pages do not hold together.
var ErrDamaged = errors.New("the file is damaged")

// openDB opens the bbolt file at path into s, checks that its pages hold
// together (bbolt panics on a damaged page it reads later), and sets up and
// prunes its buckets. A damaged file is an error that is ErrDamaged.
func (s *Store) openDB(path string, opts *bolt.Options) (err error) {
	var db *bolt.DB
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", ErrDamaged, r)
		}
		if err != nil && db != nil {
			_ = db.Close() // the first error is the one worth reporting
		}
	}()
	db, err = bolt.Open(path, 0o600, opts)
	if err != nil {
		if errors.Is(err, berrors.ErrInvalid) || errors.Is(err, berrors.ErrVersionMismatch) || errors.Is(err, berrors.ErrChecksum) {
			err = fmt.Errorf("%w: %w", ErrDamaged, err)
		}
		return err
	}
	if err := db.View(func(tx *bolt.Tx) error {
		var first error
		for err := range tx.Check() { // read to the end: Check stops only then
			first = cmp.Or(first, err)
		}
		return first
	}); err != nil {
		return fmt.Errorf("%w: %w", ErrDamaged, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		salt, err := initSchema(tx)
		if err != nil {
			return err
		}
		s.salt = salt
		b, err := openBuckets(tx)
		if err != nil {
			return err
		}
		_, err = s.prune(b, s.now())
		return err
	})
	if err != nil {
		return err
	}
	s.db = db
	return nil
}

// Close closes the store; for a memory-only store it also removes the file.
// Calling Close again returns the first result.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		err := s.db.Close()
		if s.lock != nil {
			err = errors.Join(err, s.lock.Release())
		}
		if s.tempDir != "" {
			err = errors.Join(err, os.RemoveAll(s.tempDir))
		}
		if err != nil {
			s.closeErr = fmt.Errorf("close feedback store: %w", err)
		}
	})
	return s.closeErr
}

// Salt is the store's random salt for VoterKey. It is made when the store
// file is created and never changes, so a member keeps one key across
// restarts (a memory-only store gets a new salt each time it is opened).
func (s *Store) Salt() string { return s.salt }

// release gives up ownership after a failed open.
func (s *Store) release() {
	if s.lock != nil {
		_ = s.lock.Release() // the open error is the one worth reporting
	}
}

func (s *Store) removeTemp() {
	if s.tempDir != "" {
		_ = os.RemoveAll(s.tempDir) // best effort: it is a temporary directory
	}
}

// view and update run a transaction, reporting use after Close as ErrClosed
// rather than as a bbolt error.
func (s *Store) view(fn func(b buckets) error) error {
	return closedErr(s.db.View(func(tx *bolt.Tx) error {
		b, err := openBuckets(tx)
		if err != nil {
			return err
		}
		return fn(b)
	}))
}

func (s *Store) update(fn func(b buckets) error) error {
	return closedErr(s.db.Update(func(tx *bolt.Tx) error {
		b, err := openBuckets(tx)
		if err != nil {
			return err
		}
		return fn(b)
	}))
}

func closedErr(err error) error {
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return ErrClosed
	}
	return err
}

// cutoff is the time before which records have expired.
func (s *Store) cutoff(now time.Time) time.Time { return now.Add(-s.retention) }
