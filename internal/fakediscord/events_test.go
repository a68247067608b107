package fakediscord_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/internal/fakediscord"
)

// asInteraction decodes a built payload the way discordgo decodes INTERACTION_CREATE.
func asInteraction(t *testing.T, payload map[string]any) *discordgo.Interaction {
	t.Helper()
	raw, err := json.Marshal(payload)
	if err != nil {
		t.Fatalf("marshal payload: %v", err)
	}
	var ev discordgo.InteractionCreate
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatalf("discordgo cannot decode %s: %v", raw, err)
	}
	return ev.Interaction
}

func TestInteractionBuilders(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	tests := []struct {
		name  string
		build map[string]any
		check func(t *testing.T, ic *discordgo.Interaction)
	}{
		{
			name: "slash command with subcommand",
			build: fake.SlashCommand(fakediscord.Interaction{
				Name: "faq", Options: []fakediscord.CommandOption{{Name: "reload"}},
				Roles: []string{"42"}, Permissions: discordgo.PermissionManageServer,
			}),
			check: func(t *testing.T, ic *discordgo.Interaction) {
				d := ic.ApplicationCommandData()
				if ic.Type != discordgo.InteractionApplicationCommand || d.Name != "faq" ||
					d.Options[0].Name != "reload" || d.Options[0].Type != discordgo.ApplicationCommandOptionSubCommand {
					t.Errorf("data = %+v", d)
				}
				if ic.AppID != fake.ApplicationID() || ic.GuildID != fakediscord.DefaultGuildID ||
					ic.ChannelID != fakediscord.DefaultChannelID || ic.Token == "" || ic.ID == "" {
					t.Errorf("interaction = %+v", ic)
				}
				if ic.Member.User.ID != fakediscord.DefaultUserID || ic.Member.Roles[0] != "42" ||
					ic.Member.Permissions&discordgo.PermissionManageServer == 0 {
					t.Errorf("member = %+v", ic.Member)
				}
			},
		},
		{
			name: "slash command with typed values",
			build: fake.SlashCommand(fakediscord.Interaction{Name: "ask", Options: []fakediscord.CommandOption{
				{Name: "question", Value: "how?"}, {Name: "count", Value: 3}, {Name: "public", Value: true},
			}}),
			check: func(t *testing.T, ic *discordgo.Interaction) {
				d := ic.ApplicationCommandData()
				if d.Options[0].StringValue() != "how?" || d.Options[1].IntValue() != 3 || !d.Options[2].BoolValue() {
					t.Errorf("options = %+v %+v %+v", d.Options[0], d.Options[1], d.Options[2])
				}
			},
		},
		{
			name: "autocomplete focuses the last option",
			build: fake.Autocomplete(fakediscord.Interaction{Name: "faq", Options: []fakediscord.CommandOption{
				{Name: "search", Options: []fakediscord.CommandOption{{Name: "topic", Value: "inst"}}},
			}}),
			check: func(t *testing.T, ic *discordgo.Interaction) {
				topic := ic.ApplicationCommandData().Options[0].Options[0]
				if ic.Type != discordgo.InteractionApplicationCommandAutocomplete || !topic.Focused || topic.StringValue() != "inst" {
					t.Errorf("type %v, focused option %+v", ic.Type, topic)
				}
			},
		},
		{
			name:  "button",
			build: fake.Button(fakediscord.Interaction{CustomID: "helpful:7", MessageID: "55"}),
			check: func(t *testing.T, ic *discordgo.Interaction) {
				d := ic.MessageComponentData()
				if d.CustomID != "helpful:7" || d.ComponentType != discordgo.ButtonComponent {
					t.Errorf("data = %+v", d)
				}
				if ic.Message == nil || ic.Message.ID != "55" || ic.Message.Author.ID != fake.BotUserID() || len(ic.Message.Components) != 1 {
					t.Errorf("message = %+v", ic.Message)
				}
			},
		},
		{
			name:  "direct message",
			build: fake.SlashCommand(fakediscord.Interaction{Name: "ask", DM: true, UserID: "9"}),
			check: func(t *testing.T, ic *discordgo.Interaction) {
				if ic.Member != nil || ic.User == nil || ic.User.ID != "9" || ic.GuildID != "" {
					t.Errorf("member %+v, user %+v, guild %q", ic.Member, ic.User, ic.GuildID)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, asInteraction(t, tt.build)) })
	}
}

