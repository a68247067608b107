package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/content"
	"faqbot/feedback"
	"faqbot/index"
	"faqbot/metrics"
	"faqbot/reload"
)

// answerer is what the bot asks questions of.
type answerer interface {
	Search(ctx context.Context, question string) (index.Result, error)
	Suggest(typed string, limit int) []string
	ByRef(ref string) (content.Passage, bool)
}

// reloader reloads the content; TryReload refuses while one runs. Relearn
// rebuilds the index with the learned phrasings as they are now.
type reloader interface {
	TryReload(ctx context.Context) (reload.Report, error)
	Relearn(ctx context.Context) (reload.Report, error)
}

// recorder keeps feedback and unanswered questions.
type recorder interface {
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
}

// Config is the bot's part of the configuration.
type Config struct {
	GuildID              string
	AnswerChannels       []string
	ModeratorRoles       []string
	NoAnswerMessage      string
	SilentNoAnswer       bool    // mentions without a confident answer get no reply
	MinConfidence        float64 // an answer's least confidence (the answer policy)
	AutoAnswerConfidence float64 // the same, for answering unasked in help channels
	MaxQuestionLength    int
	UserCooldown         time.Duration // least time between two answered questions of one member
	ChannelCooldown      time.Duration // least time between two unasked answers in one help channel
	RepeatWindow         time.Duration // a repeat within it is pointed to the earlier answer; 0: off
	SearchConcurrency    int           // searches at once; 0: one per core
	HandlerTimeout       time.Duration
	Retention            time.Duration
	LearnAutoAccept      int // accept a phrasing once this many members chose the same passage for it; 0: off

	// InteractionsOnly serves interactions handed to Interact (the HTTP
	// endpoint) without connecting to the gateway (GATEWAY=false).
	InteractionsOnly bool
	// ShardCount is the number of gateway shards in all; 0: the count
	// Discord recommends. ShardID is the one shard this process runs, -1
	// for all of them (with ShardCount 0, always all).
	ShardCount, ShardID int
}

// Deps are the parts the bot uses. Reloader, Recorder and Metrics may be
// nil; without Asked, the questions behind buttons are kept in memory.
type Deps struct {
	Answers  answerer
	Reloader reloader
	Recorder recorder
	Asked    askedKeeper
	Metrics  *metrics.Metrics
	Log      *slog.Logger
}

// Bot serves one Discord session.
type Bot struct {
	s        *discordgo.Session
	answers  answerer
	reloader reloader
	record   recorder
	metrics  *metrics.Metrics
	log      *slog.Logger
	cfg      Config
	channels map[string]bool
	limits   limits
	gate     *gate
	roles    *botRoles
	asked    askedKeeper
	seen     *seenEvents     // gateway events handled lately, to skip a second delivery
	replies  *replies        // replies to members' messages, to answer an edited question again
	noEmbeds *warnedChannels // channels the log has said lack Embed Links
	relearn  chan struct{}   // a learned phrasing changed: rebuild the index soon
	learning sync.WaitGroup

	mu       sync.Mutex // guards closing and closed against inflight.Add and refusals.Add
	closing  bool
	inflight sync.WaitGroup
	closed   bool            // the gateway is closed: no event comes any more
	refusals sync.WaitGroup  // interactions told that the bot is stopping (see guard)
	stopping context.Context // done once shutdown begins: stops work that outlives a handler
	stop     context.CancelFunc
	ready    chan struct{}
	once     sync.Once
	appID    atomic.Value // string
	botID    atomic.Value // string
	gateway  shards       // this process's gateway sessions
}

// Intents are the gateway intents the bot needs: guild messages (Discord
// sends the content of messages that mention the bot without more), and
// the privileged Message Content intent only when help channels are
// configured.
func Intents(cfg Config) discordgo.Intent {
	i := discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	if len(cfg.AnswerChannels) > 0 {
		i |= discordgo.IntentMessageContent
	}
	return i
}

// New makes a bot on session s.
func New(s *discordgo.Session, deps Deps, cfg Config) *Bot {
	log := deps.Log
	if log == nil {
		log = slog.Default()
	}
	if cfg.HandlerTimeout <= 0 {
		cfg.HandlerTimeout = 10 * time.Second
	}
	if cfg.MaxQuestionLength <= 0 {
		cfg.MaxQuestionLength = 300
	}
	cfg.RepeatWindow = min(cfg.RepeatWindow, maxRepeatWindow)
	b := &Bot{
		s: s, answers: deps.Answers, reloader: deps.Reloader, record: deps.Recorder,
		metrics: deps.Metrics, log: log, cfg: cfg,
		channels: map[string]bool{},
		limits:   newLimits(cfg),
		gate:     newGate(cfg.SearchConcurrency),
		roles:    newBotRoles(),
		asked:    newAskedQuestions(time.Now),
		seen:     newSeenEvents(),
		replies:  newReplies(time.Now),
		noEmbeds: newWarnedChannels(),
		relearn:  make(chan struct{}, 1),
		ready:    make(chan struct{}),
	}
	if deps.Asked != nil {
		b.asked = deps.Asked
	}
	for _, c := range cfg.AnswerChannels {
		b.channels[c] = true
	}
	b.stopping, b.stop = context.WithCancel(context.Background())
	b.appID.Store("")
	b.botID.Store("")
	return b
}

