package bot

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestBotRoleIn(t *testing.T) {
	const me = "100"
	tests := []struct {
		event, raw  string
		guild, role string
		ok          bool
	}{
		{"GUILD_CREATE", `{"id":"g","roles":[{"id":"g","name":"@everyone"},{"id":"r1","managed":true,"tags":{"bot_id":"100"}}]}`, "g", "r1", true},
		{"GUILD_CREATE", `{"id":"g","roles":[{"id":"r2","managed":true,"tags":{"bot_id":"999"}},{"id":"r3","tags":{"premium_subscriber":null}}]}`, "", "", false},
		{"GUILD_CREATE", `{"id":"g","roles":[]}`, "", "", false},
		{"GUILD_CREATE", `not json`, "", "", false},
		{"GUILD_ROLE_CREATE", `{"guild_id":"g","role":{"id":"r1","tags":{"bot_id":"100"}}}`, "g", "r1", true},
		{"GUILD_ROLE_UPDATE", `{"guild_id":"g","role":{"id":"r4","tags":{"bot_id":"100"}}}`, "g", "r4", true},
		{"GUILD_ROLE_UPDATE", `{"guild_id":"g","role":{"id":"r5"}}`, "", "", false},
		{"GUILD_ROLE_DELETE", `{"guild_id":"g","role_id":"r1"}`, "g", "", true},
		{"GUILD_DELETE", `{"id":"g","unavailable":true}`, "g", "", true},
		{"MESSAGE_CREATE", `{"id":"m","guild_id":"g"}`, "", "", false},
	}
	for _, tt := range tests {
		guild, role, ok := botRoleIn(tt.event, json.RawMessage(tt.raw), me)
		if guild != tt.guild || role != tt.role || ok != tt.ok {
			t.Errorf("%s %s = %q %q %v, want %q %q %v", tt.event, tt.raw, guild, role, ok, tt.guild, tt.role, tt.ok)
		}
	}
}

func TestBotRolesLearn(t *testing.T) {
	const me = "100"
	r := newBotRoles()
	steps := []struct {
		event, raw string
		changed    bool
		g1         string // the role known for guild g1 afterwards
	}{
		{"GUILD_CREATE", `{"id":"g1","roles":[{"id":"r1","tags":{"bot_id":"100"}}]}`, true, "r1"},
		{"GUILD_CREATE", `{"id":"g1","roles":[{"id":"r1","tags":{"bot_id":"100"}}]}`, false, "r1"},
		{"GUILD_ROLE_DELETE", `{"guild_id":"g1","role_id":"other"}`, false, "r1"},
		{"GUILD_ROLE_UPDATE", `{"guild_id":"g1","role":{"id":"r2","tags":{"bot_id":"100"}}}`, true, "r2"},
		{"GUILD_ROLE_DELETE", `{"guild_id":"g1","role_id":"r2"}`, true, ""},
		{"GUILD_CREATE", `{"id":"g1","roles":[{"id":"r3","tags":{"bot_id":"100"}}]}`, true, "r3"},
		{"GUILD_DELETE", `{"id":"g1"}`, true, ""},
		{"GUILD_DELETE", `{"id":"g1"}`, false, ""},
	}
	for n, s := range steps {
		if _, _, changed := r.learn(s.event, json.RawMessage(s.raw), me); changed != s.changed {
			t.Errorf("step %d %s: changed %v, want %v", n, s.event, changed, s.changed)
		}
		if got := r.of("g1"); got != s.g1 {
			t.Errorf("step %d %s: role %q, want %q", n, s.event, got, s.g1)
		}
	}
}

func TestManagedRolesOf(t *testing.T) {
	st := discordgo.NewState()
	err := st.GuildAdd(&discordgo.Guild{
		ID: "g",
		Roles: []*discordgo.Role{
			{ID: "g", Name: "@everyone"}, {ID: "bot", Managed: true}, {ID: "mods"}, {ID: "booster", Managed: true},
		},
		Members: []*discordgo.Member{
			{GuildID: "g", User: &discordgo.User{ID: "100"}, Roles: []string{"bot", "mods"}},
			{GuildID: "g", User: &discordgo.User{ID: "1"}, Roles: []string{"booster"}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := managedRolesOf(st, "g", "100"); !slices.Equal(got, []string{"bot"}) {
		t.Errorf("managed roles of the bot = %v, want [bot]", got)
	}
	for _, tc := range [][2]string{{"other", "100"}, {"g", "404"}, {"", "100"}, {"g", ""}} {
		if got := managedRolesOf(st, tc[0], tc[1]); len(got) != 0 {
			t.Errorf("managedRolesOf(%q, %q) = %v, want none", tc[0], tc[1], got)
		}
	}
	if got := managedRolesOf(nil, "g", "100"); got != nil {
		t.Errorf("without state: %v", got)
	}
}
