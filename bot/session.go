package bot

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// restTimeout bounds every REST call to Discord.
const restTimeout = 15 * time.Second

// idleConnsPerHost is how many connections to Discord's API stay open
// between calls. Go's default of two means that after a burst of replies
// (many members asking at once) all but two connections are closed, and
// the next burst dials and shakes hands with TLS again for each reply.
const idleConnsPerHost = 64

// NewSession makes a discordgo session for token. When apiURL is set, every
// REST call goes to it instead of Discord's API (a REST proxy, or a fake
// Discord in tests), and so does the gateway lookup, so the gateway is the
// one that API names. discordgo computes its endpoint strings once at
// start-up, so the base is rewritten in the HTTP transport, which sees
// every call.
func NewSession(token, apiURL string, intents discordgo.Intent) (*discordgo.Session, error) {
	if strings.TrimSpace(token) == "" {
		return nil, fmt.Errorf("DISCORD_TOKEN is not set: put the bot token in .env (see README, \"Serving in Discord\")")
	}
	s, err := discordgo.New("Bot " + strings.TrimPrefix(token, "Bot "))
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	pool := http.DefaultTransport.(*http.Transport).Clone()
	pool.MaxIdleConnsPerHost = idleConnsPerHost
	var transport http.RoundTripper = pool
	if apiURL != "" {
		base, err := url.Parse(apiURL)
		if err != nil {
			return nil, fmt.Errorf("DISCORD_API_URL: %w", err)
		}
		transport = &rebase{from: discordgo.EndpointAPI, to: base, next: transport}
	}
	s.Client = &http.Client{Timeout: restTimeout, Transport: transport}
	s.Identify.Intents = intents
	s.ShouldReconnectOnError = true
	s.ShouldRetryOnRateLimit = true
	s.MaxRestRetries = 3
	return s, nil
}

// rebase sends requests for one API base to another.
type rebase struct {
	from string
	to   *url.URL
	next http.RoundTripper
}

// target is where a URL for the old base goes, unchanged for others.
func (r *rebase) target(u string) string {
	if !strings.HasPrefix(u, r.from) {
		return u
	}
	return strings.TrimSuffix(r.to.String(), "/") + "/" + strings.TrimPrefix(u, r.from)
}

// RoundTrip sends req to the new base when it is for the old one.
func (r *rebase) RoundTrip(req *http.Request) (*http.Response, error) {
	u := req.URL.String()
	if !strings.HasPrefix(u, r.from) {
		return r.next.RoundTrip(req)
	}
	target, err := url.Parse(r.target(u))
	if err != nil {
		return nil, fmt.Errorf("rebase %s: %w", req.URL.Path, err)
	}
	out := req.Clone(req.Context())
	out.URL = target
	out.Host = target.Host
	return r.next.RoundTrip(out)
}

// apiError makes the error of a REST call name the URL that was really
// called. discordgo builds its URLs from Discord's own API, which rebase
// sends to DISCORD_API_URL, so a connection refused by a proxy would
// otherwise be reported as one refused by discord.com.
func (b *Bot) apiError(err error) error {
	var ue *url.Error
	if b.s == nil || b.s.Client == nil || !errors.As(err, &ue) {
		return err
	}
	rb, ok := b.s.Client.Transport.(*rebase)
	if !ok || !strings.HasPrefix(ue.URL, rb.from) {
		return err
	}
	return &url.Error{Op: ue.Op, URL: rb.target(ue.URL), Err: ue.Err}
}
