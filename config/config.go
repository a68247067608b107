// Package config reads faqbot's settings from the environment and an
// optional .env file into a typed, validated Config. It is the only place
// that knows variable names; nothing else reads the environment.
package config

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"faqbot/index"
)

// NoAnswerMode says what the bot does with a mention it cannot answer
// confidently.
type NoAnswerMode string

// The no-answer modes.
const (
	NoAnswerReply  NoAnswerMode = "reply"  // say so briefly, with suggestions
	NoAnswerSilent NoAnswerMode = "silent" // say nothing
)

// Config is every setting of faqbot, validated.
type Config struct {
	ContentDir     string // CONTENT_DIR: content file or directory; "" = embedded default content
	ContentBaseURL string // CONTENT_BASE_URL: links for files without their own url
	IndexDir       string // INDEX_DIR: where indexes are kept; "" = in memory
	DataDir        string // DATA_DIR: feedback and unanswered questions; "" = memory only
	WatchContent   bool   // WATCH_CONTENT: reload when files in CONTENT_DIR change
	MaxContentMB   int    // MAX_CONTENT_MB: most content read, in MiB
	MaxPassages    int    // MAX_PASSAGES: most passages read

	ContentURLs   []string      // CONTENT_URLS: websites fetched into CONTENT_DIR at start-up and on reload
	FetchDepth    int           // FETCH_DEPTH: links followed from a start page
	FetchMaxPages int           // FETCH_MAX_PAGES: most pages requested in one fetch
	FetchDelay    time.Duration // FETCH_DELAY: least time between two requests to a site

	MinConfidence        float64      // MIN_CONFIDENCE: below it, no answer
	AutoAnswerConfidence float64      // AUTO_ANSWER_CONFIDENCE: needed to answer unasked in help channels
	NoAnswerMessage      string       // NO_ANSWER_MESSAGE
	NoAnswerMode         NoAnswerMode // NO_ANSWER_MODE: for mentions
	MaxQuestionLength    int          // MAX_QUESTION_LENGTH, in characters

	DiscordToken    string        // DISCORD_TOKEN
	GuildID         string        // DISCORD_GUILD_ID: register commands to this guild only
	APIURL          string        // DISCORD_API_URL: REST base; "" = Discord's own
	AnswerChannels  []string      // ANSWER_CHANNELS: help channel IDs
	ModeratorRoles  []string      // MODERATOR_ROLES: role IDs allowed to run /faq
	UserCooldown    time.Duration // USER_COOLDOWN: between two answered questions of one member
	ChannelCooldown time.Duration // CHANNEL_COOLDOWN: between two unasked answers in one help channel
	RepeatWindow    time.Duration // REPEAT_WINDOW: a repeat within it gets a pointer to the answer
	HandlerTimeout  time.Duration // HANDLER_TIMEOUT

	// InteractionsAddr is INTERACTIONS_ADDR: where Discord's Interactions
	// Endpoint is served; "" = interactions come through the gateway.
	InteractionsAddr string
	PublicKey        ed25519.PublicKey // DISCORD_PUBLIC_KEY: verifies the endpoint's requests
	Gateway          bool              // GATEWAY: connect to Discord's gateway (mentions, DMs, help channels)
	// ShardCount is SHARD_COUNT: 0 = the count Discord recommends.
	ShardCount int
	// ShardID is SHARD_ID: the one shard this process runs; -1 = all of
	// ShardCount.
	ShardID     int
	DatabaseURL string // DATABASE_URL: PostgreSQL for state shared by replicas; "" = DATA_DIR

	MetricsAddr   string // METRICS_ADDR: "" = no metrics server
	RetentionDays int    // RETENTION_DAYS: how long feedback is kept
	// LearnAutoAccept is LEARN_AUTO_ACCEPT: accept a learned phrasing once
	// this many members chose the same passage for it; 0 = off.
	LearnAutoAccept int
	LogLevel        slog.Level // LOG_LEVEL
	LogFormat       string     // LOG_FORMAT: text or json
}

