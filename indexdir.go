package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"faqbot/index"
	"faqbot/internal/dirlock"
)

// storeWait is how long serve waits for another process to let go of
// INDEX_DIR: a `faqbot index` finishing, or a bot that is stopping.
const storeWait = 30 * time.Second

// whenHeld is what a command does when another process owns INDEX_DIR.
type whenHeld int

const (
	// inMemory builds an index of its own in memory and touches nothing in
	// INDEX_DIR (ask and eval beside a running bot).
	inMemory whenHeld = iota
	// waitForOwner waits up to storeWait for the owner to finish (serve).
	waitForOwner
	// refuse says who owns it and stops (index: its only job is INDEX_DIR).
	refuse
)

// onHeld decides what command does when INDEX_DIR is owned by another
// process, and what to tell the operator when it gives up.
func onHeld(command string) (whenHeld, string) {
	switch command {
	case "serve":
		return waitForOwner, "stop it, or give this bot an INDEX_DIR of its own"
	case "index":
		return refuse, "a running bot keeps its own index up to date (use /faq reload), or stop it first"
	}
	return inMemory, ""
}

// indexStore makes this process the owner of INDEX_DIR for command, as
// onHeld decides. A nil store (with a nil error) means: build the index in
// memory.
func (a *app) indexStore(ctx context.Context, command string) (*index.Store, error) {
	dir := a.cfg.IndexDir
	if dir == "" {
		return nil, nil
	}
	action, hint := onHeld(command)
	var store *index.Store
	var err error
	switch action {
	case waitForOwner:
		wctx, cancel := context.WithTimeout(ctx, storeWait)
		defer cancel()
		store, err = index.WaitStore(wctx, dir, command, func(h *dirlock.HeldError) {
			a.log.Info("waiting for INDEX_DIR", "owner", h.Holder.Who(), "dir", dir, "max", storeWait)
		})
		if err != nil && ctx.Err() != nil {
			return nil, ctx.Err()
		}
	default:
		store, err = index.OpenStore(dir, command)
	}
	var held *dirlock.HeldError
	switch {
	case errors.As(err, &held) && action == inMemory:
		a.log.Info(held.Error() + "; building an index in memory for this command, nothing in it is touched")
		return nil, nil
	case errors.As(err, &held):
		return nil, fmt.Errorf("%w; %s", held, hint)
	case err != nil:
		return nil, err
	}
	return store, nil
}
