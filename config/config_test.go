package config

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"faqbot/index"
)

func lookupMap(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(lookupMap(nil))
	if err != nil {
		t.Fatalf("Load with nothing set: %v", err)
	}
	if c.MinConfidence != index.DefaultMinConfidence || c.AutoAnswerConfidence != 0.85 || c.UserCooldown != 5*time.Second ||
		c.ChannelCooldown != time.Second || c.RepeatWindow != time.Minute || c.NoAnswerMode != NoAnswerReply || c.LogLevel != slog.LevelInfo || c.MaxQuestionLength != 300 ||
		c.LearnAutoAccept != 0 {
		t.Errorf("defaults not applied: %+v", c)
	}
}

func TestLoadValues(t *testing.T) {
	c, err := Load(lookupMap(map[string]string{
		"ANSWER_CHANNELS":   " 123, 456 ,",
		"MIN_CONFIDENCE":    "0.5",
		"DISCORD_TOKEN":     "Bot abc",
		"LOG_LEVEL":         "debug",
		"WATCH_CONTENT":     "true",
		"DISCORD_API_URL":   "http://127.0.0.1:8080/api/v10/",
		"CHANNEL_COOLDOWN":  "0s",
		"REPEAT_WINDOW":     "15m",
		"CONTENT_DIR":       "content",
		"CONTENT_URLS":      "https://docs.e.org/guide/, https://e.org/sitemap.xml",
		"FETCH_DELAY":       "250ms",
		"LEARN_AUTO_ACCEPT": "3",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.AnswerChannels, "|") != "123|456" || c.MinConfidence != 0.5 || c.DiscordToken != "abc" ||
		c.LogLevel != slog.LevelDebug || !c.WatchContent || c.ChannelCooldown != 0 || c.RepeatWindow != 15*time.Minute ||
		strings.Join(c.ContentURLs, "|") != "https://docs.e.org/guide/|https://e.org/sitemap.xml" || c.FetchDelay != 250*time.Millisecond || c.FetchDepth != 3 || c.FetchMaxPages != 100 ||
		c.LearnAutoAccept != 3 {
		t.Errorf("values not parsed: %+v", c)
	}
}

func TestLoadErrorsNameTheVariable(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want []string
		not  []string // what the error must not say
	}{
		{map[string]string{"MIN_CONFIDENCE": "high"}, []string{"MIN_CONFIDENCE"}, nil},
		{map[string]string{"MIN_CONFIDENCE": "NaN"}, []string{"MIN_CONFIDENCE", "from 0 to 1"}, nil},
		{map[string]string{"AUTO_ANSWER_CONFIDENCE": "nan"}, []string{"AUTO_ANSWER_CONFIDENCE", "from 0 to 1"}, nil},
		{map[string]string{"LOG_LEVEL": "verbose"}, []string{"LOG_LEVEL", `"verbose" is not one of debug, info, warn, error`}, []string{"slog"}},
		// A bad value is one error, not also a complaint about the zero
		// value left in its place.
		{map[string]string{"GATEWAY": "yes", "INTERACTIONS_ADDR": ""}, []string{"GATEWAY", `"yes" is not true or false`}, []string{"false needs"}},
		{map[string]string{"SHARD_ID": "first"}, []string{"SHARD_ID", `"first"`}, []string{"0 needs", "SHARD_COUNT"}},
		{map[string]string{"SHARD_COUNT": "many", "SHARD_ID": "1"}, []string{"SHARD_COUNT", "SHARD_ID: 1 needs SHARD_COUNT to be a number"}, nil},
		{map[string]string{"MIN_CONFIDENCE": "high", "AUTO_ANSWER_CONFIDENCE": "0.7"}, []string{"MIN_CONFIDENCE"}, nil},
		{map[string]string{"MIN_CONFIDENCE": "1.5"}, []string{"MIN_CONFIDENCE"}, nil},
		{map[string]string{"USER_COOLDOWN": "5 sec", "ANSWER_CHANNELS": "#help"}, []string{"USER_COOLDOWN", "ANSWER_CHANNELS"}, nil},
		{map[string]string{"DISCORD_API_URL": "ftp://x"}, []string{"DISCORD_API_URL"}, nil},
		{map[string]string{"METRICS_ADDR": "9090"}, []string{"METRICS_ADDR"}, nil},
		{map[string]string{"NO_ANSWER_MODE": "shout"}, []string{"NO_ANSWER_MODE"}, nil},
		{map[string]string{"MIN_CONFIDENCE": "0.9", "AUTO_ANSWER_CONFIDENCE": "0.5"}, []string{"AUTO_ANSWER_CONFIDENCE"}, nil},
		{map[string]string{"HANDLER_TIMEOUT": "0s"}, []string{"HANDLER_TIMEOUT"}, nil},
		{map[string]string{"REPEAT_WINDOW": "16m"}, []string{"REPEAT_WINDOW", "15m"}, nil},
		{map[string]string{"REPEAT_WINDOW": "-1s"}, []string{"REPEAT_WINDOW"}, nil},
		{map[string]string{"CONTENT_URLS": "https://e.org/"}, []string{"CONTENT_URLS", "CONTENT_DIR"}, nil},
		{map[string]string{"CONTENT_DIR": "c", "CONTENT_URLS": "e.org/docs"}, []string{"CONTENT_URLS", "not an http(s) URL"}, nil},
		{map[string]string{"FETCH_DELAY": "2m", "FETCH_MAX_PAGES": "0"}, []string{"FETCH_DELAY", "FETCH_MAX_PAGES"}, nil},
		{map[string]string{"LEARN_AUTO_ACCEPT": "0"}, []string{"LEARN_AUTO_ACCEPT", "off or a number"}, nil},
		{map[string]string{"LEARN_AUTO_ACCEPT": "many"}, []string{"LEARN_AUTO_ACCEPT"}, nil},
		{map[string]string{"LEARN_AUTO_ACCEPT": "1001"}, []string{"LEARN_AUTO_ACCEPT"}, nil},
		{map[string]string{"INTERACTIONS_ADDR": "127.0.0.1:8080"}, []string{"DISCORD_PUBLIC_KEY", "INTERACTIONS_ADDR"}, nil},
		{map[string]string{"INTERACTIONS_ADDR": "8080", "DISCORD_PUBLIC_KEY": testKey}, []string{"INTERACTIONS_ADDR"}, nil},
		{map[string]string{"INTERACTIONS_ADDR": "127.0.0.1:8080", "DISCORD_PUBLIC_KEY": "abc"}, []string{"DISCORD_PUBLIC_KEY", "64 hexadecimal"}, nil},
		{map[string]string{"GATEWAY": "false"}, []string{"GATEWAY", "INTERACTIONS_ADDR"}, nil},
		{map[string]string{"GATEWAY": "sometimes"}, []string{"GATEWAY"}, nil},
		{map[string]string{"SHARD_COUNT": "0"}, []string{"SHARD_COUNT"}, nil},
		{map[string]string{"SHARD_COUNT": "many"}, []string{"SHARD_COUNT"}, nil},
		{map[string]string{"SHARD_ID": "1"}, []string{"SHARD_ID", "SHARD_COUNT", "auto"}, nil},
		{map[string]string{"SHARD_COUNT": "2", "SHARD_ID": "2"}, []string{"SHARD_ID", "not below SHARD_COUNT 2"}, nil},
		{map[string]string{"SHARD_COUNT": "2", "SHARD_ID": "-1"}, []string{"SHARD_ID"}, nil},
		{map[string]string{"DATABASE_URL": "mysql://u:p@h/db"}, []string{"DATABASE_URL", "postgres://"}, nil},
		{map[string]string{"DISCORD_TOKEN": "MTA.x7Qz\nKp9"}, []string{"DISCORD_TOKEN", "line break"}, []string{"x7Qz", "Kp9"}},
		{map[string]string{"DISCORD_TOKEN": "Bot MTA.x7Qz Kp9"}, []string{"DISCORD_TOKEN", "space"}, []string{"x7Qz", "Kp9"}},
	}
	for _, tt := range tests {
		_, err := Load(lookupMap(tt.env))
		if err == nil {
			t.Errorf("Load(%v) = nil error", tt.env)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("Load(%v) error %q does not name %s", tt.env, err, w)
			}
		}
		for _, n := range tt.not {
			if strings.Contains(err.Error(), n) {
				t.Errorf("Load(%v) error %q says %q", tt.env, err, n)
			}
		}
	}
}

