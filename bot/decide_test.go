package bot

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/index"
	"faqbot/metrics"
)

func TestDecide(t *testing.T) {
	cfg := Config{NoAnswerMessage: "Not sure; maybe one of these:"}
	silentCfg := cfg
	silentCfg.SilentNoAnswer = true
	earlier := newPost(time.Time{})
	slash := question{via: viaSlash, text: "when is raid night", member: "m1", guild: "g", channel: "c"}
	private := slash
	private.private = true
	mention := slash
	mention.via = viaMention
	dm := question{via: viaDM, text: "when is raid night", member: "m1", channel: "dm"}
	slashInDM := slash
	slashInDM.guild, slashInDM.channel = "", "dm"
	unasked := slash
	unasked.via = viaChannel
	empty := func(q question) question { q.text = ""; return q }
	saying := func(q question, text string) question { q.text, q.talk = text, smallTalk(text); return q }
	good := answered("when is raid night", raidFAQ, clubFAQ, rulesParagraph)
	vague := unsure("raid club", raidFAQ, clubFAQ)
	busy := fmt.Errorf("search: %w", errBusy)

	type want struct {
		silent, private bool
		title           string // the embed's title; "" for no embed
		content         string // a part of the content
		buttons         int    // alternatives (not votes)
		held            string
		post, pointer   bool
		linkOnly        bool
		unanswered      bool
		started         bool // the member's limit started
		claimed         bool
	}
	tests := []struct {
		name string
		q    question
		res  index.Result
		err  error
		cfg  Config
		st   fakeLimits
		want want
	}{
		// Explicit questions are answered, publicly unless asked privately;
		// the member's limit starts with the answer.
		{"slash answered", slash, good, nil, cfg, fakeLimits{},
			want{title: "When is raid night?", buttons: 2, post: true, started: true, claimed: true}},
		{"slash private", private, good, nil, cfg, fakeLimits{},
			want{private: true, title: "When is raid night?", buttons: 2, started: true}},
		{"mention answered", mention, good, nil, cfg, fakeLimits{},
			want{title: "When is raid night?", buttons: 2, post: true, started: true, claimed: true}},
		{"dm answered", dm, good, nil, cfg, fakeLimits{},
			want{title: "When is raid night?", buttons: 2, started: true}},
		{"slash in a DM", slashInDM, good, nil, cfg, fakeLimits{earlier: earlier},
			want{title: "When is raid night?", buttons: 2, started: true}},
		// A busy channel never holds back an explicit question.
		{"slash in a busy help channel", slash, good, nil, cfg, fakeLimits{channelWait: time.Second},
			want{title: "When is raid night?", buttons: 2, post: true, started: true, claimed: true}},

		// The same answer just posted in the channel: a pointer, and the
		// member still had an answer.
		{"slash repeat", slash, good, nil, cfg, fakeLimits{earlier: earlier},
			want{private: true, title: "When is raid night?", buttons: 2, held: metrics.ScopeRepeat, pointer: true, started: true, claimed: true}},
		{"mention repeat", mention, good, nil, cfg, fakeLimits{earlier: earlier},
			want{title: "When is raid night?", buttons: 2, held: metrics.ScopeRepeat, pointer: true, linkOnly: true, started: true, claimed: true}},

		// A member over their own limit is told the true wait.
		{"slash over the member limit", slash, good, nil, cfg, fakeLimits{memberWait: 3200 * time.Millisecond},
			want{private: true, content: "ask again in 4 seconds", held: metrics.ScopeUser}},
		{"slash over the limit, told before", slash, good, nil, cfg, fakeLimits{memberWait: time.Second, told: true},
			want{private: true, content: "ask again in a second", held: metrics.ScopeUser}},
		{"slash unanswered over the limit", slash, vague, nil, cfg, fakeLimits{memberWait: 2 * time.Second},
			want{private: true, content: "ask again in 2 seconds", held: metrics.ScopeUser}},
		{"mention over the limit", mention, good, nil, cfg, fakeLimits{memberWait: 4 * time.Second},
			want{content: "ask again in 4 seconds", held: metrics.ScopeUser}},
		{"mention over the limit, told before", mention, good, nil, cfg, fakeLimits{memberWait: 4 * time.Second, told: true},
			want{silent: true, content: "ask again", held: metrics.ScopeUser}},
		{"dm over the limit, told before", dm, good, nil, cfg, fakeLimits{memberWait: 4 * time.Second, told: true},
			want{content: "ask again in 4 seconds", held: metrics.ScopeUser}},

		// No confident answer: a short reply with the closest passages, which
		// does not count against the member.
		{"slash unanswered", slash, vague, nil, cfg, fakeLimits{},
			want{private: true, content: "Not sure; maybe", buttons: 2, unanswered: true}},
		{"mention unanswered", mention, vague, nil, cfg, fakeLimits{},
			want{content: "Not sure; maybe", buttons: 2, unanswered: true}},
		{"mention unanswered, silent mode", mention, vague, nil, silentCfg, fakeLimits{},
			want{silent: true, content: "Not sure", buttons: 2, unanswered: true}},
		{"slash unanswered, silent mode still replies", slash, vague, nil, silentCfg, fakeLimits{},
			want{private: true, content: "Not sure", buttons: 2, unanswered: true}},
		{"slash found nothing", slash, unsure("zzz"), nil, cfg, fakeLimits{},
			want{private: true, content: "couldn't find anything", unanswered: true}},
		{"slash nothing to search", slash, index.Result{Reason: index.ReasonNoTerms}, nil, cfg, fakeLimits{},
			want{private: true, content: "a few more words", unanswered: true}},

		// Nothing asked, or the search did not get through.
		{"slash empty", empty(slash), index.Result{}, nil, cfg, fakeLimits{},
			want{private: true, content: "Please type a question"}},
		{"mention empty", empty(mention), index.Result{}, nil, cfg, fakeLimits{},
			want{content: "after the mention"}},
		{"dm empty", empty(dm), index.Result{}, nil, cfg, fakeLimits{},
			want{content: "Send me your question"}},
		{"slash busy", slash, index.Result{}, busy, cfg, fakeLimits{},
			want{private: true, content: "a lot of questions", held: metrics.ScopeBusy}},
		{"mention error", mention, index.Result{}, errors.New("index closed"), cfg, fakeLimits{},
			want{content: "something went wrong"}},

		// Thanks and greetings: a courtesy, never searched (no result), not
		// recorded, not limited; nothing when nobody asked the bot.
		{"mention thanks", saying(mention, "thanks a lot!"), index.Result{}, nil, cfg, fakeLimits{},
			want{content: "You're welcome!"}},
		{"slash thanks, even over the limit", saying(slash, "thank you"), index.Result{}, nil, cfg, fakeLimits{memberWait: time.Minute},
			want{private: true, content: "You're welcome!"}},
		{"dm greeting", saying(dm, "hello"), index.Result{}, nil, cfg, fakeLimits{},
			want{content: "Send me your question"}},
		{"mention greeting", saying(mention, "hi there"), index.Result{}, nil, cfg, fakeLimits{},
			want{content: "after the mention"}},
		{"unasked thanks", saying(unasked, "thanks everyone, that helped"), index.Result{}, nil, cfg, fakeLimits{},
			want{silent: true}},
		{"mention thanks, silent mode", saying(mention, "thx"), index.Result{}, nil, silentCfg, fakeLimits{},
			want{silent: true, content: "You're welcome!"}},
		{"slash greeting, silent mode still replies", saying(slash, "hey"), index.Result{}, nil, silentCfg, fakeLimits{},
			want{private: true, content: "Please type a question"}},
		{"mention asking to ask", saying(mention, "can I ask something?"), index.Result{}, nil, cfg, fakeLimits{},
			want{content: "ask away"}},
		{"slash asking to ask", saying(slash, "quick question"), index.Result{}, nil, cfg, fakeLimits{},
			want{private: true, content: "/ask question:"}},
		{"unasked asking to ask", saying(unasked, "anyone here?"), index.Result{}, nil, cfg, fakeLimits{},
			want{silent: true}},
		// Asking for help: the content's answer when it has one, else a
		// line on how to ask, not recorded and not limited.
		{"mention help", saying(mention, "help"), vague, nil, cfg, fakeLimits{},
			want{content: "Mention me with a whole question"}},
		{"slash help", saying(slash, "what can you do?"), vague, nil, cfg, fakeLimits{},
			want{private: true, content: "/ask question:"}},
		{"dm help", saying(dm, "how do I use this bot"), unsure("zzz"), nil, cfg, fakeLimits{},
			want{content: "Send me a whole question here"}},
		{"mention help the content answers", saying(mention, "how do I use this bot"), good, nil, cfg, fakeLimits{},
			want{title: "When is raid night?", buttons: 2, post: true, started: true, claimed: true}},
		{"mention help, busy", saying(mention, "help"), index.Result{}, busy, cfg, fakeLimits{},
			want{content: "whole question"}},
		{"mention help, silent mode", saying(mention, "help"), vague, nil, silentCfg, fakeLimits{},
			want{silent: true, content: "whole question"}},
		{"unasked help", saying(unasked, "help"), good, nil, cfg, fakeLimits{},
			want{silent: true}},
		// Talk about the bot: an FAQ pair may answer it, a paragraph never
		// does (it only says some word of it); else the line on how to ask.
		{"mention about the bot, an FAQ pair answers", saying(mention, "who made you?"), good, nil, cfg, fakeLimits{},
			want{title: "When is raid night?", buttons: 2, post: true, started: true, claimed: true}},
		{"mention about the bot, a paragraph does not", saying(mention, "who made you?"), answered("who made you", rulesParagraph, raidFAQ), nil, cfg, fakeLimits{},
			want{content: "Mention me with a whole question"}},
		{"slash about the bot, nothing confident", saying(slash, "how old are you"), vague, nil, cfg, fakeLimits{},
			want{private: true, content: "/ask question:"}},
		{"unasked about the bot", saying(unasked, "who made you?"), good, nil, cfg, fakeLimits{},
			want{silent: true}},
		{"question that starts with a greeting", saying(mention, "hi, when is raid night"), good, nil, cfg, fakeLimits{},
			want{title: "When is raid night?", buttons: 2, post: true, started: true, claimed: true}},

		// Help channels: only confident answers, at most one per channel
		// per CHANNEL_COOLDOWN, never a second copy; silence otherwise. The
		// member's own limit is not theirs to spend.
		{"unasked answered", unasked, good, nil, cfg, fakeLimits{memberWait: time.Minute},
			want{title: "When is raid night?", buttons: 2, post: true, claimed: true}},
		{"unasked unanswered", unasked, vague, nil, cfg, fakeLimits{},
			want{silent: true}},
		{"unasked, channel limit", unasked, good, nil, cfg, fakeLimits{channelWait: time.Second},
			want{silent: true, held: metrics.ScopeChannel}},
		{"unasked repeat", unasked, good, nil, cfg, fakeLimits{earlier: earlier},
			want{silent: true, held: metrics.ScopeRepeat, claimed: true}},
		{"unasked busy", unasked, index.Result{}, busy, cfg, fakeLimits{},
			want{silent: true, held: metrics.ScopeBusy}},
		{"unasked error", unasked, index.Result{}, errors.New("boom"), cfg, fakeLimits{},
			want{silent: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := tt.st
			d := decide(tt.q, tt.res, tt.err, tt.cfg, &st)
			w := tt.want
			if d.silent != w.silent || d.private != w.private || d.held != w.held || d.unanswered != w.unanswered || d.linkOnly != w.linkOnly {
				t.Errorf("silent %v private %v held %q unanswered %v linkOnly %v, want %v %v %q %v %v",
					d.silent, d.private, d.held, d.unanswered, d.linkOnly, w.silent, w.private, w.held, w.unanswered, w.linkOnly)
			}
			if title := embedTitle(d); title != w.title {
				t.Errorf("embed title %q, want %q", title, w.title)
			}
			if !strings.Contains(d.content, w.content) || (w.content == "" && d.content != "") {
				t.Errorf("content %q, want it to contain %q", d.content, w.content)
			}
			if n := len(alternativeButtons(d.components)); n != w.buttons {
				t.Errorf("%d alternative buttons, want %d", n, w.buttons)
			}
			if (d.post != nil) != w.post || (d.pointer != nil) != w.pointer {
				t.Errorf("post %v pointer %v, want %v %v", d.post != nil, d.pointer != nil, w.post, w.pointer)
			}
			if w.pointer && d.pointer != earlier {
				t.Error("points to another answer than the earlier one")
			}
			if started := len(st.started) > 0; started != w.started {
				t.Errorf("member limit started: %v, want %v", started, w.started)
			}
			if w.started && d.limited != tt.q.member || !w.started && d.limited != "" {
				t.Errorf("limit to give back if unsent: %q, want the member's when it started", d.limited)
			}
			if claimed := len(st.claimed) > 0; claimed != w.claimed {
				t.Errorf("claimed %v, want claimed: %v", st.claimed, w.claimed)
			}
			if tt.q.via == viaChannel && st.memberCalls > 0 {
				t.Error("an unasked answer consulted the member's limit")
			}
			if tt.q.via != viaChannel && st.channelCalls > 0 {
				t.Error("an explicit question consulted the channel limit")
			}
			if tt.q.via == viaSlash && d.silent {
				t.Error("an interaction left without a response")
			}
		})
	}
}