// Retention is how long feedback and unanswered questions are kept.
func (c Config) Retention() time.Duration {
	return time.Duration(c.RetentionDays) * 24 * time.Hour
}

// Var documents one environment variable.
type Var struct {
	Name    string
	Default string
	Doc     string
	set     func(c *Config, v string) error
}

// Vars lists every variable faqbot reads, in the order .env.example and the
// README document them.
func Vars() []Var { return vars }

var vars = []Var{
	{"CONTENT_DIR", "", "Content file or directory (Markdown, .txt articles, web pages, JSON Lines, CSV, synonyms.txt). Empty: the built-in content.",
		func(c *Config, v string) error { c.ContentDir = v; return nil }},
	{"CONTENT_BASE_URL", "", "Base URL for links to files that name no url of their own, e.g. https://example.org/docs/ (the file's relative path is appended).",
		func(c *Config, v string) error { return setURL(&c.ContentBaseURL, v) }},
	{"INDEX_DIR", "", "Directory for search indexes (one per content version, reused at start-up), outside CONTENT_DIR. Empty: in memory, rebuilt at every start.",
		func(c *Config, v string) error { c.IndexDir = v; return nil }},
	{"DATA_DIR", "", "Directory for feedback and unanswered questions (a bbolt file). Empty: kept in memory only.",
		func(c *Config, v string) error { c.DataDir = v; return nil }},
	{"WATCH_CONTENT", "false", "Reload automatically when files under CONTENT_DIR change (true/false).",
		func(c *Config, v string) error { return setBool(&c.WatchContent, v) }},
	{"MAX_CONTENT_MB", "100", "Most content read from CONTENT_DIR, in MiB, all files together (pages fetched from CONTENT_URLS included); what is past it is reported and not read.",
		func(c *Config, v string) error { return setInt(&c.MaxContentMB, v, 1, 100_000) }},
	{"MAX_PASSAGES", "100000", "Most passages (FAQ pairs and paragraphs) read; what is past it is reported and not read.",
		func(c *Config, v string) error { return setInt(&c.MaxPassages, v, 1, 10_000_000) }},
	{"CONTENT_URLS", "", "Websites to answer from: comma-separated page or sitemap.xml URLs, fetched into CONTENT_DIR (which must be set) when `faqbot serve` starts and on every /faq reload or SIGHUP. Empty: none.",
		func(c *Config, v string) error { return setURLs(&c.ContentURLs, v) }},
	{"FETCH_DEPTH", "3", "How many links away from a start page (or a sitemap's page) a fetch goes; 0 fetches the given pages only.",
		func(c *Config, v string) error { return setInt(&c.FetchDepth, v, 0, 20) }},
	{"FETCH_MAX_PAGES", "100", "Most pages one fetch requests.",
		func(c *Config, v string) error { return setInt(&c.FetchMaxPages, v, 1, 100000) }},
	{"FETCH_DELAY", "1s", "Least time between two requests to one site (robots.txt may ask for more); at most 1m.",
		func(c *Config, v string) error { return setDurationUpTo(&c.FetchDelay, v, time.Minute) }},
	{"MIN_CONFIDENCE", strconv.FormatFloat(index.DefaultMinConfidence, 'f', -1, 64), "Confidence (0-1) an answer needs; below it the bot says it is not sure and offers alternatives.",
		func(c *Config, v string) error { return setFraction(&c.MinConfidence, v) }},
	{"AUTO_ANSWER_CONFIDENCE", "0.85", "Stricter confidence (0-1) for answering unasked messages in ANSWER_CHANNELS; below it the bot stays silent.",
		func(c *Config, v string) error { return setFraction(&c.AutoAnswerConfidence, v) }},
	{"NO_ANSWER_MESSAGE", "I'm not sure about that one. Maybe one of these helps:", "What the bot says when it has no confident answer.",
		func(c *Config, v string) error { return setText(&c.NoAnswerMessage, v, 500) }},
	{"NO_ANSWER_MODE", "reply", "When a mention has no confident answer: reply (say so briefly) or silent.",
		func(c *Config, v string) error { return setMode(&c.NoAnswerMode, v) }},
	{"MAX_QUESTION_LENGTH", "300", "Longest question accepted, in characters.",
		func(c *Config, v string) error { return setInt(&c.MaxQuestionLength, v, 10, 4000) }},
	{"DISCORD_TOKEN", "", "Bot token from the Discord developer portal. Needed only by `faqbot serve`. Keep it secret.",
		func(c *Config, v string) error { return setToken(&c.DiscordToken, v) }},
	{"DISCORD_GUILD_ID", "", "Register slash commands to this server only (they appear at once); empty: globally.",
		func(c *Config, v string) error { return setSnowflake(&c.GuildID, v) }},
	{"DISCORD_API_URL", "", "Discord REST API base, for a REST proxy in front of Discord (e.g. http://127.0.0.1:8080/api/v10/). Empty: Discord itself.",
		func(c *Config, v string) error { return setURL(&c.APIURL, v) }},
	{"ANSWER_CHANNELS", "", "Comma-separated channel or forum IDs where questions are answered without a mention, in their threads and forum posts too (needs the Message Content intent).",
		func(c *Config, v string) error { return setSnowflakes(&c.AnswerChannels, v) }},
	{"MODERATOR_ROLES", "", "Comma-separated role IDs that may run /faq commands, besides members with Manage Server.",
		func(c *Config, v string) error { return setSnowflakes(&c.ModeratorRoles, v) }},
	{"USER_COOLDOWN", "5s", "Least time between two answered questions of one member (/ask, mentions, DMs); a member asking sooner gets a notice naming the wait. Questions without an answer do not count.",
		func(c *Config, v string) error { return setDuration(&c.UserCooldown, v) }},
	{"CHANNEL_COOLDOWN", "1s", "Least time between two unasked answers in one help channel (ANSWER_CHANNELS). It never holds back /ask, mentions or DMs.",
		func(c *Config, v string) error { return setDuration(&c.ChannelCooldown, v) }},
	{"REPEAT_WINDOW", "1m", "A question the bot answered publicly in the same channel within this time gets a pointer (a message link) to that answer instead of a second public copy; at most 15m, 0s turns it off.",
		func(c *Config, v string) error { return setDurationUpTo(&c.RepeatWindow, v, 15*time.Minute) }},
	{"HANDLER_TIMEOUT", "10s", "Longest time one Discord event may take to handle.",
		func(c *Config, v string) error { return setPositiveDuration(&c.HandlerTimeout, v) }},
	{"INTERACTIONS_ADDR", "", "Address to serve Discord's Interactions Endpoint on (behind your HTTPS proxy; set its URL in the developer portal), e.g. 127.0.0.1:8080. Needs DISCORD_PUBLIC_KEY. Empty: interactions come through the gateway.",
		func(c *Config, v string) error { return setAddr(&c.InteractionsAddr, v) }},
	{"DISCORD_PUBLIC_KEY", "", "The application's public key from the developer portal (64 hex digits): every request to INTERACTIONS_ADDR must be signed with it.",
		func(c *Config, v string) error { return setPublicKey(&c.PublicKey, v) }},
	{"GATEWAY", "true", "Connect to Discord's gateway (true/false): mentions, DMs and help channels need it; false serves INTERACTIONS_ADDR only, as a stateless replica.",
		func(c *Config, v string) error { return setBool(&c.Gateway, v) }},
	{"SHARD_COUNT", "auto", "Gateway shards in all: auto takes the count Discord recommends (GET /gateway/bot), or a number from 1 to 4096.",
		func(c *Config, v string) error { return setShardCount(&c.ShardCount, v) }},
	{"SHARD_ID", "all", "The one shard this process runs (0 to SHARD_COUNT-1, which must then be a number), or all: every shard of SHARD_COUNT in this process.",
		func(c *Config, v string) error { return setShardID(&c.ShardID, v) }},
	{"DATABASE_URL", "", "PostgreSQL URL (postgres://user:password@host:5432/db) for feedback, unanswered questions and learned phrasings shared by every replica, and reloads passed between them. Empty: DATA_DIR. Keep it secret.",
		func(c *Config, v string) error { return setDatabaseURL(&c.DatabaseURL, v) }},
	{"METRICS_ADDR", "", "Address for /healthz and /metrics, e.g. 127.0.0.1:9090. Empty: off.",
		func(c *Config, v string) error { return setAddr(&c.MetricsAddr, v) }},
	{"RETENTION_DAYS", "90", "Days that feedback and unanswered questions are kept.",
		func(c *Config, v string) error { return setInt(&c.RetentionDays, v, 1, 3650) }},
	{"LEARN_AUTO_ACCEPT", "off", "Accept a phrasing members taught (by picking a \"did you mean\" answer or giving one a 👍) once this many different members chose the same passage for it, without waiting for a moderator in /faq learned; off: moderators decide.",
		func(c *Config, v string) error { return setAutoAccept(&c.LearnAutoAccept, v) }},
	{"LOG_LEVEL", "info", "debug, info, warn or error.",
		func(c *Config, v string) error { return setLevel(&c.LogLevel, v) }},
	{"LOG_FORMAT", "text", "text or json.",
		func(c *Config, v string) error { return setChoice(&c.LogFormat, v, "text", "json") }},
}

