package bot

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// maxRepeatWindow is the longest REPEAT_WINDOW that works: the link to an
// /ask answer is read with the interaction's token, which Discord keeps
// valid for 15 minutes.
const maxRepeatWindow = 15 * time.Minute

// post is a public answer in a channel that later askers of the same thing
// are pointed to. It is claimed before it is sent, so a question arriving
// while it is on its way is pointed to it too, and learns its link once it
// is there.
type post struct {
	at   time.Time
	sent chan struct{} // closed once the answer was sent, or failed to be

	failed atomic.Bool
	fetch  sync.Mutex             // one lookup of the link at a time
	mu     sync.Mutex             // guards link and origin
	link   string                 // https://discord.com/channels/…, once known
	origin *discordgo.Interaction // an /ask answer whose message id is not yet known
}

func newPost(at time.Time) *post { return &post{at: at, sent: make(chan struct{})} }

// sentAsMessage records a reply sent as a channel message (whose id the
// send returned).
func (p *post) sentAsMessage(guild, channel, id string) {
	p.mu.Lock()
	p.link = messageLink(guild, channel, id)
	p.mu.Unlock()
	close(p.sent)
}

// sentAsResponse records an /ask answer: Discord does not say which message
// an interaction response became, so the link is looked up when first
// needed (most answers are never asked for again).
func (p *post) sentAsResponse(i *discordgo.Interaction) {
	p.mu.Lock()
	p.origin = i
	p.mu.Unlock()
	close(p.sent)
}

// fail records that the answer could not be sent: nobody is pointed to it.
func (p *post) fail() {
	p.failed.Store(true)
	close(p.sent)
}

// linkFetcher finds the message an interaction's response became.
type linkFetcher func(ctx context.Context, i *discordgo.Interaction) (string, error)

// resolve waits until the answer was sent (or ctx ends) and returns its
// link, fetching it once when only the interaction is known; "" when it
// failed or is not known in time.
func (p *post) resolve(ctx context.Context, fetch linkFetcher) string {
	select {
	case <-p.sent:
	case <-ctx.Done():
		return ""
	}
	if p.failed.Load() {
		return ""
	}
	p.fetch.Lock()
	defer p.fetch.Unlock()
	p.mu.Lock()
	link, origin := p.link, p.origin
	p.mu.Unlock()
	if link != "" || origin == nil {
		return link
	}
	link, err := fetch(ctx, origin)
	if err != nil {
		return ""
	}
	p.mu.Lock()
	p.link, p.origin = link, nil
	p.mu.Unlock()
	return link
}

// messageLink is the link Discord shows as a jump to a message.
func messageLink(guild, channel, id string) string {
	if guild == "" || channel == "" || id == "" {
		return ""
	}
	return fmt.Sprintf("https://discord.com/channels/%s/%s/%s", guild, channel, id)
}

// recent remembers the public answers of the last window, by channel and
// the content item they showed.
type recent struct {
	mu     sync.Mutex
	window time.Duration
	posts  map[string]*post
	now    func() time.Time
}

func newRecent(window time.Duration) *recent {
	return &recent{window: window, posts: map[string]*post{}, now: time.Now}
}

// claim returns the answer about item posted in channel within the window,
// if there is one (and it did not fail); otherwise it registers the answer
// the caller is about to post and returns that. With no window, or no
// channel or item to go by, it returns neither.
func (r *recent) claim(channel, item string) (earlier, mine *post) {
	if r.window <= 0 || channel == "" || item == "" {
		return nil, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.now()
	key := channel + "\x00" + item
	if p, ok := r.posts[key]; ok && now.Sub(p.at) < r.window && !p.failed.Load() {
		return p, nil
	}
	if len(r.posts) >= sweepAt {
		for k, p := range r.posts {
			if now.Sub(p.at) >= r.window {
				delete(r.posts, k)
			}
		}
	}
	mine = newPost(now)
	r.posts[key] = mine
	return nil, mine
}
