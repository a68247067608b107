package bot

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/metrics"
)

// identifyInterval is how often Discord lets a bot identify a session, per
// rate-limit bucket (max_concurrency buckets start together).
const identifyInterval = 5 * time.Second

// shardPlan decides which gateway shards this process runs, of how many
// in all: count (SHARD_COUNT; 0 takes recommended, the count Discord
// recommends, at least 1) and id (SHARD_ID: one shard, or -1 for all).
func shardPlan(count, id, recommended int) (ids []int, total int) {
	total = count
	if total <= 0 {
		total, id = max(recommended, 1), -1
	}
	if id >= 0 {
		return []int{id}, total
	}
	ids = make([]int, total)
	for k := range ids {
		ids[k] = k
	}
	return ids, total
}

// planShards asks Discord, where the configuration leaves it open, how
// many shards it recommends and how many may identify at once; when it
// cannot be asked, the bot runs as one shard.
func (b *Bot) planShards(ctx context.Context) (ids []int, total, atOnce int) {
	atOnce = 1
	recommended := 1
	if b.cfg.ShardCount == 0 || b.cfg.ShardID < 0 {
		gb, err := b.s.GatewayBot(discordgo.WithContext(ctx))
		switch {
		case err != nil && ctx.Err() == nil:
			b.log.Warn("could not ask Discord how many shards to run; running them one at a time", "err", b.apiError(err))
		case err == nil:
			recommended = gb.Shards
			atOnce = max(gb.SessionStartLimit.MaxConcurrency, 1)
		}
	}
	ids, total = shardPlan(b.cfg.ShardCount, b.cfg.ShardID, recommended)
	return ids, total, atOnce
}

// shardSession is a gateway session for one more shard, like the bot's
// own session: the same token, HTTP client and intents.
func (b *Bot) shardSession() (*discordgo.Session, error) {
	s, err := discordgo.New(b.s.Token)
	if err != nil {
		return nil, err
	}
	s.Client = b.s.Client
	s.Identify.Intents = b.s.Identify.Intents
	s.ShouldReconnectOnError = b.s.ShouldReconnectOnError
	s.ShouldRetryOnRateLimit = b.s.ShouldRetryOnRateLimit
	s.MaxRestRetries = b.s.MaxRestRetries
	return s, nil
}

// shard is one gateway session of this process.
type shard struct {
	s  *discordgo.Session
	up atomic.Bool
}

// shards are the gateway sessions of this process. It is safe for
// concurrent use.
type shards struct {
	mu  sync.Mutex
	all []*shard
}

func (sh *shards) add(s *discordgo.Session) *shard {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	n := &shard{s: s}
	sh.all = append(sh.all, n)
	return n
}

func (sh *shards) list() []*shard {
	sh.mu.Lock()
	defer sh.mu.Unlock()
	return append([]*shard(nil), sh.all...)
}

// connected reports whether there are shards and all are connected.
func (sh *shards) connected() bool {
	all := sh.list()
	for _, s := range all {
		if !s.up.Load() {
			return false
		}
	}
	return len(all) > 0
}

// states are the shards' caches of what the gateway told them.
func (sh *shards) states() []*discordgo.State {
	var out []*discordgo.State
	for _, s := range sh.list() {
		out = append(out, s.s.State)
	}
	return out
}

// close closes every shard's session.
func (sh *shards) close(m *metrics.Metrics) error {
	var errs []error
	for _, s := range sh.list() {
		errs = append(errs, s.s.Close())
		s.up.Store(false)
	}
	if len(sh.list()) > 0 {
		m.Gateway(false)
	}
	return errors.Join(errs...)
}
