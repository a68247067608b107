package fakediscord

import (
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// Guild describes a server the bot is in, for GuildCreate. Zero fields get defaults:
// DefaultGuildID, the name "Test Guild", and DefaultBotRoleID for the bot's managed role.
type Guild struct {
	ID        string
	Name      string
	BotRoleID string    // the role Discord creates for the bot when it joins, tagged with its user id
	Roles     []Role    // other roles
	Channels  []Channel // text channels besides DefaultChannelID ("general")
}

// Channel is a text channel of a Guild.
type Channel struct {
	ID         string
	Name       string
	Overwrites []Overwrite // what the channel allows or denies besides the roles' permissions
}

// Overwrite is a channel's permission overwrite for a role (the guild's id for @everyone) or,
// with Member set, for a member: permission bits allowed and denied there, e.g. Deny:
// discordgo.PermissionEmbedLinks for @everyone in a channel without link previews.
type Overwrite struct {
	ID          string
	Member      bool
	Allow, Deny int64
}

// Role is a role of a Guild other than @everyone and the bot's own.
type Role struct {
	ID          string
	Name        string
	Managed     bool   // managed by an integration (a bot's role, say)
	BotID       string // for a bot's managed role: that bot's user id (tags.bot_id)
	Permissions int64  // default: view channels and send messages
}

// everyonePermissions are what the @everyone role of a new server allows, as far as a bot
// that answers in text channels cares: view, send, embed links, attach files, read the
// history and add reactions.
const everyonePermissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionEmbedLinks | discordgo.PermissionAttachFiles | discordgo.PermissionReadMessageHistory |
	discordgo.PermissionAddReactions

// GuildCreate returns a GUILD_CREATE payload for g, as Discord sends it after READY (and when
// the bot joins a server): the @everyone role, the bot's managed role, g's other roles, the
// "general" channel and g's other channels, and the bot as the one member listed.
func (s *Server) GuildCreate(g Guild) map[string]any {
	id := or(g.ID, DefaultGuildID)
	botRole := or(g.BotRoleID, DefaultBotRoleID)
	roles := []any{
		roleObject(Role{ID: id, Name: "@everyone", Permissions: everyonePermissions}, 0),
		roleObject(Role{ID: botRole, Name: s.cfg.botUsername, Managed: true, BotID: s.cfg.botUserID, Permissions: botPermissions}, 1),
	}
	for i, r := range g.Roles {
		roles = append(roles, roleObject(r, i+2))
	}
	me := memberObject([]string{botRole})
	me["user"] = s.botUser()
	channels := []any{channelObject(Channel{ID: DefaultChannelID, Name: "general"}, id, 0)}
	for i, c := range g.Channels {
		channels = append(channels, channelObject(c, id, i+1))
	}
	return map[string]any{
		"id":                 id,
		"name":               or(g.Name, "Test Guild"),
		"owner_id":           DefaultUserID,
		"roles":              roles,
		"emojis":             []any{},
		"features":           []any{},
		"members":            []any{me},
		"channels":           channels,
		"threads":            []any{},
		"presences":          []any{},
		"voice_states":       []any{},
		"stickers":           []any{},
		"member_count":       2,
		"large":              false,
		"unavailable":        false,
		"joined_at":          joinedAt,
		"preferred_locale":   "en-US",
		"verification_level": 0,
	}
}

func roleObject(r Role, position int) map[string]any {
	if r.Permissions == 0 {
		r.Permissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages
	}
	obj := map[string]any{
		"id": r.ID, "name": r.Name, "color": 0, "hoist": false, "position": position,
		"permissions": strconv.FormatInt(r.Permissions, 10),
		"managed":     r.Managed, "mentionable": true, "flags": 0,
	}
	if r.BotID != "" {
		obj["tags"] = map[string]any{"bot_id": r.BotID}
	}
	return obj
}

func channelObject(c Channel, guildID string, position int) map[string]any {
	overwrites := []any{}
	for _, o := range c.Overwrites {
		kind := discordgo.PermissionOverwriteTypeRole
		if o.Member {
			kind = discordgo.PermissionOverwriteTypeMember
		}
		overwrites = append(overwrites, map[string]any{
			"id": o.ID, "type": int(kind), "allow": strconv.FormatInt(o.Allow, 10), "deny": strconv.FormatInt(o.Deny, 10),
		})
	}
	return map[string]any{
		"id": c.ID, "guild_id": guildID, "name": c.Name, "type": int(discordgo.ChannelTypeGuildText), "position": position,
		"permission_overwrites": overwrites,
	}
}

// Thread describes a thread of a guild channel, for ThreadCreate: a post
// of a forum channel, say. Zero fields get defaults: DefaultGuildID and the
// name "thread".
type Thread struct {
	ID       string
	GuildID  string
	ParentID string // the channel (or forum) it belongs to
	Name     string // its title
}

// ThreadCreate returns a THREAD_CREATE payload for t, as Discord sends it
// when a member starts a thread or posts in a forum channel: a public
// thread, just created, by DefaultUserID.
func (s *Server) ThreadCreate(t Thread) map[string]any {
	return map[string]any{
		"id":              t.ID,
		"guild_id":        or(t.GuildID, DefaultGuildID),
		"parent_id":       t.ParentID,
		"name":            or(t.Name, "thread"),
		"type":            int(discordgo.ChannelTypeGuildPublicThread),
		"owner_id":        DefaultUserID,
		"message_count":   0,
		"member_count":    1,
		"newly_created":   true,
		"thread_metadata": map[string]any{"archived": false, "auto_archive_duration": 1440, "locked": false, "archive_timestamp": joinedAt},
	}
}