func TestMessageBuilder(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	raw, _ := json.Marshal(fake.Message(fakediscord.Message{
		Content: "<@" + fake.BotUserID() + "> and <@!77> help", AuthorID: "5", Roles: []string{"r"},
	}))
	var m discordgo.MessageCreate
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("discordgo cannot decode %s: %v", raw, err)
	}
	if len(m.Mentions) != 2 || m.Mentions[0].ID != fake.BotUserID() || !m.Mentions[0].Bot || m.Mentions[1].ID != "77" {
		t.Errorf("mentions = %+v", m.Mentions)
	}
	if m.Author.ID != "5" || m.Author.Bot || m.GuildID != fakediscord.DefaultGuildID || m.Member.Roles[0] != "r" || m.Timestamp.IsZero() {
		t.Errorf("message = %+v", m.Message)
	}
	if len(m.MentionRoles) != 0 {
		t.Errorf("mention_roles = %v without a role mention", m.MentionRoles)
	}

	raw, _ = json.Marshal(fake.Message(fakediscord.Message{Content: "<@&" + fakediscord.DefaultBotRoleID + "> hi <@&9> <@&9>"}))
	m = discordgo.MessageCreate{}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("discordgo cannot decode %s: %v", raw, err)
	}
	if len(m.Mentions) != 0 || len(m.MentionRoles) != 2 || m.MentionRoles[0] != fakediscord.DefaultBotRoleID || m.MentionRoles[1] != "9" {
		t.Errorf("role mentions: users %v, roles %v", m.Mentions, m.MentionRoles)
	}
}

func TestGuildCreateBuilder(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	raw, _ := json.Marshal(fake.GuildCreate(fakediscord.Guild{Roles: []fakediscord.Role{{ID: "7", Name: "Mods"}, {ID: "8", Name: "other-bot", Managed: true, BotID: "55"}}}))
	var g discordgo.GuildCreate
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatalf("discordgo cannot decode %s: %v", raw, err)
	}
	if g.ID != fakediscord.DefaultGuildID || len(g.Roles) != 4 || len(g.Members) != 1 || g.Members[0].User.ID != fake.BotUserID() {
		t.Fatalf("guild = %+v", g.Guild)
	}
	if g.Members[0].Roles[0] != fakediscord.DefaultBotRoleID || !g.Roles[1].Managed || g.Roles[1].ID != fakediscord.DefaultBotRoleID {
		t.Errorf("bot role: member roles %v, role %+v", g.Members[0].Roles, g.Roles[1])
	}
	// discordgo does not decode role tags: read them as Discord sends them.
	var tags struct {
		Roles []struct {
			ID   string `json:"id"`
			Tags *struct {
				BotID string `json:"bot_id"`
			} `json:"tags"`
		} `json:"roles"`
	}
	if err := json.Unmarshal(raw, &tags); err != nil {
		t.Fatal(err)
	}
	bots := map[string]string{}
	for _, r := range tags.Roles {
		if r.Tags != nil {
			bots[r.ID] = r.Tags.BotID
		}
	}
	if len(bots) != 2 || bots[fakediscord.DefaultBotRoleID] != fake.BotUserID() || bots["8"] != "55" {
		t.Errorf("bot_id tags = %v", bots)
	}
}

