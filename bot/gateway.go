package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// readyTimeout is how long the first shard may take to be READY.
const readyTimeout = 30 * time.Second

// runGateway connects this process's shards, one rate-limit bucket at a
// time, registers the commands (the process that runs shard 0 does) and
// serves until ctx is done.
func (b *Bot) runGateway(ctx context.Context) error {
	ids, total, atOnce := b.planShards(ctx)
	var started time.Time
	for n, id := range ids {
		if n > 0 && n%atOnce == 0 {
			select {
			case <-time.After(time.Until(started.Add(identifyInterval))):
			case <-ctx.Done():
			}
		}
		if ctx.Err() != nil {
			break
		}
		if n%atOnce == 0 {
			started = time.Now()
		}
		s := b.s
		if n > 0 {
			var err error
			if s, err = b.shardSession(); err != nil {
				_ = b.gateway.close(b.metrics)
				return fmt.Errorf("shard %d: %w", id, err)
			}
		}
		if total > 1 {
			s.ShardID, s.ShardCount = id, total
		}
		b.handle(b.gateway.add(s))
		if err := b.open(ctx, s); err != nil {
			_ = b.gateway.close(b.metrics)
			if total > 1 {
				return fmt.Errorf("shard %d of %d: %w", id, total, err)
			}
			return err
		}
	}
	if ctx.Err() != nil {
		return nil // stopped while connecting
	}
	select {
	case <-b.ready:
	case <-ctx.Done():
	case <-time.After(readyTimeout):
		_ = b.gateway.close(b.metrics)
		return fmt.Errorf("connect to Discord: no READY from the gateway within %v", readyTimeout)
	}
	if ctx.Err() == nil {
		// Commands registered before keep working, and mentions need none:
		// a failed registration is reported, not fatal.
		if !slices.Contains(ids, 0) {
			b.log.Info("slash commands are registered by the process that runs shard 0")
		} else if err := b.registerCommands(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("slash commands not registered; serving anyway", "err", err)
		}
		b.log.Info("serving", "guild", b.cfg.GuildID, "help_channels", len(b.cfg.AnswerChannels), "shards", len(ids), "shard_count", total)
	}
	<-ctx.Done()
	return b.shutdown()
}

// handle routes a shard's events to the bot.
func (b *Bot) handle(sh *shard) {
	s := sh.s
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { b.onReady(sh, r) })
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Connect) { b.setOnline(sh, true) })
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) { b.setOnline(sh, false) })
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) {
		if i.Interaction != nil && !b.firstDelivery("interaction", i.ID) {
			return
		}
		b.guard("interaction", func(ctx context.Context) { b.onInteraction(ctx, i) }, func(ctx context.Context) {
			b.refuseInteraction(ctx, i.Interaction, func(ctx context.Context, resp *discordgo.InteractionResponse) error {
				return b.respondToInteraction(ctx, i.Interaction, resp)
			})
		})
	})
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) {
		if m.Message != nil && !b.firstDelivery("message", m.ID) {
			return
		}
		b.guard("message", func(ctx context.Context) { b.onMessage(ctx, m) }, func(ctx context.Context) { b.refuseMessage(ctx, m.Message) })
	})
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageUpdate) {
		b.guard("message", func(ctx context.Context) { b.onMessageEdit(ctx, m) }, nil)
	})
	s.AddHandler(func(_ *discordgo.Session, e *discordgo.Event) { b.onEvent(e) })
}

// firstDelivery reports whether the gateway delivers the event with this id
// for the first time; a second delivery is logged and skipped.
func (b *Bot) firstDelivery(event, id string) bool {
	if b.seen.first(event, id) {
		return true
	}
	b.log.Debug("event delivered twice; handled once", "event", event, "id", id)
	return false
}

func (b *Bot) setOnline(sh *shard, v bool) {
	sh.up.Store(v)
	b.metrics.Gateway(b.gateway.connected())
}

// open connects s to the gateway. Connecting can take long (the gateway
// lookup and the websocket handshake have their own, long timeouts), so a
// shutdown does not wait for it: the session is closed when it is done.
func (b *Bot) open(ctx context.Context, s *discordgo.Session) error {
	opened := make(chan error, 1)
	go func() { opened <- s.Open() }()
	select {
	case err := <-opened:
		if err != nil {
			return fmt.Errorf("connect to Discord gateway: %w", explainOpen(b.apiError(err)))
		}
		return nil
	case <-ctx.Done():
		go func() {
			if <-opened == nil {
				_ = s.Close()
			}
		}()
		return nil
	}
}

// explainOpen turns the gateway close codes a moderator can fix into
// plain advice.
func explainOpen(err error) error {
	msg := err.Error()
	if strings.Contains(msg, "4004") {
		return errors.New("discord rejected DISCORD_TOKEN (gateway 4004): copy the bot token again from the developer portal")
	}
	if strings.Contains(msg, "4014") {
		return errors.New("discord refused the Message Content intent (4014): enable it for the bot in the developer portal, or leave ANSWER_CHANNELS empty")
	}
	return err
}

func (b *Bot) onReady(sh *shard, r *discordgo.Ready) {
	if r.Application != nil {
		b.appID.Store(r.Application.ID)
	}
	if r.User != nil {
		b.botID.Store(r.User.ID)
	}
	b.setOnline(sh, true)
	b.once.Do(func() { close(b.ready) })
	b.log.Info("connected to Discord", "user", r.User.Username, "guilds", len(r.Guilds), "shard", sh.s.ShardID)
}

// onEvent reads the raw events discordgo decodes only in part: the bot's
// managed role is known by its tags, which discordgo's Role lacks.
func (b *Bot) onEvent(e *discordgo.Event) {
	me, _ := b.botID.Load().(string)
	if me == "" {
		return
	}
	if guild, role, changed := b.roles.learn(e.Type, e.RawData, me); changed {
		b.log.Debug("bot role", "guild", guild, "role", role)
	}
}