// Load reads the configuration. lookup gives a variable's value and whether
// it is set (the environment first, then .env; see Lookup). Every variable
// is checked, and all problems are reported together, each naming its
// variable.
func Load(lookup func(string) (string, bool)) (Config, error) {
	var c Config
	var errs []error
	for _, v := range vars {
		// A bad value leaves the default in place, so that the checks of
		// several variables together below speak of what was set, not of
		// a zero value nobody chose ("GATEWAY: false needs …" after
		// GATEWAY=yes).
		if err := v.set(&c, v.Default); err != nil {
			errs = append(errs, fmt.Errorf("%s: default %q: %w", v.Name, v.Default, err))
		}
		val, ok := lookup(v.Name)
		val = strings.TrimSpace(val)
		if !ok || val == "" {
			continue
		}
		set := c
		if err := v.set(&set, val); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", v.Name, err))
			continue
		}
		c = set
	}
	if len(c.ContentURLs) > 0 && c.ContentDir == "" {
		errs = append(errs, errors.New("CONTENT_URLS: needs CONTENT_DIR, the directory the pages are saved in"))
	}
	if within(c.IndexDir, c.ContentDir) {
		errs = append(errs, fmt.Errorf("INDEX_DIR: %s is inside CONTENT_DIR %s, all of whose files are read as content (the index's own files would fail every reload); put it elsewhere, or in a directory whose name starts with a dot", c.IndexDir, c.ContentDir))
	}
	errs = append(errs, c.checkRoles()...)
	if len(errs) == 0 && c.AutoAnswerConfidence < c.MinConfidence {
		errs = append(errs, fmt.Errorf("AUTO_ANSWER_CONFIDENCE: %v is below MIN_CONFIDENCE %v; it must be as strict or stricter", c.AutoAnswerConfidence, c.MinConfidence))
	}
	return c, errors.Join(errs...)
}

