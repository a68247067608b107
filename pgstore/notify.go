package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// channel is the LISTEN/NOTIFY channel of notices between replicas.
const channel = "faqbot_content"

// metaNotice is where the latest notice is kept in faqbot_meta.
const metaNotice = "notice"

// Reconnection backoff of Listen.
const (
	minBackoff = 200 * time.Millisecond
	maxBackoff = 10 * time.Second
)

// The kinds of notices.
const (
	// NoticeReload: the sender read the content files again and serves
	// what they hold now.
	NoticeReload = "reload"
	// NoticeLearned: a learned phrasing was accepted or removed; the
	// sender rebuilds its index with the phrasings as they are now.
	NoticeLearned = "learned"
)

// Notice is what one replica tells the others.
type Notice struct {
	Kind        string    `json:"kind"`        // NoticeReload or NoticeLearned
	Fingerprint string    `json:"fingerprint"` // of the content the sender serves (index.Fingerprint), "" when not known yet
	From        string    `json:"from"`        // the sender's replica id
	At          time.Time `json:"at"`
}

// Publish sends n to every replica that listens, and keeps it for those
// that listen later.
func (s *Store) Publish(ctx context.Context, n Notice) error {
	payload, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("publish %s notice: %w", n.Kind, err)
	}
	err = s.tx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO faqbot_meta (key, value) VALUES ($1, $2)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, metaNotice, string(payload)); err != nil {
			return err
		}
		// Delivered when the transaction commits.
		_, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", channel, string(payload))
		return err
	})
	if err != nil {
		return fmt.Errorf("publish %s notice: %w", n.Kind, err)
	}
	return nil
}

// Listen calls fn with every notice published (this replica's own
// included: fn tells them apart by From) until ctx ends. Each time it
// starts listening, it first calls fn with the latest notice kept, if
// there is one, so that a replica that was disconnected catches up. It
// reconnects after errors, waiting longer each time up to maxBackoff.
// Notices are handed to fn one at a time, in order.
func (s *Store) Listen(ctx context.Context, fn func(Notice), log *slog.Logger) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	backoff := minBackoff
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, fn, func() { backoff = minBackoff })
		if ctx.Err() != nil {
			return
		}
		log.Warn("listening for other replicas' reloads failed; trying again", "err", err, "in", backoff)
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return
		}
		backoff = min(2*backoff, maxBackoff)
	}
}

// listenOnce listens on one connection until it fails or ctx ends;
// listening calls connected once it listens.
func (s *Store) listenOnce(ctx context.Context, fn func(Notice), connected func()) error {
	conn, err := pgx.ConnectConfig(ctx, s.conn.Copy())
	if err != nil {
		return fmt.Errorf("connect: %w", err) // pgx names user and database, never the password
	}
	defer func() { _ = conn.Close(context.WithoutCancel(ctx)) }()
	if _, err := conn.Exec(ctx, "LISTEN "+channel); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	connected()
	var latest string
	err = conn.QueryRow(ctx, "SELECT value FROM faqbot_meta WHERE key = $1", metaNotice).Scan(&latest)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return fmt.Errorf("read the latest notice: %w", err)
	default:
		deliver(latest, fn)
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("wait for notices: %w", err)
		}
		deliver(n.Payload, fn)
	}
}

// deliver hands a notice's payload to fn; a payload that is not a notice
// (another program on the channel) is dropped.
func deliver(payload string, fn func(Notice)) {
	var n Notice
	if json.Unmarshal([]byte(payload), &n) != nil || n.Kind == "" {
		return
	}
	fn(n)
}
