package fakediscord_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"faqbot/internal/fakediscord"
)

// fatalTB captures a Fatalf instead of failing the real test.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// fatalOf runs fn with a fatalTB in its own goroutine, as Goexit needs, and returns the
// failure message, or "" if fn did not fail.
func fatalOf(fn func(tb testing.TB)) string {
	tb := &fatalTB{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(tb)
	}()
	<-done
	return tb.msg
}

func TestWaitAndNoRequest(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	sess := newSession(t, fake, fake.Token())
	before := time.Now()
	if _, err := sess.User("@me"); err != nil {
		t.Fatalf("GET users/@me: %v", err)
	}
	me := fakediscord.Match("GET", "users/@me")
	if r := fake.WaitRequest(t, 0, me); r.At.Before(before) || r.At.After(time.Now()) || r.Reply["id"] != fake.BotUserID() {
		t.Errorf("recorded at %v (asked at %v), reply %v", r.At, before, r.Reply)
	}
	post := fakediscord.Match("POST", "channels/*/messages")

	tests := []struct {
		name string
		fn   func(tb testing.TB)
		want string // substring of the failure, "" for none
	}{
		{"wait finds a recorded request", func(tb testing.TB) { fake.WaitRequest(tb, 0, me) }, ""},
		{"wait times out with a dump", func(tb testing.TB) { fake.WaitRequest(tb, 20*time.Millisecond, post) },
			"no matching request within 20ms; received 1 request(s)\n\tGET users/@me -> 200"},
		{"silence holds", func(tb testing.TB) { fake.NoRequest(tb, 20*time.Millisecond, post) }, ""},
		{"silence broken", func(tb testing.TB) { fake.NoRequest(tb, time.Second, me) }, "unexpected request GET users/@me -> 200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fatalOf(tt.fn)
			if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
				t.Errorf("failure = %q, want %q", got, tt.want)
			}
		})
	}

	t.Run("wait sees a request that arrives later", func(t *testing.T) {
		go func() {
			time.Sleep(20 * time.Millisecond)
			_, _ = sess.ChannelMessageSend("1", "late")
		}()
		if req := fake.WaitRequest(t, 2*time.Second, post); req.JSON["content"] != "late" {
			t.Errorf("got %s", req)
		}
	})

	t.Run("clear forgets", func(t *testing.T) {
		fake.ClearRequests()
		if n := len(fake.Requests()); n != 0 {
			t.Fatalf("Requests() after clear has %d", n)
		}
		fake.NoRequest(t, 10*time.Millisecond, me)
	})
}

func TestMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method, pattern string
		req             fakediscord.Request
		want            bool
	}{
		{"POST", "interactions/*/*/callback", fakediscord.Request{Method: "POST", Path: "interactions/1/t/callback"}, true},
		{"", "interactions/*/*/callback", fakediscord.Request{Method: "GET", Path: "interactions/1/t/callback"}, true},
		{"POST", "interactions/*/*/callback", fakediscord.Request{Method: "GET", Path: "interactions/1/t/callback"}, false},
		{"POST", "interactions/*/*/callback", fakediscord.Request{Method: "POST", Path: "interactions/1/callback"}, false},
		{"PUT", "applications/*/commands", fakediscord.Request{Method: "PUT", Path: "applications//commands"}, true},
	}
	for _, tt := range tests {
		if got := fakediscord.Match(tt.method, tt.pattern)(tt.req); got != tt.want {
			t.Errorf("Match(%q, %q)(%s %s) = %v, want %v", tt.method, tt.pattern, tt.req.Method, tt.req.Path, got, tt.want)
		}
	}
}
