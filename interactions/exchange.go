package interactions

import (
	"context"
	"errors"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// errGone means Discord stopped waiting for the HTTP response.
var errGone = errors.New("the request was closed before the response was ready")

// exchange joins the bot, which sends an interaction's response when it is
// ready, and the HTTP request Discord waits on: the response goes into the
// HTTP response when it comes in time, and as a follow-up once the request
// was answered with a deferral. It is safe for concurrent use.
type exchange struct {
	follow func(ctx context.Context, deferred, resp *discordgo.InteractionResponse) error

	direct  chan *discordgo.InteractionResponse // the response, for the HTTP response
	written chan error                          // how writing it went

	mu       sync.Mutex
	taken    bool                           // the response is on its way into the HTTP response
	deferred *discordgo.InteractionResponse // the HTTP response was this deferral
	gone     bool                           // the request ended without a response
}

func newExchange(follow func(ctx context.Context, deferred, resp *discordgo.InteractionResponse) error) *exchange {
	return &exchange{follow: follow, direct: make(chan *discordgo.InteractionResponse, 1), written: make(chan error, 1)}
}

// send is how the bot sends its response: into the HTTP response, or after
// the deferral that answered it.
func (e *exchange) send(ctx context.Context, resp *discordgo.InteractionResponse) error {
	e.mu.Lock()
	switch {
	case e.deferred != nil:
		d := e.deferred
		e.mu.Unlock()
		return e.follow(ctx, d, resp)
	case e.gone:
		e.mu.Unlock()
		return errGone
	}
	e.taken = true
	e.mu.Unlock()
	e.direct <- resp
	select {
	case err := <-e.written:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// deferWith makes the HTTP response the deferral d unless the bot's own
// response is on its way already; it reports whether it did.
func (e *exchange) deferWith(d *discordgo.InteractionResponse) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.taken || e.gone {
		return false
	}
	e.deferred = d
	return true
}

// abandon ends the exchange without a response, unless the bot's response
// is on its way; it reports whether it did.
func (e *exchange) abandon() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.taken || e.deferred != nil {
		return false
	}
	e.gone = true
	return true
}
