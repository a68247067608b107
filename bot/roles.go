package bot

import (
	"encoding/json"
	"sync"

	"github.com/bwmarrin/discordgo"
)

// botRoles remembers, per guild, the role Discord manages for the bot (it
// is created when the bot joins and carries the bot's name): members'
// mention autocomplete often inserts it instead of the bot user, and such a
// mention is a question for the bot too.
type botRoles struct {
	mu      sync.RWMutex
	byGuild map[string]string
}

func newBotRoles() *botRoles { return &botRoles{byGuild: map[string]string{}} }

// learn takes what a gateway event says about the bot's role; it reports a
// change.
func (r *botRoles) learn(event string, raw json.RawMessage, me string) (guild, role string, changed bool) {
	guild, role, ok := botRoleIn(event, raw, me)
	if !ok {
		return "", "", false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	old, had := r.byGuild[guild]
	switch {
	case role != "":
		r.byGuild[guild] = role
	case had && (event == "GUILD_DELETE" || roleDeleted(raw) == old):
		delete(r.byGuild, guild)
	default:
		return guild, role, false
	}
	return guild, role, old != role
}

// of is the bot's role in guild, "" when not known.
func (r *botRoles) of(guild string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.byGuild[guild]
}

// roleJSON is a role as Discord sends it; discordgo's Role has no tags.
type roleJSON struct {
	ID   string `json:"id"`
	Tags *struct {
		BotID string `json:"bot_id"`
	} `json:"tags"`
}

func (r roleJSON) isBotRole(me string) bool { return r.Tags != nil && r.Tags.BotID == me && r.ID != "" }

// botRoleIn reads a gateway event for the bot's managed role: the role whose
// tags name the bot (GUILD_CREATE lists a guild's roles, GUILD_ROLE_CREATE
// and GUILD_ROLE_UPDATE bring one). For GUILD_ROLE_DELETE and GUILD_DELETE
// it returns the guild with no role. ok is false for events that say
// nothing about it.
func botRoleIn(event string, raw json.RawMessage, me string) (guild, role string, ok bool) {
	switch event {
	case "GUILD_CREATE":
		var g struct {
			ID    string     `json:"id"`
			Roles []roleJSON `json:"roles"`
		}
		if json.Unmarshal(raw, &g) != nil || g.ID == "" {
			return "", "", false
		}
		for _, r := range g.Roles {
			if r.isBotRole(me) {
				return g.ID, r.ID, true
			}
		}
	case "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE":
		var e struct {
			GuildID string   `json:"guild_id"`
			Role    roleJSON `json:"role"`
		}
		if json.Unmarshal(raw, &e) == nil && e.GuildID != "" && e.Role.isBotRole(me) {
			return e.GuildID, e.Role.ID, true
		}
	case "GUILD_ROLE_DELETE":
		var e struct {
			GuildID string `json:"guild_id"`
		}
		if json.Unmarshal(raw, &e) == nil && e.GuildID != "" {
			return e.GuildID, "", true
		}
	case "GUILD_DELETE":
		var g struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(raw, &g) == nil && g.ID != "" {
			return g.ID, "", true
		}
	}
	return "", "", false
}

func roleDeleted(raw json.RawMessage) string {
	var e struct {
		RoleID string `json:"role_id"`
	}
	_ = json.Unmarshal(raw, &e)
	return e.RoleID
}

// managedRolesOf is the fallback for a guild whose role event has not been
// handled yet (handlers run concurrently; discordgo's state is updated
// before any of them): the managed roles the bot's own member holds. A bot
// holds no managed role but its own.
func managedRolesOf(st *discordgo.State, guild, me string) []string {
	if st == nil || guild == "" || me == "" {
		return nil
	}
	m, err := st.Member(guild, me)
	if err != nil {
		return nil
	}
	var out []string
	for _, id := range m.Roles {
		if r, err := st.Role(guild, id); err == nil && r.Managed {
			out = append(out, id)
		}
	}
	return out
}
