package bot

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestRecentClaim(t *testing.T) {
	now := time.Unix(1000, 0)
	r := newRecent(time.Minute)
	r.now = func() time.Time { return now }

	earlier, first := r.claim("c", "raid")
	if earlier != nil || first == nil {
		t.Fatalf("first answer: earlier %v mine %v", earlier, first)
	}
	if earlier, mine := r.claim("c", "raid"); earlier != first || mine != nil {
		t.Errorf("same item, same channel: earlier %p mine %p, want the first %p", earlier, mine, first)
	}
	if earlier, mine := r.claim("other", "raid"); earlier != nil || mine == nil {
		t.Error("another channel was pointed to the first channel's answer")
	}
	if earlier, mine := r.claim("c", "club"); earlier != nil || mine == nil {
		t.Error("another item was pointed to the first item's answer")
	}
	now = now.Add(time.Minute)
	earlier, second := r.claim("c", "raid")
	if earlier != nil || second == nil {
		t.Error("pointed to an answer older than the window")
	}
	second.fail()
	if earlier, mine := r.claim("c", "raid"); earlier != nil || mine == nil {
		t.Error("pointed to an answer that was never sent")
	}

	off := newRecent(0)
	if earlier, mine := off.claim("c", "raid"); earlier != nil || mine != nil {
		t.Error("repeats tracked with no window")
	}
	if earlier, mine := r.claim("", "raid"); earlier != nil || mine != nil {
		t.Error("a claim without a channel")
	}
}

func TestRecentSweeps(t *testing.T) {
	now := time.Unix(1000, 0)
	r := newRecent(time.Second)
	r.now = func() time.Time { return now }
	for i := range sweepAt {
		r.claim("c", time.Duration(i).String())
	}
	now = now.Add(time.Second)
	r.claim("c", "late")
	if len(r.posts) != 1 {
		t.Errorf("%d answers remembered after the sweep, want 1", len(r.posts))
	}
}

func TestPostResolve(t *testing.T) {
	ctx := context.Background()
	fetches := 0
	fetch := func(_ context.Context, i *discordgo.Interaction) (string, error) {
		fetches++
		if i.ID == "broken" {
			return "", errors.New("unknown message")
		}
		return messageLink(i.GuildID, i.ChannelID, "m-"+i.ID), nil
	}

	p := newPost(time.Time{})
	p.sentAsMessage("g", "c", "42")
	if got := p.resolve(ctx, fetch); got != "https://discord.com/channels/g/c/42" || fetches != 0 {
		t.Errorf("message post: %q after %d fetches", got, fetches)
	}

	p = newPost(time.Time{})
	p.sentAsResponse(&discordgo.Interaction{ID: "7", GuildID: "g", ChannelID: "c"})
	for range 3 {
		if got := p.resolve(ctx, fetch); got != "https://discord.com/channels/g/c/m-7" {
			t.Errorf("response post: %q", got)
		}
	}
	if fetches != 1 {
		t.Errorf("the link was fetched %d times, want once", fetches)
	}

	p = newPost(time.Time{})
	p.sentAsResponse(&discordgo.Interaction{ID: "broken"})
	if got := p.resolve(ctx, fetch); got != "" {
		t.Errorf("a failed fetch gave %q", got)
	}

	p = newPost(time.Time{})
	p.fail()
	if got := p.resolve(ctx, fetch); got != "" {
		t.Errorf("a failed post gave %q", got)
	}

	// An answer still on its way: resolve waits for it, up to ctx.
	p = newPost(time.Time{})
	go func() { time.Sleep(20 * time.Millisecond); p.sentAsMessage("g", "c", "43") }()
	if got := p.resolve(ctx, fetch); got != "https://discord.com/channels/g/c/43" {
		t.Errorf("waited for %q", got)
	}
	p = newPost(time.Time{})
	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	if got := p.resolve(short, fetch); got != "" {
		t.Errorf("an answer never sent gave %q", got)
	}
}

func TestMessageLink(t *testing.T) {
	if got := messageLink("1", "2", "3"); got != "https://discord.com/channels/1/2/3" {
		t.Errorf("messageLink = %q", got)
	}
	for _, parts := range [][3]string{{"", "2", "3"}, {"1", "", "3"}, {"1", "2", ""}} {
		if got := messageLink(parts[0], parts[1], parts[2]); got != "" {
			t.Errorf("messageLink%v = %q, want none", parts, got)
		}
	}
}
