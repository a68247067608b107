package main

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"faqbot/bot"
	"faqbot/config"
	"faqbot/content"
	"faqbot/feedback"
	"faqbot/index"
	"faqbot/interactions"
	"faqbot/internal/httpserver"
	"faqbot/metrics"
	"faqbot/pgstore"
	"faqbot/reload"
)

// runServe answers questions in Discord until SIGINT or SIGTERM; SIGHUP
// (and /faq reload, and the file watcher) reloads the content.
func runServe(ctx context.Context, a *app, args []string) error {
	fs := a.flags("serve", "")
	path := a.contentFlag(fs)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	cfg := a.cfg
	if cfg.DiscordToken == "" {
		return errors.New("DISCORD_TOKEN is not set: put the bot token in .env (see README, \"Serving in Discord\")")
	}
	m := metrics.New()
	loader := func(ctx context.Context) (*content.Collection, error) { return a.loadContent(ctx, *path) }
	// At start-up there is no older index to fall back on: serve what
	// loaded, and say what did not.
	indexes, err := a.indexStore(ctx, "serve")
	if err != nil {
		return a.startErr(ctx, err)
	}
	if indexes != nil {
		defer func() { _ = indexes.Close() }()
	}
	// CONTENT_URLS are fetched once this process owns INDEX_DIR, so that a
	// second bot started by mistake gives up before it writes anything.
	fetch := a.fetchStep(*path) // nil without CONTENT_URLS
	if fetch != nil {
		fetch(ctx)
	}
	// The feedback store holds the learned phrasings, which are indexed
	// with the content from the start.
	var store feedbackStore
	var shared *pgstore.Store // with DATABASE_URL: the state replicas share
	switch {
	case cfg.DatabaseURL != "":
		if shared, err = a.openShared(ctx); err != nil {
			return a.startErr(ctx, err)
		}
		store = shared
		a.log.Info("feedback, learned phrasings and reloads shared through PostgreSQL", "database", cfg.DatabaseName())
		if cfg.DataDir != "" {
			a.log.Info("DATA_DIR is not used for feedback while DATABASE_URL is set", "dir", cfg.DataDir)
		}
	default:
		fs, err := feedback.Open(cfg.DataDir, "serve", cfg.Retention(), time.Now)
		if err != nil {
			return err
		}
		a.toldSetAside(fs)
		store = fs
		if cfg.DataDir == "" {
			a.log.Warn("DATA_DIR is not set: feedback, unanswered questions and learned phrasings are kept in memory only")
		}
	}
	defer func() { _ = store.Close() }()
	learned := learnedStep(store, a.log)

	c, stamp, err := a.readContent(ctx, *path, indexes)
	if err != nil {
		return a.startErr(ctx, err)
	}
	a.logProblems(c)
	withLearned, err := learned(ctx, c.Passages)
	if err != nil {
		return a.startErr(ctx, err)
	}
	ix, err := a.openIndex(ctx, &content.Collection{Passages: withLearned, Synonyms: c.Synonyms}, indexes)
	if err != nil {
		return a.startErr(ctx, err)
	}
	a.saveContent(indexes, ix, stamp, c)
	live := index.NewLive(ix)
	defer func() {
		if err := live.Close(); err != nil {
			a.log.Warn("close index", "err", err)
		}
	}()
	reload.ObservePassages(m, withLearned)

	var stampFiles func(context.Context) (string, error)
	if *path != "" {
		stampFiles = func(ctx context.Context) (string, error) { return content.Stamp(ctx, *path, a.contentOptions()) }
	}
	policy := a.policy()
	manager := reload.New(live, loader, reload.Options{Store: indexes, Log: a.log, Observer: m, Fetch: fetch,
		Learned: learned, Content: c, Stamp: stampFiles, ContentStamp: stamp, Policy: &policy})
	var reloader reloader = manager
	deps := bot.Deps{Answers: live, Reloader: manager, Recorder: store, Metrics: m, Log: a.log}
	if shared != nil {
		r := &sharedReloader{m: manager, live: live, store: shared, id: replicaID(), log: a.log}
		reloader, deps.Reloader, deps.Asked = r, r, shared
	}
	botCfg := botConfig(cfg)
	sess, err := bot.NewSession(cfg.DiscordToken, cfg.APIURL, bot.Intents(botCfg))
	if err != nil {
		return err
	}
	b := bot.New(sess, deps, botCfg)

	if cfg.InteractionsAddr != "" {
		srv := interactions.NewServer(cfg.InteractionsAddr, interactions.NewEndpoint(cfg.PublicKey, b, a.log), a.log)
		if err := srv.Start(); err != nil {
			return err
		}
		a.log.Info("interactions endpoint", "addr", srv.Addr())
		defer shutdown(srv.Server)
	}
	if cfg.MetricsAddr != "" {
		checks := map[string]metrics.Check{
			"index": func(context.Context) error { return live.With(func(*index.Index) error { return nil }) },
		}
		if cfg.Gateway {
			checks["gateway"] = func(context.Context) error {
				if !b.Connected() {
					return errors.New("not connected to the Discord gateway")
				}
				return nil
			}
		}
		srv := metrics.NewServer(cfg.MetricsAddr, m, checks, a.log)
		if err := srv.Start(); err != nil {
			return err
		}
		a.log.Info("metrics and health", "addr", srv.Addr())
		defer shutdown(srv.Server)
	}

	// Reloads started by SIGHUP or the watcher stop with the bot, and
	// finish before the index and its store are closed.
	bg, stopBackground := context.WithCancel(ctx)
	var background sync.WaitGroup
	defer func() {
		stopBackground()
		background.Wait()
	}()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	background.Go(func() { reloadOnHangup(bg, a, hup, reloader) })
	if r, ok := reloader.(*sharedReloader); ok {
		background.Go(func() { followReplicas(bg, r) })
	}
	if cfg.WatchContent {
		if *path == "" {
			a.log.Warn("WATCH_CONTENT needs CONTENT_DIR (the built-in content never changes)")
		} else if err := watchContent(bg, a, *path, reloader, &background); err != nil {
			return err
		}
	}
	if err := b.Run(ctx); err != nil {
		return err
	}
	a.log.Info("stopped")
	return nil
}