// within reports whether dir is root or a directory below it that content
// reading enters (none of its names starts with a dot).
func within(dir, root string) bool {
	if dir == "" || root == "" {
		return false
	}
	absDir, err1 := filepath.Abs(dir)
	absRoot, err2 := filepath.Abs(root)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(absRoot, absDir)
	if err != nil || !filepath.IsLocal(rel) {
		return false
	}
	for _, name := range strings.Split(rel, string(filepath.Separator)) {
		if strings.HasPrefix(name, ".") && name != "." {
			return false
		}
	}
	return true
}

func setBool(dst *bool, v string) error {
	b, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("%q is not true or false", v)
	}
	*dst = b
	return nil
}

func setFraction(dst *float64, v string) error {
	f, err := strconv.ParseFloat(v, 64)
	// NaN is a float ParseFloat reads, but no confidence is above it: a
	// threshold of NaN would answer nothing and refuse nothing.
	if err != nil || math.IsNaN(f) || f < 0 || f > 1 {
		return fmt.Errorf("%q is not a number from 0 to 1", v)
	}
	*dst = f
	return nil
}

// maxAutoAccept is the most members LEARN_AUTO_ACCEPT may ask for.
const maxAutoAccept = 1000

func setAutoAccept(dst *int, v string) error {
	if strings.EqualFold(v, "off") {
		*dst = 0
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxAutoAccept {
		return fmt.Errorf("%q is not off or a number of members from 1 to %d", v, maxAutoAccept)
	}
	*dst = n
	return nil
}

func setInt(dst *int, v string, lo, hi int) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return fmt.Errorf("%q is not a whole number from %d to %d", v, lo, hi)
	}
	*dst = n
	return nil
}

