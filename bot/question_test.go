package bot

import (
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestMessageQuestion(t *testing.T) {
	const me, role, help = "100", "500", "700"
	to := addressee{me: me, roles: []string{role}, channels: map[string]bool{help: true}}
	member := &discordgo.User{ID: "1"}
	// inThread is to for a message in thread 800 of the help channel, its
	// first when title is set.
	inThread := func(title string) addressee { a := to; a.parent, a.title = help, title; return a }
	msg := func(content string, mod func(*discordgo.Message)) *discordgo.Message {
		m := &discordgo.Message{ID: "9", GuildID: "g", ChannelID: "c", Author: member, Content: content}
		if mod != nil {
			mod(m)
		}
		return m
	}
	tests := []struct {
		name string
		m    *discordgo.Message
		to   addressee
		ok   bool
		via  via
		text string
	}{
		{"user mention", msg("<@100> when is raid night?", func(m *discordgo.Message) { m.Mentions = []*discordgo.User{{ID: me}} }), to, true, viaMention, "when is raid night?"},
		{"nickname mention, content only", msg("<@!100> when?", nil), to, true, viaMention, "when?"},
		{"managed role mention", msg("<@&500> when is raid night?", func(m *discordgo.Message) { m.MentionRoles = []string{role} }), to, true, viaMention, "when is raid night?"},
		{"managed role in the content only", msg("hey <@&500> raid?", nil), to, true, viaMention, "hey raid?"},
		{"another role", msg("<@&501> when is raid night?", func(m *discordgo.Message) { m.MentionRoles = []string{"501"} }), to, false, 0, ""},
		{"role unknown yet", msg("<@&500> when is raid night?", func(m *discordgo.Message) { m.MentionRoles = []string{role} }), addressee{me: me}, false, 0, ""},
		{"another user", msg("<@101> when is raid night?", func(m *discordgo.Message) { m.Mentions = []*discordgo.User{{ID: "101"}} }), to, false, 0, ""},
		{"@everyone", msg("@everyone when is raid night?", func(m *discordgo.Message) { m.MentionEveryone = true }), to, false, 0, ""},
		{"direct message", msg("when is raid night?", func(m *discordgo.Message) { m.GuildID = "" }), to, true, viaDM, "when is raid night?"},
		{"empty direct message", msg("", func(m *discordgo.Message) { m.GuildID = "" }), to, true, viaDM, ""},
		{"help channel question", msg("when is raid night?", func(m *discordgo.Message) { m.ChannelID = help }), to, true, viaChannel, "when is raid night?"},
		{"help channel chatter", msg("lol nice", func(m *discordgo.Message) { m.ChannelID = help }), to, false, 0, ""},
		{"mention in a help channel", msg("<@100> raid?", func(m *discordgo.Message) { m.ChannelID = help }), to, true, viaMention, "raid?"},
		{"other channel question", msg("when is raid night?", nil), to, false, 0, ""},
		{"help forum post", msg("I'm new and want to join", func(m *discordgo.Message) { m.ID, m.ChannelID = "800", "800" }), inThread("When is raid night?"), true, viaChannel, "When is raid night? I'm new and want to join"},
		{"help forum post, no body", msg("", func(m *discordgo.Message) { m.ID, m.ChannelID = "800", "800" }), inThread("raid night"), true, viaChannel, "raid night"},
		{"question later in a help thread", msg("and when is raid night?", func(m *discordgo.Message) { m.ChannelID = "800" }), inThread(""), true, viaChannel, "and when is raid night?"},
		{"chatter later in a help thread", msg("thanks, that worked", func(m *discordgo.Message) { m.ChannelID = "800" }), inThread(""), false, 0, ""},
		{"thread of another channel", msg("when is raid night?", func(m *discordgo.Message) { m.ChannelID = "800" }), addressee{me: me, channels: map[string]bool{help: true}, parent: "701"}, false, 0, ""},
		{"another bot", msg("<@100> raid?", func(m *discordgo.Message) { m.Author = &discordgo.User{ID: "2", Bot: true} }), to, false, 0, ""},
		{"the bot itself", msg("<@100> raid?", func(m *discordgo.Message) { m.Author = &discordgo.User{ID: me} }), to, false, 0, ""},
		{"no author", msg("<@100> raid?", func(m *discordgo.Message) { m.Author = nil }), to, false, 0, ""},
		{"before READY", msg("<@100> raid?", nil), addressee{}, false, 0, ""},
		{"no message", nil, to, false, 0, ""},
	}
	for _, tt := range tests {
		q, ok := messageQuestion(tt.m, tt.to, nil, 300)
		if ok != tt.ok || (ok && (q.via != tt.via || q.text != tt.text)) {
			t.Errorf("%s: ok %v via %v text %q, want %v %v %q", tt.name, ok, q.via, q.text, tt.ok, tt.via, tt.text)
			continue
		}
		if ok && (q.member != "1" || q.channel != tt.m.ChannelID || q.guild != tt.m.GuildID) {
			t.Errorf("%s: asker %+v", tt.name, q)
		}
	}
}

func TestSlashQuestion(t *testing.T) {
	i := &discordgo.Interaction{
		Type: discordgo.InteractionApplicationCommand, GuildID: "g", ChannelID: "c",
		Member: &discordgo.Member{User: &discordgo.User{ID: "7"}},
		Data: discordgo.ApplicationCommandInteractionData{Name: cmdAsk, Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: optQuestion, Type: discordgo.ApplicationCommandOptionString, Value: "<@&1>  when is   raid night?"},
			{Name: optPrivate, Type: discordgo.ApplicationCommandOptionBoolean, Value: true},
		}},
	}
	q := slashQuestion(i, nil, 300)
	want := question{via: viaSlash, text: "when is raid night?", member: "7", guild: "g", channel: "c", private: true}
	if q != want {
		t.Errorf("slashQuestion = %+v, want %+v", q, want)
	}
	for v, src := range map[via]string{viaSlash: "slash", viaMention: "mention", viaDM: "dm", viaChannel: "channel"} {
		if got := (question{via: v}).source(); got != src {
			t.Errorf("source of %v = %q, want %q", v, got, src)
		}
	}
}