// Connected reports whether every gateway shard of this process is
// connected (for /healthz).
func (b *Bot) Connected() bool { return b.gateway.connected() }

// Run connects, registers the commands and serves until ctx is done; then
// it stops taking events, waits for handlers in flight (up to the handler
// timeout) and closes the gateway. Without the gateway
// (Config.InteractionsOnly) it registers the commands and serves the
// interactions handed to Interact.
func (b *Bot) Run(ctx context.Context) error {
	b.learning.Go(b.relearnLoop)
	defer b.learning.Wait()
	defer b.stop() // ends relearnLoop on every return

	if err := b.checkToken(ctx); err != nil {
		return err
	}
	if b.cfg.InteractionsOnly {
		return b.runWithoutGateway(ctx)
	}
	return b.runGateway(ctx)
}

// runWithoutGateway serves the interactions endpoint's interactions only.
func (b *Bot) runWithoutGateway(ctx context.Context) error {
	// Without READY, the application is asked for its id.
	if id, err := b.applicationID(ctx); err == nil {
		b.appID.Store(id)
	} else if ctx.Err() == nil {
		b.log.Warn("could not ask Discord for the application's id", "err", err)
	}
	if ctx.Err() == nil {
		if err := b.registerCommands(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("slash commands not registered; serving anyway", "err", err)
		}
		b.log.Info("serving interactions only, without the gateway", "guild", b.cfg.GuildID)
	}
	<-ctx.Done()
	return b.shutdown()
}

// applicationID asks Discord for the bot's application (GET
// applications/@me).
func (b *Bot) applicationID(ctx context.Context) (string, error) {
	endpoint := discordgo.EndpointApplication("@me")
	body, err := b.s.RequestWithBucketID("GET", endpoint, nil, endpoint, discordgo.WithContext(ctx))
	if err != nil {
		return "", fmt.Errorf("get the application: %w", b.apiError(err))
	}
	var app discordgo.Application
	if err := json.Unmarshal(body, &app); err != nil || app.ID == "" {
		return "", fmt.Errorf("get the application: no id in the answer (%v)", err)
	}
	return app.ID, nil
}

// checkToken asks Discord who we are, so that a wrong token is one clear
// error instead of a gateway close code.
func (b *Bot) checkToken(ctx context.Context) error {
	u, err := b.s.User("@me", discordgo.WithContext(ctx))
	if err != nil {
		var rest *discordgo.RESTError
		if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == 401 {
			return errors.New("discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the developer portal")
		}
		// Anything else (a proxy that does not pass this call, say) is
		// not conclusive: the gateway will tell.
		if ctx.Err() == nil {
			b.log.Warn("could not check the token before connecting", "err", b.apiError(err))
		}
		return nil
	}
	b.botID.Store(u.ID)
	return nil
}

func (b *Bot) registerCommands(ctx context.Context) error {
	appID, _ := b.appID.Load().(string)
	if appID == "" {
		// A bot's application ID is, for bots made the usual way, its user
		// ID.
		appID, _ = b.botID.Load().(string)
	}
	if appID == "" {
		return errors.New("register commands: READY named no application")
	}
	cmds, err := b.s.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, commandSet(b.cfg), discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("register slash commands: %w", b.apiError(err))
	}
	where := "globally (may take up to an hour to appear)"
	if b.cfg.GuildID != "" {
		where = "in guild " + b.cfg.GuildID
	}
	b.log.Info("commands registered", "count", len(cmds), "where", where)
	return nil
}

// shutdown stops taking events, lets handlers in flight finish and closes
// the gateway.
func (b *Bot) shutdown() error {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	b.log.Info("shutting down: finishing the events in flight")
	b.stop()
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.cfg.HandlerTimeout + time.Second):
		b.log.Warn("shutdown: handlers still running after the timeout")
	}
	err := b.gateway.close(b.metrics)
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.refusals.Wait()
	if err != nil {
		return fmt.Errorf("close Discord session: %w", err)
	}
	if !b.cfg.InteractionsOnly {
		b.log.Info("disconnected from Discord")
	}
	return nil
}
