package fakediscord_test

import (
	"fmt"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"faqbot/internal/fakediscord"
)

// rewrite sends discordgo's https://discord.com/ requests to the fake instead; it is the
// test's stand-in for the transport the bot installs.
type rewrite struct {
	to   string
	next http.RoundTripper
}

func (rt rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	rest, ok := strings.CutPrefix(r.URL.String(), discordgo.EndpointDiscord)
	if !ok {
		return nil, fmt.Errorf("test transport: unexpected request to %s", r.URL)
	}
	target, err := url.Parse(rt.to + rest)
	if err != nil {
		return nil, err
	}
	r = r.Clone(r.Context())
	r.URL, r.Host = target, target.Host
	return rt.next.RoundTrip(r)
}

// newSession returns a discordgo session whose REST calls reach fake; it is not opened.
func newSession(t *testing.T, fake *fakediscord.Server, token string) *discordgo.Session {
	t.Helper()
	sess, err := discordgo.New("Bot " + token)
	if err != nil {
		t.Fatalf("discordgo.New: %v", err)
	}
	transport := &http.Transport{}
	t.Cleanup(transport.CloseIdleConnections)
	sess.Client = &http.Client{Transport: rewrite{to: fake.URL(), next: transport}, Timeout: 5 * time.Second}
	return sess
}

// openSession opens a session with the fake's token after adding handlers, and closes it
// before the fake closes (cleanups run last-in first-out).
func openSession(t *testing.T, fake *fakediscord.Server, handlers ...any) *discordgo.Session {
	t.Helper()
	sess := newSession(t, fake, fake.Token())
	for _, h := range handlers {
		sess.AddHandler(h)
	}
	if err := sess.Open(); err != nil {
		t.Fatalf("open session: %v", err)
	}
	t.Cleanup(func() { _ = sess.Close() }) // discordgo's Close sleeps 1s, hence t.Parallel
	fake.WaitConnected(t, 2*time.Second)   // see WaitConnected on closing too early
	return sess
}

// receive returns the next value from ch, failing the test after two seconds.
func receive[T any](t *testing.T, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(2 * time.Second):
		var zero T
		t.Fatalf("timed out waiting for %T", zero)
		return zero
	}
}

func TestURLs(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	if !strings.HasPrefix(fake.URL(), "http://127.0.0.1:") || !strings.HasSuffix(fake.URL(), "/") {
		t.Errorf("URL() = %q, want http://127.0.0.1:PORT/", fake.URL())
	}
	if want := fake.URL() + "api/v" + discordgo.APIVersion + "/"; fake.APIURL() != want {
		t.Errorf("APIURL() = %q, want %q", fake.APIURL(), want)
	}
	if want := "ws" + strings.TrimPrefix(fake.URL(), "http") + "gateway"; fake.GatewayURL() != want {
		t.Errorf("GatewayURL() = %q, want %q", fake.GatewayURL(), want)
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t,
		fakediscord.WithToken("other"),
		fakediscord.WithBotUser("11", "helper"),
		fakediscord.WithApplicationID("22"),
	)
	if fake.Token() != "other" || fake.BotUserID() != "11" || fake.ApplicationID() != "22" {
		t.Fatalf("accessors = %q %q %q, want other 11 22", fake.Token(), fake.BotUserID(), fake.ApplicationID())
	}
	me, err := newSession(t, fake, "other").User("@me")
	if err != nil {
		t.Fatalf("GET users/@me: %v", err)
	}
	if me.ID != "11" || me.Username != "helper" || !me.Bot {
		t.Errorf("users/@me = %+v, want bot 11 helper", me)
	}
}

// Close must end the gateway connections with 1001, be safe twice, and leave no goroutines.
// Not parallel, so that the goroutine count is the fake's alone.
func TestCloseIsCleanAndIdempotent(t *testing.T) {
	before := runtime.NumGoroutine()

	fake := fakediscord.Start(t)
	ws, _, err := websocket.DefaultDialer.Dial(fake.GatewayURL()+"?v=10&encoding=json", nil)
	if err != nil {
		t.Fatalf("dial gateway: %v", err)
	}
	defer ws.Close()
	if _, _, err := ws.ReadMessage(); err != nil { // HELLO
		t.Fatalf("read HELLO: %v", err)
	}
	sess := newSession(t, fake, fake.Token())
	if _, err := sess.User("@me"); err != nil {
		t.Fatalf("GET users/@me: %v", err)
	}

	fake.Close()
	fake.Close()

	_, _, err = ws.ReadMessage()
	if !websocket.IsCloseError(err, websocket.CloseGoingAway) {
		t.Errorf("after Close, read = %v, want close 1001", err)
	}
	if _, err := sess.User("@me"); err == nil {
		t.Error("REST request after Close succeeded")
	}
	sess.Client.Transport.(rewrite).next.(*http.Transport).CloseIdleConnections()

	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("goroutines: %d before Start, %d after Close\n%s", before, n, buf[:runtime.Stack(buf, true)])
	}
}
