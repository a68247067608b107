package fakediscord

import (
	"crypto/ed25519"
	"crypto/rand"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Defaults used when no Option or builder field says otherwise. They are fixed, snowflake-like
// ids so that tests can name them without asking the server. The application id differs from
// the bot user id on purpose: a bot must take it from READY, not guess it.
const (
	DefaultToken         = "test-token"
	DefaultBotUserID     = "100000000000000001"
	DefaultBotUsername   = "faqbot"
	DefaultApplicationID = "100000000000000002"
	DefaultGuildID       = "200000000000000001"
	DefaultBotRoleID     = "200000000000000003" // the role Discord manages for the bot in DefaultGuildID
	DefaultChannelID     = "200000000000000002"
	DefaultUserID        = "300000000000000001"
	DefaultUsername      = "member"
)

// Option changes how Start configures a Server.
type Option func(*config)

type config struct {
	key         ed25519.PrivateKey // signs requests to an interactions endpoint
	token       string
	botUserID   string
	botUsername string
	appID       string
	heartbeat   time.Duration
	shards      int // recommended by GET gateway/bot
	concurrency int // max_concurrency of GET gateway/bot
}

// WithToken sets the bot token the server accepts, without the "Bot " prefix.
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithBotUser sets the id and username of the bot's own user.
func WithBotUser(id, username string) Option {
	return func(c *config) { c.botUserID, c.botUsername = id, username }
}

// WithApplicationID sets the application id sent in READY and expected in command routes.
func WithApplicationID(id string) Option { return func(c *config) { c.appID = id } }

// WithShards sets what GET gateway/bot recommends: the number of shards, and how many may
// identify at once (max_concurrency). The default is one shard, one at a time.
func WithShards(shards, maxConcurrency int) Option {
	return func(c *config) { c.shards, c.concurrency = shards, maxConcurrency }
}

// WithHeartbeatInterval sets the heartbeat_interval announced in HELLO (default 45s).
func WithHeartbeatInterval(d time.Duration) Option { return func(c *config) { c.heartbeat = d } }

// Server is a running fake Discord: REST under /api/v<N>/ and a gateway websocket at /gateway.
// All methods are safe for concurrent use.
type Server struct {
	cfg       config
	http      *httptest.Server
	routes    []route
	seq       atomic.Int64   // gateway dispatch sequence, shared by all connections
	handlers  sync.WaitGroup // running gateway connections
	closeOnce sync.Once

	mu           sync.Mutex
	changed      chan struct{} // closed and replaced whenever anything below changes
	closed       bool
	lastID       int64
	requests     []Request
	rateLimits   map[string]int
	faults       []*fault
	commands     map[string][]map[string]any // by guild id, "" for global
	interactions map[string]*interaction     // by interaction id
	tokens       map[string]*interaction     // the same, by interaction token
	identifies   []Identify
	sessions     map[string]Identify // by session id, for RESUME
	conns        map[*gatewayConn]bool
	current      *gatewayConn // the connection Dispatch writes to
}

// Start runs a Server on 127.0.0.1 and closes it when the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatalf("fakediscord: make the application's key: %v", err)
	}
	cfg := config{
		key:         key,
		token:       DefaultToken,
		botUserID:   DefaultBotUserID,
		botUsername: DefaultBotUsername,
		appID:       DefaultApplicationID,
		heartbeat:   45 * time.Second,
		shards:      1,
		concurrency: 1,
	}
	for _, opt := range opts {
		opt(&cfg)
	}
	s := &Server{
		cfg:          cfg,
		changed:      make(chan struct{}),
		lastID:       900000000000000000,
		rateLimits:   map[string]int{},
		commands:     map[string][]map[string]any{},
		interactions: map[string]*interaction{},
		tokens:       map[string]*interaction{},
		sessions:     map[string]Identify{},
		conns:        map[*gatewayConn]bool{},
	}
	s.routes = s.restRoutes()
	// A plain handler rather than http.ServeMux: the mux "cleans" paths such as
	// applications//commands with a redirect, which would hide a bot's empty id.
	s.http = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/api/"):
			s.serveREST(w, r)
		case r.URL.Path == "/gateway" || r.URL.Path == "/gateway/":
			s.serveGateway(w, r)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

// Close closes every gateway connection (close code 1001) and the HTTP server, and waits for
// the server's goroutines to end. It is safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		s.current = nil
		conns := make([]*gatewayConn, 0, len(s.conns))
		for c := range s.conns {
			conns = append(conns, c)
		}
		s.notifyLocked()
		s.mu.Unlock()

		for _, c := range conns {
			c.close(closeGoingAway, "server closing")
		}
		s.handlers.Wait()
		s.http.Close()
	})
}

// URL returns the server's root, e.g. "http://127.0.0.1:PORT/"; it stands in for
// "https://discord.com/".
func (s *Server) URL() string { return s.http.URL + "/" }

// APIURL returns the REST root discordgo uses, e.g. "http://127.0.0.1:PORT/api/v9/"; it stands
// in for discordgo.EndpointAPI.
func (s *Server) APIURL() string {
	return s.URL() + strings.TrimPrefix(discordgo.EndpointAPI, discordgo.EndpointDiscord)
}

// GatewayURL returns the websocket address that GET gateway announces.
func (s *Server) GatewayURL() string {
	return "ws" + strings.TrimPrefix(s.http.URL, "http") + "/gateway"
}

// Token returns the bot token the server accepts, without the "Bot " prefix.
func (s *Server) Token() string { return s.cfg.token }

// BotUserID returns the id of the bot's own user.
func (s *Server) BotUserID() string { return s.cfg.botUserID }

// ApplicationID returns the bot's application id.
func (s *Server) ApplicationID() string { return s.cfg.appID }

// newID returns a fresh snowflake-like id.
func (s *Server) newID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lastID++
	return strconv.FormatInt(s.lastID, 10)
}

// notifyLocked wakes everything blocked in await; the caller holds s.mu.
func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// await polls done, waking on every state change, until it is true or timeout passes.
// done runs without s.mu held, so it may call the Server's methods.
func (s *Server) await(timeout time.Duration, done func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		changed := s.changed // taken before done() so no change can slip between them
		s.mu.Unlock()
		if done() {
			return true
		}
		select {
		case <-changed:
		case <-deadline.C:
			return false
		}
	}
}

// botUser returns the bot's user object in Discord's wire format.
func (s *Server) botUser() map[string]any {
	return map[string]any{
		"id":            s.cfg.botUserID,
		"username":      s.cfg.botUsername,
		"discriminator": "0",
		"global_name":   nil,
		"avatar":        nil,
		"bot":           true,
	}
}