func TestReadDotenv(t *testing.T) {
	tests := []struct {
		name, src string
		wantLine  string // "" = no error
		secret    string // must not appear in the error
	}{
		{"good", "# comment\nDISCORD_TOKEN=abc\nMIN_CONFIDENCE=0.7\n", "", ""},
		{"multiline quote", "A=\"x\ny\"\nB=2\n", "", ""},
		{"bad name", "A=1\nDISCORD_TOKEN=s3cret\nBAD-NAME=2\n", ".env:3:", "s3cret"},
		{"unterminated", "A=1\nB=\"open\nC=2\n", ".env:2:", ""},
		{"byte order mark", "\ufeffMIN_CONFIDENCE=0.7\r\nLOG_LEVEL=warn", "", ""},
		{"byte order mark, then a bad line", "\ufeffA=1\nBAD-NAME=2\n", ".env:2:", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadDotenv(strings.NewReader(tt.src), ".env")
			if tt.wantLine == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), tt.wantLine) {
				t.Fatalf("error = %v, want prefix %q", err, tt.wantLine)
			}
			if tt.secret != "" && strings.Contains(err.Error(), tt.secret) {
				t.Errorf("error leaks a value: %v", err)
			}
		})
	}
}

// TestReadDotenvByteOrderMark: a .env saved by an editor that writes a
// byte order mark (and CRLF line ends) reads as the same file without.
func TestReadDotenvByteOrderMark(t *testing.T) {
	env, err := ReadDotenv(strings.NewReader("\ufeffMIN_CONFIDENCE=0.7\r\nLOG_LEVEL=warn"), ".env")
	if err != nil || env["MIN_CONFIDENCE"] != "0.7" || env["LOG_LEVEL"] != "warn" || len(env) != 2 {
		t.Errorf("ReadDotenv = %q, %v; want MIN_CONFIDENCE=0.7 and LOG_LEVEL=warn", env, err)
	}
}

