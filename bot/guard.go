package bot

import (
	"context"
	"runtime/debug"
	"time"
)

// refusalTimeout bounds the telling of a member whose question arrives
// while the bot shuts down (see guard): the shutdown waits for it, and
// should not wait long.
const refusalTimeout = 5 * time.Second

// guard runs one event handler: not at all once shutdown has begun, else
// counted as in flight, with the handler timeout, and with any panic
// recovered and logged with the event (the bot keeps serving). Once
// shutdown has begun, refuse (when not nil) runs instead, until the
// gateway is closed: a member whose interaction arrives then is told so,
// rather than left with Discord's "The application did not respond", and
// so is a member whose mention or DM arrives then, rather than left with
// no reply at all.
func (b *Bot) guard(event string, fn func(ctx context.Context), refuse func(ctx context.Context)) {
	b.mu.Lock()
	if b.closing {
		if refuse == nil || b.closed {
			b.mu.Unlock()
			return
		}
		b.refusals.Add(1)
		b.mu.Unlock()
		defer b.refusals.Done()
		ctx, cancel := context.WithTimeout(context.Background(), refusalTimeout)
		defer cancel()
		refuse(ctx)
		return
	}
	b.inflight.Add(1)
	b.mu.Unlock()
	defer b.inflight.Done()

	ctx, cancel := context.WithTimeout(context.Background(), b.cfg.HandlerTimeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			b.metrics.HandlerPanic(event)
			b.log.Error("handler panicked; the bot keeps serving", "event", event, "panic", r, "stack", string(debug.Stack()))
		}
	}()
	fn(ctx)
}