func TestDecideClaimsTheAnswersItem(t *testing.T) {
	split := raidFAQ
	split.ID = "faq.md#raid~2" // the second part of a split answer is the same item
	st := &fakeLimits{}
	decide(question{via: viaSlash, text: "raid", member: "m", guild: "g", channel: "c"}, answered("raid", split), nil, Config{}, st)
	if len(st.claimed) != 1 || st.claimed[0] != "c/faq.md#raid" {
		t.Errorf("claimed %v, want c/faq.md#raid", st.claimed)
	}
}

func TestPointing(t *testing.T) {
	const link = "https://discord.com/channels/1/2/3"
	embeds, comps := answerMessage(answered("q", raidFAQ, clubFAQ), "")
	slash := decision{private: true, embeds: embeds, components: comps, pointer: newPost(time.Time{})}
	mention := slash
	mention.private, mention.linkOnly = false, true
	tests := []struct {
		name    string
		d       decision
		link    string
		content string
		embed   bool
	}{
		{"slash with the link", slash, link, link, true},
		{"slash without a link", slash, "", "just answered this in this channel", true},
		{"mention with the link: the link alone", mention, link, link, false},
		{"mention without a link: the answer itself", mention, "", "", true},
	}
	for _, tt := range tests {
		got := tt.d.pointing(tt.link)
		if !strings.Contains(got.content, tt.content) || (tt.content == "" && got.content != "") {
			t.Errorf("%s: content %q, want %q", tt.name, got.content, tt.content)
		}
		if (len(got.embeds) > 0) != tt.embed || (len(got.components) > 0) != tt.embed {
			t.Errorf("%s: %d embeds, %d component rows; want the answer: %v", tt.name, len(got.embeds), len(got.components), tt.embed)
		}
	}
}