// The whole loop with a real session: an event goes out over the gateway, the handler answers
// through REST, and the answer is recorded.
func TestSessionAnswersSlashCommand(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	got := make(chan *discordgo.InteractionCreate, 1)
	errs := make(chan error, 1)
	openSession(t, fake, func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		got <- ic
		errs <- s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{
				Embeds:          []*discordgo.MessageEmbed{{Title: "Answer"}},
				AllowedMentions: &discordgo.MessageAllowedMentions{},
			},
		})
	})

	ev := fake.SlashCommand(fakediscord.Interaction{Name: "ask", Options: []fakediscord.CommandOption{{Name: "question", Value: "why?"}}})
	fake.Dispatch(t, "INTERACTION_CREATE", ev)
	if ic := receive(t, got); ic.ApplicationCommandData().Options[0].StringValue() != "why?" {
		t.Errorf("handler got %+v", ic.ApplicationCommandData())
	}
	if err := receive(t, errs); err != nil {
		t.Fatalf("InteractionRespond: %v", err)
	}

	req := fake.WaitRequest(t, time.Second, fakediscord.Match("POST", "interactions/"+ev["id"].(string)+"/*/callback"))
	if title, _ := req.Field("data", "embeds", "0", "title"); req.Status != 204 || title != "Answer" {
		t.Errorf("callback %s, want 204 with the embed", req)
	}
	// discordgo sends an empty MessageAllowedMentions as {"parse":null,"replied_user":false}.
	if parse, ok := req.Field("data", "allowed_mentions", "parse"); !ok || parse != nil {
		t.Errorf("allowed_mentions.parse = %v (present %v), want present and null", parse, ok)
	}
}

func TestSessionReceivesMessage(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	got := make(chan *discordgo.MessageCreate, 1)
	openSession(t, fake, func(_ *discordgo.Session, m *discordgo.MessageCreate) { got <- m })

	fake.Dispatch(t, "MESSAGE_CREATE", fake.Message(fakediscord.Message{Content: "<@" + fake.BotUserID() + "> hello"}))
	m := receive(t, got)
	if m.Content != "<@"+fake.BotUserID()+"> hello" || len(m.Mentions) != 1 || m.Mentions[0].ID != fake.BotUserID() {
		t.Errorf("handler got %+v", m.Message)
	}
}

// TestGuildCreatePermissions: the bot's permissions in a channel, as
// discordgo's state works them out from a GUILD_CREATE, are @everyone's and
// its role's, less what the channel's overwrites deny.
func TestGuildCreatePermissions(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	const plain, mods = "300000000000000001", "300000000000000002"
	raw, _ := json.Marshal(fake.GuildCreate(fakediscord.Guild{Channels: []fakediscord.Channel{
		{ID: plain, Name: "plain", Overwrites: []fakediscord.Overwrite{{ID: fakediscord.DefaultGuildID, Deny: discordgo.PermissionEmbedLinks}}},
		{ID: mods, Name: "mods", Overwrites: []fakediscord.Overwrite{{ID: fake.BotUserID(), Member: true, Deny: discordgo.PermissionViewChannel}}},
	}}))
	var g discordgo.GuildCreate
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatalf("discordgo cannot decode %s: %v", raw, err)
	}
	st := discordgo.NewState()
	if err := st.GuildAdd(g.Guild); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		channel  string
		has, not int64
	}{
		{fakediscord.DefaultChannelID, discordgo.PermissionViewChannel | discordgo.PermissionSendMessages | discordgo.PermissionEmbedLinks, 0},
		{plain, discordgo.PermissionViewChannel | discordgo.PermissionSendMessages, discordgo.PermissionEmbedLinks},
		{mods, discordgo.PermissionEmbedLinks, discordgo.PermissionViewChannel},
	} {
		p, err := st.UserChannelPermissions(fake.BotUserID(), c.channel)
		if err != nil || p&c.has != c.has || p&c.not != 0 {
			t.Errorf("channel %s: permissions %b (%v), want %b and not %b", c.channel, p, err, c.has, c.not)
		}
	}
}
