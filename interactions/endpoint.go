package interactions

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
)

// DeferAfter is how long the endpoint waits for the bot's response before
// it answers with a deferral: Discord wants a response within 3 seconds of
// sending, and the way back takes some of them.
const DeferAfter = 1500 * time.Millisecond

// handler is the bot, as the endpoint uses it.
type handler interface {
	// Interact handles i and sends its one response through send; it
	// returns without calling send when it does not handle i.
	Interact(i *discordgo.Interaction, send func(ctx context.Context, resp *discordgo.InteractionResponse) error)
	// Deferral is the response that holds i open until its own follows,
	// nil when i cannot wait.
	Deferral(i *discordgo.Interaction) *discordgo.InteractionResponse
	// FollowUp sends resp after i was answered with deferred.
	FollowUp(ctx context.Context, i *discordgo.Interaction, deferred, resp *discordgo.InteractionResponse) error
}

// Endpoint is the HTTP handler of the interactions endpoint.
type Endpoint struct {
	key        ed25519.PublicKey
	bot        handler
	log        *slog.Logger
	deferAfter time.Duration
	now        func() time.Time
}

// NewEndpoint serves interactions signed with the application's public
// key to b (a *bot.Bot).
func NewEndpoint(key ed25519.PublicKey, b handler, log *slog.Logger) *Endpoint {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Endpoint{key: key, bot: b, log: log, deferAfter: DeferAfter, now: time.Now}
}

// ServeHTTP checks a request (size, signature, timestamp) before anything
// reads its body as an interaction, answers PING, and hands everything else
// to the bot.
func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "POST interactions here", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		http.Error(w, "could not read the request", http.StatusBadRequest)
		return
	}
	if err := verify(e.key, r.Header, body, e.now()); err != nil {
		e.log.Info("interaction refused", "remote", r.RemoteAddr, "reason", err)
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(body, &i); err != nil {
		e.log.Warn("signed interaction is not valid JSON", "err", err)
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		e.write(w, &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong})
		return
	}
	e.interact(w, r, &i)
}

// interact runs the bot on i and answers the request with its response, or
// with a deferral when the response is late.
func (e *Endpoint) interact(w http.ResponseWriter, r *http.Request, i *discordgo.Interaction) {
	ex := newExchange(func(ctx context.Context, deferred, resp *discordgo.InteractionResponse) error {
		return e.bot.FollowUp(ctx, i, deferred, resp)
	})
	handled := make(chan struct{})
	go func() {
		defer close(handled)
		e.bot.Interact(i, ex.send)
	}()
	timer := time.NewTimer(e.deferAfter)
	defer timer.Stop()
	late, gone := timer.C, r.Context().Done()
	for {
		select {
		case resp := <-ex.direct:
			ex.written <- e.write(w, resp)
			return
		case <-handled:
			// Without a response: the bot is stopping, or does not
			// handle this type of interaction.
			e.log.Debug("interaction not handled", "interaction", i.ID, "type", i.Type)
			http.Error(w, "not handled", http.StatusServiceUnavailable)
			return
		case <-late:
			late = nil
			if d := e.bot.Deferral(i); d != nil && ex.deferWith(d) {
				e.log.Debug("interaction deferred", "interaction", i.ID, "after", e.deferAfter)
				_ = e.write(w, d)
				return
			}
			// It cannot wait (autocomplete), or its response is on the way.
		case <-gone:
			gone = nil
			if ex.abandon() {
				return
			}
		}
	}
}

// write sends resp as the HTTP response.
func (e *Endpoint) write(w http.ResponseWriter, resp *discordgo.InteractionResponse) error {
	body, err := json.Marshal(resp)
	if err != nil {
		e.log.Error("encode interaction response", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return err
	}
	w.Header().Set("Content-Type", "application/json")
	if _, err := w.Write(body); err != nil {
		e.log.Warn("write interaction response", "err", err)
		return err
	}
	return nil
}