func TestInWords(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "a second", 300 * time.Millisecond: "a second", time.Second: "a second",
		1001 * time.Millisecond: "2 seconds", 4200 * time.Millisecond: "5 seconds", time.Minute: "60 seconds",
		time.Minute + time.Millisecond: "2 minutes", 10 * time.Minute: "10 minutes", 59 * time.Minute: "59 minutes",
		59*time.Minute + time.Second: "an hour", 3590 * time.Second: "an hour", time.Hour: "an hour",
		time.Hour + time.Second: "2 hours", 24 * time.Hour: "24 hours",
	} {
		if got := inWords(d); got != want {
			t.Errorf("inWords(%v) = %q, want %q", d, got, want)
		}
	}
}

func embedTitle(d decision) string {
	if len(d.embeds) == 0 {
		return ""
	}
	return d.embeds[0].Title
}

// alternativeButtons are the "did you mean" buttons among components.
func alternativeButtons(comps []discordgo.MessageComponent) []discordgo.Button {
	var out []discordgo.Button
	for _, c := range comps {
		row, ok := c.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, b := range row.Components {
			if btn, ok := b.(discordgo.Button); ok && strings.HasPrefix(btn.CustomID, idAlternative) {
				out = append(out, btn)
			}
		}
	}
	return out
}
