package bot

import "testing"

// fakeNames knows the channels and roles of guild "g".
type fakeNames struct{ channels, roles map[string]string }

func (f fakeNames) channelName(id string) (string, bool) { n, ok := f.channels[id]; return n, ok }

func (f fakeNames) roleName(guild, id string) (string, bool) {
	if guild != "g" {
		return "", false
	}
	n, ok := f.roles[id]
	return n, ok
}

func TestNamedMentions(t *testing.T) {
	names := fakeNames{channels: map[string]string{"11": "raid-signups"}, roles: map[string]string{"22": "Reader", "33": "faqbot"}}
	tests := []struct {
		text, guild string
		names       mentionNames
		want        string // after cleanQuestion
	}{
		{"how do I join <#11>?", "g", names, "how do I join #raid-signups ?"},
		{"how do i get <@&22>", "g", names, "how do i get @Reader"},
		{"<@&33> how do i get <@&22>", "g", names, "how do i get @Reader"}, // the bot's own role is no part of it
		{"what is <#99> for", "g", names, "what is for"},                   // an unknown channel is dropped
		{"how do i get <@&22>", "other", names, "how do i get"},            // a role of another guild
		{"<@12345> how do i join <#11>", "g", names, "how do i join #raid-signups"},
		{"how do I join <#11>?", "g", nil, "how do I join ?"}, // no names known
	}
	for _, tt := range tests {
		got := cleanQuestion(namedMentions(tt.text, tt.guild, tt.names, []string{"33"}), 300)
		if got != tt.want {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}
