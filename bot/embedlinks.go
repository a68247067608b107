package bot

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// Where the bot lacks the Embed Links permission, Discord takes its
// messages but hides their embeds: a member would see the buttons under an
// answer and not the answer. There the answer goes out as text (see
// embedsAsText) instead. Where the permission is not known (no gateway, a
// channel the gateway state does not hold), embeds are sent as ever.

// hidesEmbeds reports whether permissions, the bot's in a channel as an
// interaction carries them (app_permissions), lack Embed Links. None at
// all means they were not sent: not known.
func hidesEmbeds(permissions int64) bool {
	return permissions != 0 && permissions&discordgo.PermissionEmbedLinks == 0
}

// hidesEmbedsIn reports whether the bot lacks Embed Links in a guild's
// channel, as the shards' gateway states tell: the guild's roles, the
// bot's own roles and the channel's overwrites. where is the channel whose
// overwrites apply (a thread's parent, for a thread has none of its own).
// A DM shows embeds; an unknown channel is taken to.
func (b *Bot) hidesEmbedsIn(guild, channel string) (hidden bool, where string) {
	me, _ := b.botID.Load().(string)
	if guild == "" || me == "" {
		return false, channel
	}
	for _, st := range b.gateway.states() {
		c, err := st.Channel(channel)
		if err != nil {
			continue
		}
		if c.IsThread() {
			channel = c.ParentID
		}
		p, err := st.UserChannelPermissions(me, channel)
		return err == nil && hidesEmbeds(p), channel
	}
	return false, channel
}

// fit returns a message's content and embeds as they are to be sent in a
// channel: unchanged where it shows the bot's embeds, the embeds written
// into the content where it hides them (hidden).
func (b *Bot) fit(hidden bool, guild, channel, content string, embeds []*discordgo.MessageEmbed) (string, []*discordgo.MessageEmbed) {
	if !hidden || len(embeds) == 0 {
		return content, embeds
	}
	if b.noEmbeds.first(channel) {
		b.log.Warn("the bot lacks the Embed Links permission in this channel, so its answers there are sent as plain text; allow Embed Links for the bot's role there",
			"guild", guild, "channel", channel)
	}
	// No embeds, rather than none said: an edit drops those it had.
	return embedsAsText(content, embeds), []*discordgo.MessageEmbed{}
}

// maxWarnedChannels bounds the channels remembered as warned about.
const maxWarnedChannels = 10_000

// warnedChannels are the channels the log has said lack Embed Links: it
// says so once per channel, for the operator to fix the bot's role, not at
// every answer. It is safe for concurrent use.
type warnedChannels struct {
	mu   sync.Mutex
	seen latest[struct{}]
}

func newWarnedChannels() *warnedChannels {
	return &warnedChannels{seen: newLatest[struct{}](maxWarnedChannels)}
}

// first reports whether channel is new to w, which then keeps it.
func (w *warnedChannels) first(channel string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.seen.get(channel); ok {
		return false
	}
	w.seen.put(channel, struct{}{})
	return true
}

// embedsAsText writes embeds (answerEmbed's) into a message's content,
// after what it says: each embed's heading in bold and its context, its
// text, and its footer and link as small print, all within Discord's
// message length (the text is cut to fit). What an embed shows as plain
// text (the heading, the context, the footer) is escaped to show so; the
// text keeps its Markdown, which the embed renders too.
func embedsAsText(content string, embeds []*discordgo.MessageEmbed) string {
	out := content
	for _, e := range embeds {
		var head, small []string
		if e.Title != "" {
			head = append(head, "**"+escapeMarkdown(e.Title)+"**")
		}
		if e.Author != nil && e.Author.Name != "" {
			head = append(head, escapeMarkdown(e.Author.Name))
		}
		if e.Footer != nil && e.Footer.Text != "" {
			small = append(small, escapeMarkdown(e.Footer.Text))
		}
		if e.URL != "" && defuse(e.URL) == e.URL {
			// A link that reads as @everyone or @here is left out:
			// shown as text it would look like a ping, and broken it
			// would lead nowhere.
			small = append(small, "<"+e.URL+">")
		}
		foot := ""
		if len(small) > 0 {
			foot = "-# " + strings.Join(small, " · ")
		}
		with := func(text string) string {
			return paragraphs(out, strings.Join(head, "\n"), text, foot)
		}
		// The text adds at most two blank lines besides itself.
		text := ""
		if room := maxContent - utf8.RuneCountInString(with("")) - 4; room > 1 {
			text = clip(strings.TrimSpace(e.Description), room)
		}
		out = with(text)
	}
	return clip(out, maxContent)
}

// paragraphs joins the blocks that are not empty with blank lines.
func paragraphs(blocks ...string) string {
	var out []string
	for _, b := range blocks {
		if b != "" {
			out = append(out, b)
		}
	}
	return strings.Join(out, "\n\n")
}
