package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
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
}

// Deps are the parts the bot uses. Reloader, Recorder and Metrics may be
// nil.
type Deps struct {
	Answers  answerer
	Reloader reloader
	Recorder recorder
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
	asked    *askedQuestions
	relearn  chan struct{} // a learned phrasing changed: rebuild the index soon
	learning sync.WaitGroup

	mu       sync.Mutex // guards closing against inflight.Add
	closing  bool
	inflight sync.WaitGroup
	stopping context.Context // done once shutdown begins: stops work that outlives a handler
	stop     context.CancelFunc
	ready    chan struct{}
	once     sync.Once
	appID    atomic.Value // string
	botID    atomic.Value // string
	online   atomic.Bool
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
		relearn:  make(chan struct{}, 1),
		ready:    make(chan struct{}),
	}
	for _, c := range cfg.AnswerChannels {
		b.channels[c] = true
	}
	b.stopping, b.stop = context.WithCancel(context.Background())
	b.appID.Store("")
	b.botID.Store("")
	return b
}

// Connected reports whether the gateway is connected (for /healthz).
func (b *Bot) Connected() bool { return b.online.Load() }

// Run connects, registers the commands and serves until ctx is done; then
// it stops taking events, waits for handlers in flight (up to the handler
// timeout) and closes the gateway.
func (b *Bot) Run(ctx context.Context) error {
	b.s.AddHandler(b.onReady)
	b.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Connect) { b.setOnline(true) })
	b.s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) { b.setOnline(false) })
	b.s.AddHandler(func(s *discordgo.Session, i *discordgo.InteractionCreate) {
		b.guard("interaction", func(ctx context.Context) { b.onInteraction(ctx, i) })
	})
	b.s.AddHandler(func(s *discordgo.Session, m *discordgo.MessageCreate) {
		b.guard("message", func(ctx context.Context) { b.onMessage(ctx, m) })
	})
	b.s.AddHandler(func(_ *discordgo.Session, e *discordgo.Event) { b.onEvent(e) })

	b.learning.Go(b.relearnLoop)
	defer b.learning.Wait()
	defer b.stop() // ends relearnLoop on every return

	if err := b.checkToken(ctx); err != nil {
		return err
	}
	if err := b.open(ctx); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return nil // stopped while connecting
	}
	select {
	case <-b.ready:
	case <-ctx.Done():
	case <-time.After(30 * time.Second):
		_ = b.s.Close()
		return errors.New("connect to Discord: no READY from the gateway within 30s")
	}
	if ctx.Err() == nil {
		// Commands registered before keep working, and mentions need none:
		// a failed registration is reported, not fatal.
		if err := b.registerCommands(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("slash commands not registered; serving anyway", "err", err)
		}
		b.log.Info("serving", "guild", b.cfg.GuildID, "help_channels", len(b.cfg.AnswerChannels))
	}
	<-ctx.Done()
	return b.shutdown()
}

func (b *Bot) setOnline(v bool) {
	b.online.Store(v)
	b.metrics.Gateway(v)
}

// open connects to the gateway. Connecting can take long (the gateway
// lookup and the websocket handshake have their own, long timeouts), so a
// shutdown does not wait for it: the session is closed when it is done.
func (b *Bot) open(ctx context.Context) error {
	opened := make(chan error, 1)
	go func() { opened <- b.s.Open() }()
	select {
	case err := <-opened:
		if err != nil {
			return fmt.Errorf("connect to Discord gateway: %w", explainOpen(b.apiError(err)))
		}
		return nil
	case <-ctx.Done():
		go func() {
			if <-opened == nil {
				_ = b.s.Close()
			}
		}()
		return nil
	}
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

// explainOpen turns the gateway close codes a moderator can fix into
// plain advice.
func explainOpen(err error) error {
	msg := err.Error()
	if strings.Contains(msg, "4004") {
		return errors.New("discord rejected DISCORD_TOKEN (gateway 4004): copy the bot token again from the developer portal")
	}
	if strings.Contains(msg, "4014") {
		return errors.New("discord refused the Message Content intent (4014): enable it for the bot in the developer portal, or leave ANSWER_CHANNELS empty")
	}
	return err
}

func (b *Bot) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.Application != nil {
		b.appID.Store(r.Application.ID)
	}
	if r.User != nil {
		b.botID.Store(r.User.ID)
	}
	b.setOnline(true)
	b.once.Do(func() { close(b.ready) })
	b.log.Info("connected to Discord", "user", r.User.Username, "guilds", len(r.Guilds))
}

// onEvent reads the raw events discordgo decodes only in part: the bot's
// managed role is known by its tags, which discordgo's Role lacks.
func (b *Bot) onEvent(e *discordgo.Event) {
	me, _ := b.botID.Load().(string)
	if me == "" {
		return
	}
	if guild, role, changed := b.roles.learn(e.Type, e.RawData, me); changed {
		b.log.Debug("bot role", "guild", guild, "role", role)
	}
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
	b.log.Info("slash commands registered", "count", len(cmds), "where", where)
	return nil
}

// shutdown stops taking events, lets handlers in flight finish and closes
// the gateway.
func (b *Bot) shutdown() error {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	b.stop()
	done := make(chan struct{})
	go func() { b.inflight.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(b.cfg.HandlerTimeout + time.Second):
		b.log.Warn("shutdown: handlers still running after the timeout")
	}
	err := b.s.Close()
	b.setOnline(false)
	if err != nil {
		return fmt.Errorf("close Discord session: %w", err)
	}
	b.log.Info("disconnected from Discord")
	return nil
}
