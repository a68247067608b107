package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/bwmarrin/discordgo"
)

// retryWaits are the pauses before each new try of a reply that failed on
// Discord's side. They are short: an interaction's response must reach
// Discord within 3 seconds of the question. (Rate limits are another
// matter: discordgo waits as long as Discord says, then tries again.)
var retryWaits = []time.Duration{100 * time.Millisecond, 300 * time.Millisecond, 600 * time.Millisecond}

// errAlreadyAcknowledged is Discord's code for a second response to one
// interaction.
const errAlreadyAcknowledged = 40060

// retryable reports whether a reply that failed with err may go through
// when sent again: Discord answered with a server error (500, 502, 503,
// 504), or, for a call that is safe to repeat, the connection failed
// before any answer. A message whose fate is unknown is not sent again,
// since Discord may have posted it; an interaction's response is, since
// Discord takes one response per interaction and refuses a second.
func retryable(ctx context.Context, err error, repeatable bool) bool {
	if err == nil || ctx.Err() != nil {
		return false
	}
	var rest *discordgo.RESTError
	if errors.As(err, &rest) {
		if rest.Response == nil {
			return false
		}
		switch rest.Response.StatusCode {
		case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		return false
	}
	var ue *url.Error
	return repeatable && errors.As(err, &ue)
}

// withRetry runs send, and again after a pause while its failure is
// retryable and ctx lasts.
func withRetry(ctx context.Context, repeatable bool, send func() error) error {
	err := send()
	for _, pause := range retryWaits {
		if !retryable(ctx, err, repeatable) {
			break
		}
		select {
		case <-time.After(pause):
		case <-ctx.Done():
			return fmt.Errorf("%w (no time left to try again: %w)", err, ctx.Err())
		}
		err = send()
	}
	return err
}

// respondToInteraction sends an interaction's response, again when Discord
// failed on its side or the connection broke. Discord refusing a second
// response after such a failure means the first one went through.
func (b *Bot) respondToInteraction(ctx context.Context, i *discordgo.Interaction, resp *discordgo.InteractionResponse) error {
	tries := 0
	return withRetry(ctx, true, func() error {
		err := b.s.InteractionRespond(i, resp, discordgo.WithContext(ctx))
		if tries > 0 && discordCode(err) == errAlreadyAcknowledged {
			err = nil
		}
		tries++
		return err
	})
}

// discordCode is the JSON error code of Discord's answer that err carries;
// 0 for none.
func discordCode(err error) int {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Message != nil {
		return rest.Message.Code
	}
	return 0
}
