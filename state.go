package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"faqbot/feedback"
	"faqbot/internal/dirlock"
	"faqbot/pgstore"
)

// feedbackStore is where feedback, unanswered questions and learned
// phrasings are kept: DATA_DIR's bbolt file (feedback.Store), or the
// PostgreSQL database of DATABASE_URL that replicas share
// (pgstore.Store). The bot takes either, through the same methods.
type feedbackStore interface {
	RecordUnanswered(ctx context.Context, question, bestID string) error
	RecordVote(ctx context.Context, passageID, voter string, up bool) error
	Unanswered(ctx context.Context, since time.Time, limit int) ([]feedback.Question, error)
	Disliked(ctx context.Context, limit int) ([]feedback.PassageVotes, error)
	Salt() string
	RecordChoice(ctx context.Context, question, passageID, voter string) (feedback.Phrasing, error)
	WithdrawChoice(ctx context.Context, question, passageID, voter string) error
	Pending(ctx context.Context, limit int) ([]feedback.Phrasing, error)
	Decided(ctx context.Context, state feedback.State) ([]feedback.Phrasing, error)
	Decide(ctx context.Context, id string, accept bool, by string) (feedback.Phrasing, error)
	Close() error
}

// openShared opens DATABASE_URL's store, naming the database (never its
// password) in errors.
func (a *app) openShared(ctx context.Context) (*pgstore.Store, error) {
	store, err := pgstore.Open(ctx, a.cfg.DatabaseURL, a.cfg.Retention(), time.Now)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL (%s): %w", a.cfg.DatabaseName(), err)
	}
	return store, nil
}

// openFeedback opens the store for a command run beside the bot (report,
// export): DATABASE_URL's, which any number of processes share, or DATA_DIR's,
// saying what to do instead when the bot owns it.
func (a *app) openFeedback(ctx context.Context, command, instead string) (feedbackStore, error) {
	if a.cfg.DatabaseURL != "" {
		return a.openShared(ctx)
	}
	if a.cfg.DataDir == "" {
		return nil, usageError("%s needs DATA_DIR or DATABASE_URL (where the bot keeps feedback)", command)
	}
	// A reader makes no store: a DATA_DIR mistyped, or not the bot's
	// volume, would otherwise be created and listed as empty, as if
	// nobody had asked anything.
	if _, err := os.Stat(filepath.Join(a.cfg.DataDir, feedback.FileName)); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("DATA_DIR %s holds no %s: no bot has kept feedback there; is it the directory the bot was given?", a.cfg.DataDir, feedback.FileName)
	}
	store, err := feedback.Open(a.cfg.DataDir, command, a.cfg.Retention(), time.Now)
	var held *dirlock.HeldError
	switch {
	case errors.As(err, &held):
		return nil, fmt.Errorf("%w; %s, or stop it", held, instead)
	case err != nil:
		return nil, fmt.Errorf("%w (while the bot runs, %s)", err, instead)
	}
	a.toldSetAside(store)
	return store, nil
}

// toldSetAside logs that the feedback store's file was damaged and set
// aside, when it was.
func (a *app) toldSetAside(s *feedback.Store) {
	if s.SetAside != "" {
		a.log.Error("the feedback store was damaged: it was set aside and a new one started; feedback, unanswered questions and learned phrasings start empty", "set_aside", s.SetAside)
	}
}
