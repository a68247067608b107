package bot

import (
	"context"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
)

// editWindow is how long after its reply a member's edit of their question
// is answered again: long enough to fix a typo or add a word, short
// enough that an old thread is not rewritten.
const editWindow = 15 * time.Minute

// maxReplies bounds the replies remembered at once; the oldest go first.
const maxReplies = 10_000

// reply is the bot's reply to a member's message, and the question it
// answered.
type reply struct {
	channel, id string // the reply message
	question    string // the question as searched
	at          time.Time
}

// replies remembers the bot's replies to members' messages (mentions and
// DMs) for editWindow, by the id of the member's message, so that when a
// member edits the question (to fix a typo, say) the reply is edited to
// answer what it now asks. It is safe for concurrent use.
type replies struct {
	mu    sync.Mutex
	now   func() time.Time
	byMsg latest[reply] // by message id, the latest maxReplies
}

func newReplies(now func() time.Time) *replies {
	return &replies{now: now, byMsg: newLatest[reply](maxReplies)}
}

// remember records r as the reply to message msg.
func (rs *replies) remember(msg string, r reply) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	r.at = rs.now()
	rs.byMsg.put(msg, r)
}

// repliedTo reports whether the bot replied to message msg within the last
// editWindow.
func (rs *replies) repliedTo(msg string) bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	r, ok := rs.byMsg.get(msg)
	return ok && rs.now().Sub(r.at) < editWindow
}

// asksAnew returns the reply to message msg when there is one from the
// last editWindow and it answered another question than question, which
// it then records as answered: of two edits to the same text, one is
// answered.
func (rs *replies) asksAnew(msg, question string) (reply, bool) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	r, ok := rs.byMsg.get(msg)
	if !ok || rs.now().Sub(r.at) >= editWindow || r.question == question {
		return reply{}, false
	}
	prev := r
	r.question = question
	rs.byMsg.put(msg, r)
	return prev, true
}

// onMessageEdit answers a member's edited question again, editing the
// reply the bot gave to it, when the bot replied to that message (a
// mention or a DM) within editWindow and the question now reads
// differently. The new answer is not held back by the member's own limit
// or pointed to an earlier answer: it takes the place of the reply. Edits
// Discord makes itself (link previews) carry no new text and are left
// alone, as are edits after which the message is no question for the bot,
// or that would get no reply (NO_ANSWER_MODE=silent).
func (b *Bot) onMessageEdit(ctx context.Context, mu *discordgo.MessageUpdate) {
	if mu.Message == nil || mu.Content == "" || !b.replies.repliedTo(mu.ID) {
		return // most edits: messages the bot never replied to
	}
	q, ok := b.readMessage(mu.Message)
	if !ok || q.via == viaChannel {
		return
	}
	prev, ok := b.replies.asksAnew(mu.ID, q.text)
	if !ok {
		return
	}
	d := b.answerWith(ctx, q, unlimited{})
	if d.silent {
		return
	}
	hidden, where := b.hidesEmbedsIn(mu.GuildID, prev.channel)
	content, embeds := b.fit(hidden, mu.GuildID, where, defuse(d.content), d.embeds)
	components := d.components
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	edit := &discordgo.MessageEdit{ID: prev.id, Channel: prev.channel, Content: &content, Embeds: &embeds,
		Components: &components, AllowedMentions: noMentions()}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), replyTimeout)
	defer cancel()
	if _, err := b.s.ChannelMessageEditComplex(edit, discordgo.WithContext(ctx)); err != nil {
		b.log.Warn("edit reply", "channel", prev.channel, "err", b.apiError(err))
	}
}

// unlimited are the limits of an answer that replaces an earlier reply:
// none.
type unlimited struct{}

func (unlimited) member(string, bool) (time.Duration, bool)  { return 0, false }
func (unlimited) channel(string) time.Duration               { return 0 }
func (unlimited) claim(string, string) (earlier, mine *post) { return nil, nil }
func (unlimited) release(string)                             {}
