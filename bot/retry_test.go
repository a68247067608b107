package bot

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestRetryable(t *testing.T) {
	status := func(code int) error {
		return &discordgo.RESTError{Response: &http.Response{StatusCode: code}}
	}
	dropped := &url.Error{Op: "Post", URL: "https://discord.com/api/v9/channels/1/messages", Err: errors.New("connection reset by peer")}
	done, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name       string
		ctx        context.Context
		err        error
		repeatable bool
		want       bool
	}{
		{"no error", context.Background(), nil, true, false},
		{"500", context.Background(), status(500), false, true},
		{"503", context.Background(), status(503), false, true},
		{"504", context.Background(), status(504), true, true},
		{"400", context.Background(), status(400), true, false},
		{"404 unknown interaction", context.Background(), status(404), true, false},
		{"403", context.Background(), status(403), true, false},
		{"connection dropped, repeatable", context.Background(), dropped, true, true},
		{"connection dropped, a message", context.Background(), dropped, false, false},
		{"500 with no time left", done, status(500), true, false},
		{"another error", context.Background(), errors.New("marshal"), true, false},
	} {
		if got := retryable(tc.ctx, tc.err, tc.repeatable); got != tc.want {
			t.Errorf("%s: retryable = %v, want %v", tc.name, got, tc.want)
		}
	}
}