func setDuration(dst *time.Duration, v string) error {
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return fmt.Errorf("%q is not a duration such as 5s or 1m", v)
	}
	*dst = d
	return nil
}

func setDurationUpTo(dst *time.Duration, v string, most time.Duration) error {
	if err := setDuration(dst, v); err != nil {
		return err
	}
	if *dst > most {
		return fmt.Errorf("%q is longer than %v", v, most)
	}
	return nil
}

func setPositiveDuration(dst *time.Duration, v string) error {
	if err := setDuration(dst, v); err != nil {
		return err
	}
	if *dst == 0 {
		return fmt.Errorf("must be more than 0")
	}
	return nil
}

func setText(dst *string, v string, maxLen int) error {
	if len([]rune(v)) > maxLen {
		return fmt.Errorf("longer than %d characters", maxLen)
	}
	*dst = v
	return nil
}

func setLevel(dst *slog.Level, v string) error {
	if err := dst.UnmarshalText([]byte(v)); err != nil {
		return fmt.Errorf("%q is not one of debug, info, warn, error", v)
	}
	return nil
}

func setChoice(dst *string, v string, choices ...string) error {
	for _, c := range choices {
		if strings.EqualFold(v, c) {
			*dst = c
			return nil
		}
	}
	return fmt.Errorf("%q is not one of %s", v, strings.Join(choices, ", "))
}

func setMode(dst *NoAnswerMode, v string) error {
	var s string
	if err := setChoice(&s, v, string(NoAnswerReply), string(NoAnswerSilent)); err != nil {
		return err
	}
	*dst = NoAnswerMode(s)
	return nil
}

func setURL(dst *string, v string) error {
	if v == "" {
		*dst = ""
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not an http(s) URL", v)
	}
	*dst = v
	return nil
}

func setURLs(dst *[]string, v string) error {
	*dst = nil
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		var u string
		if err := setURL(&u, f); err != nil {
			return err
		}
		*dst = append(*dst, u)
	}
	return nil
}

func setAddr(dst *string, v string) error {
	if v == "" {
		*dst = ""
		return nil
	}
	if _, _, err := net.SplitHostPort(v); err != nil {
		return fmt.Errorf("%q is not host:port", v)
	}
	*dst = v
	return nil
}

func isSnowflake(v string) bool {
	_, err := strconv.ParseUint(v, 10, 64)
	return err == nil
}

func setSnowflake(dst *string, v string) error {
	if v != "" && !isSnowflake(v) {
		return fmt.Errorf("%q is not a Discord ID (digits only)", v)
	}
	*dst = v
	return nil
}