func TestLookupEnvironmentWins(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".env")
	if err := os.WriteFile(path, []byte("MIN_CONFIDENCE=0.3\nLOG_LEVEL=warn\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"MIN_CONFIDENCE": "0.4"}
	look, err := Lookup(func(k string) string { return env[k] }, path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(look)
	if err != nil {
		t.Fatal(err)
	}
	if c.MinConfidence != 0.4 || c.LogLevel != slog.LevelWarn {
		t.Errorf("got MIN_CONFIDENCE %v LOG_LEVEL %v; want 0.4 from env, warn from file", c.MinConfidence, c.LogLevel)
	}
	if _, err := Lookup(func(string) string { return "" }, filepath.Join(dir, "missing.env")); err != nil {
		t.Errorf("missing .env must be fine: %v", err)
	}
}

func TestContentLimits(t *testing.T) {
	c, err := Load(lookupMap(nil))
	if err != nil || c.MaxContentMB != 100 || c.MaxPassages != 100000 {
		t.Errorf("defaults: %d MiB, %d passages, %v", c.MaxContentMB, c.MaxPassages, err)
	}
	c, err = Load(lookupMap(map[string]string{"MAX_CONTENT_MB": "500", "MAX_PASSAGES": "250000"}))
	if err != nil || c.MaxContentMB != 500 || c.MaxPassages != 250000 {
		t.Errorf("set: %d MiB, %d passages, %v", c.MaxContentMB, c.MaxPassages, err)
	}
	for _, env := range []map[string]string{{"MAX_CONTENT_MB": "0"}, {"MAX_CONTENT_MB": "lots"}, {"MAX_PASSAGES": "-1"}} {
		if _, err := Load(lookupMap(env)); err == nil {
			t.Errorf("Load(%v) = nil error", env)
		}
	}
}

func TestIndexDirInsideContentDir(t *testing.T) {
	for _, tt := range []struct {
		content, index string
		refused        bool
	}{
		{"/srv/faq", "/srv/faq/index", true},
		{"/srv/faq", "/srv/faq", true},
		{"content", "content/a/index", true},
		{"content/", "./content/index", true},
		{"/srv/faq", "/srv/faq/.index", false}, // content reading skips names with a dot
		{"/srv/faq", "/srv/faq/docs/.cache/index", false},
		{"/srv/faq", "/srv/index", false},
		{"/srv/faq", "/srv/faq2/index", false},
		{"content", "content2", false},
		{"", "index", false},
		{"content", "", false},
	} {
		_, err := Load(lookupMap(map[string]string{"CONTENT_DIR": tt.content, "INDEX_DIR": tt.index}))
		refused := err != nil && strings.Contains(err.Error(), "INDEX_DIR") && strings.Contains(err.Error(), "inside CONTENT_DIR")
		if refused != tt.refused || (err != nil && !refused) {
			t.Errorf("CONTENT_DIR=%q INDEX_DIR=%q: err %v, want refused %v", tt.content, tt.index, err, tt.refused)
		}
	}
}
