package fakediscord_test

import (
	"context"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/internal/fakediscord"
)

func TestFaults(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	sess := newSession(t, fake, fake.Token())
	sess.ShouldRetryOnRateLimit = false
	const channel = "200000000000000009"
	send := func() error { _, err := sess.ChannelMessageSend(channel, "hi"); return err }
	route := "channels/" + channel + "/messages"

	fake.Fail("POST", "channels/*/messages", 503, 1)
	if status, _ := restStatus(t, send()); status != 503 {
		t.Errorf("status = %d, want 503", status)
	}
	if err := send(); err != nil {
		t.Errorf("after the one failure: %v", err)
	}

	fake.FailCode("POST", route, 403, discordgo.ErrCodeCannotReplyWithoutPermissionToReadMessageHistory, 1)
	var rest *discordgo.RESTError
	if err := send(); !errors.As(err, &rest) || rest.Response.StatusCode != 403 || rest.Message == nil ||
		rest.Message.Code != discordgo.ErrCodeCannotReplyWithoutPermissionToReadMessageHistory {
		t.Errorf("send = %v, want a 403 with code 160002", err)
	}

	fake.Drop("", "channels/*/messages", 1)
	var ue *url.Error
	if err := send(); !errors.As(err, &ue) {
		t.Errorf("dropped connection: %v (%T), want a *url.Error", err, err)
	}

	fake.RateLimitFor("POST", route, 1, 200*time.Millisecond, true)
	var rl *discordgo.RateLimitError
	if err := send(); !errors.As(err, &rl) || rl.RetryAfter != 200*time.Millisecond {
		t.Errorf("send = %v, want RateLimitError with 200ms", err)
	}
	var r fakediscord.Request
	for _, req := range fake.Requests() {
		if req.Status == 429 {
			r = req
		}
	}
	if r.Reply["global"] != true {
		t.Errorf("global rate limit answered %s", r)
	}

	fake.Slow("POST", "channels/*/messages", 300*time.Millisecond)
	start := time.Now()
	if err := send(); err != nil || time.Since(start) < 300*time.Millisecond {
		t.Errorf("slow send: %v after %v", err, time.Since(start))
	}

	// A client that gives up on a slow request is not answered, and the
	// fake does not keep the request running.
	const given = "200000000000000010"
	fake.Slow("POST", "channels/"+given+"/messages", time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := sess.ChannelMessageSend(given, "hi", discordgo.WithContext(ctx)); err == nil {
		t.Error("a send given up on succeeded")
	}
	r = fake.WaitRequest(t, 5*time.Second, fakediscord.Match("POST", "channels/"+given+"/messages"))
	if r.Status != 0 || r.Reply != nil {
		t.Errorf("a request given up on: %s", r)
	}
}