func setSnowflakes(dst *[]string, v string) error {
	*dst = nil
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !isSnowflake(f) {
			return fmt.Errorf("%q is not a Discord ID (digits only)", f)
		}
		*dst = append(*dst, f)
	}
	return nil
}

// checkRoles checks the settings that together say what a serving process
// does: the interactions endpoint, the gateway and its shards.
func (c Config) checkRoles() []error {
	var errs []error
	if c.InteractionsAddr != "" && c.PublicKey == nil {
		errs = append(errs, errors.New("DISCORD_PUBLIC_KEY: needed with INTERACTIONS_ADDR, to verify Discord's requests"))
	}
	if !c.Gateway && c.InteractionsAddr == "" {
		errs = append(errs, errors.New("GATEWAY: false needs INTERACTIONS_ADDR, or the process would serve nothing"))
	}
	switch {
	case c.ShardID >= 0 && c.ShardCount == 0:
		errs = append(errs, fmt.Errorf("SHARD_ID: %d needs SHARD_COUNT to be a number, not auto", c.ShardID))
	case c.ShardID >= c.ShardCount && c.ShardCount > 0:
		errs = append(errs, fmt.Errorf("SHARD_ID: %d is not below SHARD_COUNT %d (shards are numbered from 0)", c.ShardID, c.ShardCount))
	}
	return errs
}

// maxShards bounds SHARD_COUNT: far beyond what Discord recommends for the
// largest bots.
const maxShards = 4096

func setShardCount(dst *int, v string) error {
	if strings.EqualFold(v, "auto") {
		*dst = 0
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxShards {
		return fmt.Errorf("%q is not auto or a number from 1 to %d", v, maxShards)
	}
	*dst = n
	return nil
}

func setShardID(dst *int, v string) error {
	if strings.EqualFold(v, "all") {
		*dst = -1
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n >= maxShards {
		return fmt.Errorf("%q is not all or a shard number from 0", v)
	}
	*dst = n
	return nil
}

func setPublicKey(dst *ed25519.PublicKey, v string) error {
	if v == "" {
		*dst = nil
		return nil
	}
	key, err := hex.DecodeString(v)
	if err != nil || len(key) != ed25519.PublicKeySize {
		return fmt.Errorf("is not %d hexadecimal digits (copy the Public Key from the developer portal's General Information page)", 2*ed25519.PublicKeySize)
	}
	*dst = ed25519.PublicKey(key)
	return nil
}

// setToken takes the bot token, with or without its "Bot " prefix. A
// token never holds spaces or control characters; one that does (pasted
// with a line break, say) is refused here, where the variable is named,
// instead of failing as a bad HTTP header. Its errors never show the
// value.
func setToken(dst *string, v string) error {
	v = strings.TrimPrefix(v, "Bot ")
	if strings.IndexFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return errors.New("holds a space, a line break or another control character; copy the token again from the developer portal (the value is not shown: it is a secret)")
	}
	*dst = v
	return nil
}

// setDatabaseURL accepts a postgres:// or postgresql:// URL. Its errors
// never show the value: it holds a password.
func setDatabaseURL(dst *string, v string) error {
	if v == "" {
		*dst = ""
		return nil
	}
	u, err := url.Parse(v)
	switch {
	case err != nil:
		return errors.New("is not a URL (the value is not shown: it may hold a password)")
	case u.Scheme != "postgres" && u.Scheme != "postgresql":
		return errors.New("is not a postgres:// URL (the value is not shown: it may hold a password)")
	}
	*dst = v
	return nil
}

// DatabaseName names DATABASE_URL for logs and messages without its
// password: user@host/database.
func (c Config) DatabaseName() string {
	u, err := url.Parse(c.DatabaseURL)
	if err != nil || c.DatabaseURL == "" {
		return ""
	}
	name := u.Host + u.Path
	if u.User != nil {
		name = u.User.Username() + "@" + name
	}
	return name
}