// shutdown stops an HTTP server of serve's, giving requests in flight a
// few seconds.
func shutdown(srv *httpserver.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
}

// startErr is what the error of a start-up step means: nothing when the
// process was asked to stop meanwhile (SIGTERM while the content is read
// or indexed is an ordinary exit), else the error.
func (a *app) startErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		a.log.Info("stopped before serving")
		return nil
	}
	return err
}

func botConfig(cfg config.Config) bot.Config {
	return bot.Config{
		GuildID:              cfg.GuildID,
		AnswerChannels:       cfg.AnswerChannels,
		ModeratorRoles:       cfg.ModeratorRoles,
		NoAnswerMessage:      cfg.NoAnswerMessage,
		SilentNoAnswer:       cfg.NoAnswerMode == config.NoAnswerSilent,
		MinConfidence:        cfg.MinConfidence,
		AutoAnswerConfidence: cfg.AutoAnswerConfidence,
		MaxQuestionLength:    cfg.MaxQuestionLength,
		UserCooldown:         cfg.UserCooldown,
		ChannelCooldown:      cfg.ChannelCooldown,
		RepeatWindow:         cfg.RepeatWindow,
		HandlerTimeout:       cfg.HandlerTimeout,
		Retention:            cfg.Retention(),
		LearnAutoAccept:      cfg.LearnAutoAccept,
		InteractionsOnly:     !cfg.Gateway,
		ShardCount:           cfg.ShardCount,
		ShardID:              cfg.ShardID,
	}
}

// reloader reloads the content as SIGHUP and the watcher ask: a
// reload.Manager, or with DATABASE_URL a sharedReloader that tells the
// other replicas.
type reloader interface {
	Reload(ctx context.Context) (reload.Report, error)
	ReloadFiles(ctx context.Context) (reload.Report, error)
}

// reloadOnHangup reloads on every SIGHUP until ctx is done.
func reloadOnHangup(ctx context.Context, a *app, hup <-chan os.Signal, r reloader) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			a.log.Info("SIGHUP: reloading content")
			_, _ = r.Reload(ctx) // the reloader logs the outcome
		}
	}
}
