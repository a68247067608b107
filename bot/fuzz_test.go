package bot

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"faqbot/content"
	"faqbot/index"
)

// mentionMarkup is a user, role or channel mention as Discord renders it.
var mentionMarkup = regexp.MustCompile(`<(?:@[!&]?|#)\d+>`)

// maxConfigQuestionLength is the largest MAX_QUESTION_LENGTH the config
// accepts.
const maxConfigQuestionLength = 4000

// FuzzCleanQuestion feeds arbitrary messages to cleanQuestion and
// looksLikeQuestion: no markup, no stray space and no more than maxLen
// characters may reach the search.
func FuzzCleanQuestion(f *testing.F) {
	seeds := []struct {
		s      string
		maxLen int
	}{
		{"<@123456> how do I   reload?", 300},
		{"<@!123> <@&456> <#789> hi <:wave:1234> <a:dance:5678>", 300},
		{"<<@1>@2>> <@<@3>4>", 300},
		{"\n\t  ", 10},
		{"", 10},
		{strings.Repeat("é", 50), 20},
		{"how do I reload the faq", 10},
		{"is the server down?", 4000},
		{"\xff\xfe<@1>\xc3 how?", 300},
		{"how\u00a0do\u2003I\u3000reload\u200b?", 300},
		{"كيف أعيد التحميل؟ ‏<@42>‎", 300},
		{"🙂 <:x:1> 👩‍👩‍👧 why is it broken?", 300},
		{strings.Repeat("<@1>", 300), 300},
	}
	for _, s := range seeds {
		f.Add(s.s, s.maxLen)
	}
	f.Fuzz(func(t *testing.T, s string, maxLen int) {
		// The config accepts 10..4000; try every positive length up to that.
		maxLen = 1 + int(uint(maxLen)%maxConfigQuestionLength)
		got := cleanQuestion(s, maxLen)
		if n := utf8.RuneCountInString(got); n > maxLen {
			t.Errorf("cleanQuestion(%q, %d) = %d runes", s, maxLen, n)
		}
		if m := mentionMarkup.FindString(got); m != "" {
			t.Errorf("cleanQuestion(%q, %d) = %q keeps mention %s", s, maxLen, got, m)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Errorf("cleanQuestion(%q, %d) = %q: invalid UTF-8", s, maxLen, got)
		}
		if strings.TrimFunc(got, unicode.IsSpace) != got {
			t.Errorf("cleanQuestion(%q, %d) = %q: leading or trailing space", s, maxLen, got)
		}
		if cleanQuestion(got, maxLen) != got {
			t.Errorf("cleanQuestion(%q, %d) = %q: not idempotent", s, maxLen, got)
		}
		if looksLikeQuestion(s) && len(strings.Fields(s)) < minQuestionWords {
			t.Errorf("looksLikeQuestion(%q) with fewer than %d words", s, minQuestionWords)
		}
	})
}

// FuzzRender builds answer embeds and button labels from arbitrary
// passages: Discord's limits hold, labels are unique, nothing can ping
// @everyone or @here, and only web links are linked.
func FuzzRender(f *testing.F) {
	type seed struct {
		question, title, section, text, excerpt, url, file string
		faq                                                bool
		confidence                                         float64
	}
	seeds := []seed{
		{"How do I reload?", "Bot FAQ", "Admin", "Run /faq reload.", "", "https://kb.example.org/faq#reload", "faq.md", true, 0.876},
		{"", "Guide", "Setup", strings.Repeat("Long text @here. ", 400), "…@here…", "http://x.org", "guide.md", false, -1},
		{"@everyone " + strings.Repeat("why ", 100), "T", "S", "A.", "", "javascript:alert(1)", "faq.md", true, 1},
		{"@@everyone@here", "@here", "@everyone", "@\u200beveryone @ here", "", "https://@everyone/@here", "@here.md", true, 0},
		{"", "", "", "", "", "", "", false, math.NaN()},
		{"q", "t", "t", "x", "", "https://" + strings.Repeat("a", 3000) + ".org", strings.Repeat("f", 3000), false, math.Inf(1)},
		{strings.Repeat("é", 300), strings.Repeat(" ", 300), strings.Repeat("é ", 200), "\xff\xfe\xc3", "", "ftp://files.example.org/a", "\x00", true, -0.5},
		{"?", "كتاب", "‮evil‬", "👩‍👩‍👧 🇫🇷", "", "HTTPS://EXAMPLE.ORG", "a.md", false, 0.5},
	}
	for _, s := range seeds {
		f.Add(s.question, s.title, s.section, s.text, s.excerpt, s.url, s.file, s.faq, s.confidence)
	}
	f.Fuzz(func(t *testing.T, question, title, section, text, excerpt, url, file string, faq bool, confidence float64) {
		p := content.Passage{ID: "p", Kind: content.KindPassage, Question: question, Title: title, Section: section, Text: text, URL: url, File: file, Line: 3}
		if faq {
			p.Kind = content.KindFAQ
		}
		e := answerEmbed(index.Hit{Passage: p, Excerpt: excerpt}, confidence)
		checkEmbed(t, e)
		if e.URL != "" {
			wellFormed(t, e.URL)
		}
		// The same answer where the bot may not embed.
		for _, lead := range []string{"", "In answer to https://discord.com/channels/1/2/3"} {
			txt := embedsAsText(lead, []*discordgo.MessageEmbed{e})
			if n := utf8.RuneCountInString(txt); n > maxContent || !strings.HasPrefix(txt, lead) {
				t.Errorf("embedsAsText: %d runes, or %q lost", n, lead)
			}
			checkDefused(t, "text", txt)
		}
		// Button labels: unique, within Discord's limit, never empty.
		other := p
		other.Text = excerpt
		ls := labels([]content.Passage{p, p, other})
		seen := map[string]bool{}
		for _, l := range ls {
			if n := utf8.RuneCountInString(l); n == 0 || n > maxButtonLabel || seen[l] {
				t.Errorf("labels %q: empty, too long or repeated", ls)
			}
			seen[l] = true
			checkDefused(t, "label", l)
		}
		// The other places the bot shows content text.
		for _, s := range []string{question, title, text} {
			for _, n := range []int{1, 2, maxChoice, maxButtonLabel, maxContent} {
				got := clip(defuse(s), n)
				if utf8.RuneCountInString(got) > n {
					t.Errorf("clip(defuse(%q), %d) = %d runes", s, n, utf8.RuneCountInString(got))
				}
				checkDefused(t, "clip", got)
			}
		}
	})
}

// checkEmbed checks Discord's per-field limits and that no text pings.
func checkEmbed(t *testing.T, e *discordgo.MessageEmbed) {
	t.Helper()
	type field struct {
		name string
		text string
		max  int
	}
	fields := []field{
		{"title", e.Title, maxEmbedTitle},
		{"description", e.Description, maxEmbedDescription},
	}
	if e.Footer != nil {
		fields = append(fields, field{"footer", e.Footer.Text, maxEmbedFooter})
	}
	if e.Author != nil {
		fields = append(fields, field{"author", e.Author.Name, maxEmbedTitle})
	}
	for _, fd := range fields {
		if n := utf8.RuneCountInString(fd.text); n > fd.max {
			t.Errorf("%s of %d runes, limit %d", fd.name, n, fd.max)
		}
		checkDefused(t, fd.name, fd.text)
	}
}

// checkDefused fails when s could still ping everyone.
func checkDefused(t *testing.T, field, s string) {
	t.Helper()
	if strings.Contains(s, "@everyone") || strings.Contains(s, "@here") {
		t.Errorf("%s %q keeps a raw @everyone or @here", field, s)
	}
}
