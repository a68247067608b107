package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"faqbot/internal/fakediscord"
)

// TestServeShards: with SHARD_COUNT=auto the process runs every shard
// Discord recommends, each identifying as its own [id, count], and
// answers mentions; with SHARD_ID it runs that shard alone, and leaves the
// commands to the process that runs shard 0.
func TestServeShards(t *testing.T) {
	t.Parallel()
	t.Run("all recommended shards", func(t *testing.T) {
		t.Parallel()
		s := startServe(t, nil, fakediscord.WithShards(2, 2))
		waitUntil(wait, 20*time.Millisecond, func() bool { return len(s.fake.Identifies()) >= 2 })
		got := map[[2]int]bool{}
		for _, id := range s.fake.Identifies() {
			shard, count := id.Shard()
			got[[2]int{shard, count}] = true
		}
		if len(got) != 2 || !got[[2]int{0, 2}] || !got[[2]int{1, 2}] {
			t.Fatalf("identified as shards %v, want 0 and 1 of 2", got)
		}
		// Discord sends a guild's events to shard (guild_id >> 22) % 2 only:
		// a mention in a guild of each shard is answered.
		for shard, guild := range []string{"200000000000000000", "200000000004194304"} {
			channel := fmt.Sprint("3000000000000000", shard)
			s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), GuildID: guild, ChannelID: channel,
				Content: "<@" + fakediscord.DefaultBotUserID + "> when is raid night?"}))
			if r := s.fake.WaitRequest(t, wait, fakediscord.Match("POST", "channels/"+channel+"/messages")); title(r) != "When is raid night?" {
				t.Errorf("mention in a guild of shard %d: %s", shard, r.Body)
			}
		}
	})
	t.Run("one shard of two", func(t *testing.T) {
		t.Parallel()
		fake := fakediscord.Start(t)
		s := launchServe(t, fake, map[string]string{"SHARD_COUNT": "2", "SHARD_ID": "1"})
		id := fake.WaitConnected(t, wait)
		if shard, count := id.Shard(); shard != 1 || count != 2 {
			t.Errorf("identified as shard %d of %d, want 1 of 2", shard, count)
		}
		// A guild of shard 1: (guild_id >> 22) % 2 = 1.
		s.fake.Dispatch(t, "MESSAGE_CREATE", s.fake.Message(fakediscord.Message{ID: nextID(), GuildID: "200000000004194304",
			Content: "<@" + fakediscord.DefaultBotUserID + "> when is raid night?"}))
		s.fake.WaitRequest(t, wait, fakediscord.Match("POST", "channels/*/messages"))
		s.waitLog(t, "msg=serving")
		fake.NoRequest(t, 0, fakediscord.Match("PUT", "applications/*/guilds/*/commands"))
		if n := len(fake.Identifies()); n != 1 {
			t.Errorf("%d sessions identified, want 1", n)
		}
	})
}

// waitLog waits until serve's log holds text.
func (s *served) waitLog(t testing.TB, text string) {
	t.Helper()
	if !waitUntil(wait, 20*time.Millisecond, func() bool { return strings.Contains(s.log.String(), text) }) {
		t.Fatalf("serve's log has no %q within %v", text, wait)
	}
}
