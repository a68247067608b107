package bot

import "time"

// botLimits is the bot's limits state, in memory (lost on restart, which is
// fine): members' limits, help channels' limits and recent public answers.
type botLimits struct {
	members  *cooldown
	channels *cooldown
	recent   *recent
}

func newLimits(cfg Config) *botLimits {
	return &botLimits{
		members:  newCooldown(cfg.UserCooldown),
		channels: newCooldown(cfg.ChannelCooldown),
		recent:   newRecent(cfg.RepeatWindow),
	}
}

func (l *botLimits) member(id string, answered bool) (time.Duration, bool) {
	return l.members.admit(id, answered)
}

func (l *botLimits) channel(id string) time.Duration {
	wait, _ := l.channels.admit(id, true)
	return wait
}

func (l *botLimits) claim(channel, item string) (*post, *post) { return l.recent.claim(channel, item) }

func (l *botLimits) release(member string) { l.members.release(member) }
