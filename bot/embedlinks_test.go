package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"faqbot/content"
	"faqbot/index"
)

func TestHidesEmbeds(t *testing.T) {
	t.Parallel()
	const base = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages
	for _, c := range []struct {
		name  string
		perms int64
		want  bool
	}{
		{"not sent: not known", 0, false},
		{"without Embed Links", base, true},
		{"with Embed Links", base | discordgo.PermissionEmbedLinks, false},
		{"administrator as Discord computes it", discordgo.PermissionAll, false},
	} {
		if got := hidesEmbeds(c.perms); got != c.want {
			t.Errorf("%s: hidesEmbeds(%b) = %v, want %v", c.name, c.perms, got, c.want)
		}
	}
}

// TestEmbedsAsText: an answer written as text carries what its embed
// shows (the heading, the context, the text, the source and its link),
// escaped as the embed shows it, within Discord's message length; a long
// text is cut, never the heading or the link.
func TestEmbedsAsText(t *testing.T) {
	t.Parallel()
	long := rulesParagraph
	long.URL = "https://guild.example/rules#warnings"
	long.Text = strings.Repeat("A moderator warns you first. ", 300)
	marked := raidFAQ
	marked.Question = "Does my_bot ping @everyone?"
	bare := clubFAQ
	pinging := raidFAQ
	pinging.URL = "https://guild.example/@everyone"
	for _, c := range []struct {
		name    string
		content string
		p       content.Passage
	}{
		{"an FAQ answer", "", raidFAQ},
		{"after a line of the bot's own", "I've just answered this here: https://discord.com/channels/1/2/3 Here it is again, just for you.", raidFAQ},
		{"a text longer than a message", "", long},
		{"a long text after a line", "In answer to https://discord.com/channels/1/2/3", long},
		{"Markdown and a mass mention in the heading", "", marked},
		{"no link", "", bare},
		{"a link that reads as a ping", "", pinging},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := answerEmbed(index.Hit{Passage: c.p, Excerpt: c.p.Text}, 0.9)
			got := embedsAsText(c.content, []*discordgo.MessageEmbed{e})
			if n := utf8.RuneCountInString(got); n > maxContent {
				t.Errorf("%d characters, more than Discord takes", n)
			}
			if !strings.HasPrefix(got, c.content) {
				t.Errorf("the content before the answer is lost:\n%s", got)
			}
			want := []string{"**" + escapeMarkdown(e.Title) + "**", escapeMarkdown(e.Footer.Text)}
			if e.Author != nil {
				want = append(want, escapeMarkdown(e.Author.Name))
			}
			if e.URL != "" && defuse(e.URL) == e.URL {
				want = append(want, "<"+e.URL+">")
			} else if strings.Contains(got, "<http") {
				t.Errorf("a link where the passage has none, or one that reads as a ping:\n%s", got)
			}
			for _, w := range want {
				if !strings.Contains(got, w) {
					t.Errorf("%q missing from:\n%s", w, got)
				}
			}
			start := strings.TrimSuffix(clip(e.Description, 40), "…")
			if !strings.Contains(got, start) {
				t.Errorf("the answer's text (%q…) missing from:\n%s", start, got)
			}
			if strings.Contains(got, "@everyone") || strings.Contains(got, "my_bot") {
				t.Errorf("not escaped as the embed shows it:\n%s", got)
			}
		})
	}
}
