package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pruneEvery is how often recording questions also prunes.
const pruneEvery = time.Hour

// connectTimeout bounds each new connection, start to finish, when
// DATABASE_URL sets no connect_timeout of its own: a server that accepts
// connections and never answers them is then an error, not a wait without
// end (pgx waits on its context alone by default).
const connectTimeout = 10 * time.Second

// Store is faqbot's shared state in one PostgreSQL database. It is safe
// for concurrent use, and any number of processes may use the same
// database at once.
type Store struct {
	pool      *pgxpool.Pool
	conn      *pgx.ConnConfig // for Listen's own connection
	retention time.Duration
	now       func() time.Time
	salt      string
	lastPrune atomic.Int64 // unix nanos
}

// Open connects to the database at url, brings its schema up to date and
// deletes expired records. retention must be positive; now is the clock
// (nil for time.Now). Errors never show url, which holds a password.
func Open(ctx context.Context, url string, retention time.Duration, now func() time.Time) (*Store, error) {
	if retention <= 0 {
		return nil, fmt.Errorf("open shared store: retention %v is not positive", retention)
	}
	if now == nil {
		now = time.Now
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, errors.New("open shared store: DATABASE_URL cannot be parsed as a PostgreSQL URL")
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = connectTimeout
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open shared store on %s: %w", cfg.ConnConfig.Host, err)
	}
	s := &Store{pool: pool, conn: cfg.ConnConfig.Copy(), retention: retention, now: now}
	if err := s.init(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open shared store on %s:%d/%s: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, err)
	}
	return s, nil
}

func (s *Store) init(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return err
	}
	if err := migrate(ctx, s.pool); err != nil {
		return err
	}
	salt, err := s.initSalt(ctx)
	if err != nil {
		return err
	}
	s.salt = salt
	if _, err := s.Prune(ctx); err != nil {
		return err
	}
	return nil
}

// initSalt reads the voter salt every replica shares, making it when the
// database has none yet.
func (s *Store) initSalt(ctx context.Context) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("make salt: %w", err)
	}
	if _, err := s.pool.Exec(ctx, "INSERT INTO faqbot_meta (key, value) VALUES ('salt', $1) ON CONFLICT (key) DO NOTHING", hex.EncodeToString(raw)); err != nil {
		return "", fmt.Errorf("store salt: %w", err)
	}
	var salt string
	if err := s.pool.QueryRow(ctx, "SELECT value FROM faqbot_meta WHERE key = 'salt'").Scan(&salt); err != nil {
		return "", fmt.Errorf("read salt: %w", err)
	}
	return salt, nil
}

// Close closes the store's connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Salt is the random salt for feedback.VoterKey, made when the database
// was first used and shared by every replica, so that a member has one
// voter key whichever replica they reach.
func (s *Store) Salt() string { return s.salt }

// cutoff is the time before which records have expired.
func (s *Store) cutoff(now time.Time) time.Time { return now.Add(-s.retention) }

// tx runs fn in a transaction.
func (s *Store) tx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}
