package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"faqbot/index"
	"faqbot/pgstore"
	"faqbot/reload"
)

// Processes that share DATABASE_URL pass reloads and learned phrasings to
// each other: each publishes what it changed itself, and follows what the
// others publish by reading its own content files again, or rebuilding its
// index with the learned phrasings as the database holds them now. Each
// builds its own index; replicas that read the same content (a shared
// volume, the same image) end up serving the same fingerprint.

// replicaID names this process in notices: its host and pid.
func replicaID() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d", host, os.Getpid())
}

// liveFingerprint is the fingerprint of the content the live index holds.
func liveFingerprint(live *index.Live) string {
	var fp string
	_ = live.With(func(ix *index.Index) error { fp = ix.ContentFingerprint(); return nil })
	return fp
}

// sharedReloader runs this process's reloads, as reload.Manager does, and
// publishes each that succeeds, with the fingerprint now live.
type sharedReloader struct {
	m     *reload.Manager
	live  *index.Live
	store *pgstore.Store
	id    string
	log   *slog.Logger
}

// Reload is reload.Manager.Reload, published.
func (r *sharedReloader) Reload(ctx context.Context) (reload.Report, error) {
	return r.published(ctx, pgstore.NoticeReload)(r.m.Reload(ctx))
}

// ReloadFiles is reload.Manager.ReloadFiles, published.
func (r *sharedReloader) ReloadFiles(ctx context.Context) (reload.Report, error) {
	return r.published(ctx, pgstore.NoticeReload)(r.m.ReloadFiles(ctx))
}

// TryReload is reload.Manager.TryReload, published.
func (r *sharedReloader) TryReload(ctx context.Context) (reload.Report, error) {
	return r.published(ctx, pgstore.NoticeReload)(r.m.TryReload(ctx))
}

// Relearn is reload.Manager.Relearn, published: the other replicas apply
// the phrasing just accepted or removed.
func (r *sharedReloader) Relearn(ctx context.Context) (reload.Report, error) {
	return r.published(ctx, pgstore.NoticeLearned)(r.m.Relearn(ctx))
}

// published publishes a reload of the given kind once it succeeded.
func (r *sharedReloader) published(ctx context.Context, kind string) func(reload.Report, error) (reload.Report, error) {
	return func(rep reload.Report, err error) (reload.Report, error) {
		if err != nil {
			return rep, err
		}
		n := pgstore.Notice{Kind: kind, Fingerprint: liveFingerprint(r.live), From: r.id, At: time.Now()}
		if perr := r.store.Publish(context.WithoutCancel(ctx), n); perr != nil {
			r.log.Warn("the other replicas were not told of this reload", "err", perr)
		} else {
			r.log.Debug("told the other replicas", "kind", kind, "fingerprint", n.Fingerprint)
		}
		return rep, nil
	}
}

// followAction is what a replica does with another's notice.
type followAction int

const (
	followIgnore  followAction = iota // its own, or content it serves already
	followReload                      // read the content files again
	followRelearn                     // rebuild with the learned phrasings as they are now
)

// decideFollow decides what the replica self, serving the content with
// fingerprint serving, does with notice n.
func decideFollow(n pgstore.Notice, self, serving string) followAction {
	switch {
	case n.From == self || (n.Fingerprint != "" && n.Fingerprint == serving):
		return followIgnore
	case n.Kind == pgstore.NoticeLearned:
		return followRelearn
	case n.Kind == pgstore.NoticeReload:
		return followReload
	}
	return followIgnore
}

// followReplicas applies the other replicas' notices to this one until ctx
// ends. Its own reloads are not published again.
func followReplicas(ctx context.Context, r *sharedReloader) {
	r.store.Listen(ctx, func(n pgstore.Notice) {
		serving := liveFingerprint(r.live)
		var err error
		switch decideFollow(n, r.id, serving) {
		case followIgnore:
			return
		case followReload:
			r.log.Info("another replica reloaded: reading the content again", "from", n.From)
			_, err = r.m.ReloadFiles(ctx)
		case followRelearn:
			r.log.Info("another replica changed the learned phrasings: rebuilding", "from", n.From)
			_, err = r.m.Relearn(ctx)
		}
		switch now := liveFingerprint(r.live); {
		case err != nil:
			r.log.Warn("could not follow another replica", "from", n.From, "err", err)
		case n.Fingerprint != "" && now != n.Fingerprint:
			r.log.Warn("this replica's content differs from another's after following it: do they read the same CONTENT_DIR?",
				"from", n.From, "theirs", n.Fingerprint, "ours", now)
		default:
			r.log.Info("following another replica: serving the same content", "from", n.From, "fingerprint", now)
		}
	}, r.log)
}
