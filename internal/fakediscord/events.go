package fakediscord

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// joinedAt is the fixed join date of every member the builders invent.
const joinedAt = "2024-01-01T00:00:00.000000+00:00"

// Interaction describes an interaction a member triggers. Zero fields get defaults: fresh ids,
// DefaultGuildID, DefaultChannelID, DefaultUserID, DefaultUsername, locale en-US.
type Interaction struct {
	ID        string // default: a fresh id
	Token     string // default: "token-" + ID
	Name      string // command name for SlashCommand and Autocomplete, e.g. "faq"
	CommandID string // default: a fresh id
	Options   []CommandOption
	CustomID  string // Button: the button's custom_id
	MessageID string // Button: the message carrying the button; default: a fresh id

	GuildID     string
	ChannelID   string
	DM          bool // sent from a DM: a user instead of a member, and no guild
	UserID      string
	Username    string
	Roles       []string
	Permissions int64 // the member's permission bit set in the channel, e.g. discordgo.PermissionManageServer
	Locale      string
	// AppPermissions is the bot's permission bit set in the channel (app_permissions);
	// default: view, send, embed links, read the history and add reactions.
	AppPermissions int64
}

// CommandOption is an option of a slash command as the user filled it in. Type may be left 0:
// it is then inferred from Value (string, integer, bool, float64), and an option without a
// Value is a subcommand, so {Name: "reload"} is the "reload" of "/faq reload".
type CommandOption struct {
	Name    string
	Type    discordgo.ApplicationCommandOptionType
	Value   any
	Options []CommandOption // a subcommand's or subcommand group's own options
	Focused bool            // Autocomplete: the option being typed
}

// Message describes a message a user posts. Zero fields get defaults like Interaction's.
// Mentions are derived from "<@id>" and "<@!id>" in Content, and role mentions from
// "<@&id>", as Discord does.
type Message struct {
	ID         string
	ChannelID  string
	GuildID    string
	DM         bool // a direct message: no guild and no member
	Content    string
	AuthorID   string
	AuthorName string
	AuthorBot  bool
	Roles      []string
}

// SlashCommand returns an INTERACTION_CREATE payload for a chat command (type 2).
func (s *Server) SlashCommand(in Interaction) map[string]any {
	return s.interaction(in, discordgo.InteractionApplicationCommand, func(in Interaction) map[string]any {
		return commandData(in, in.Options)
	})
}

// MessageCommand returns an INTERACTION_CREATE payload for a message command (an app in a
// message's context menu, type 2 with command type 3) named in.Name, used on target, which
// Discord resolves into the payload.
func (s *Server) MessageCommand(in Interaction, target Message) map[string]any {
	msg := s.Message(target)
	if target.ChannelID == "" {
		msg["channel_id"] = or(in.ChannelID, DefaultChannelID)
	}
	return s.interaction(in, discordgo.InteractionApplicationCommand, func(in Interaction) map[string]any {
		data := commandData(in, nil)
		data["type"] = int(discordgo.MessageApplicationCommand)
		data["target_id"] = msg["id"]
		data["resolved"] = map[string]any{"messages": map[string]any{msg["id"].(string): msg}}
		return data
	})
}

// Autocomplete returns an INTERACTION_CREATE payload for command autocompletion (type 4). One
// option carries focused: true; if none is marked, the last leaf option is.
func (s *Server) Autocomplete(in Interaction) map[string]any {
	return s.interaction(in, discordgo.InteractionApplicationCommandAutocomplete, func(in Interaction) map[string]any {
		opts := in.Options
		if !anyFocused(opts) {
			opts = focusLast(opts)
		}
		return commandData(in, opts)
	})
}

// Button returns an INTERACTION_CREATE payload for a click on a button (type 3) with
// in.CustomID, on a bot message that carries that button.
func (s *Server) Button(in Interaction) map[string]any {
	if in.MessageID == "" {
		in.MessageID = s.newID()
	}
	ev := s.interaction(in, discordgo.InteractionMessageComponent, func(in Interaction) map[string]any {
		return map[string]any{"custom_id": in.CustomID, "component_type": int(discordgo.ButtonComponent)}
	})
	msg := s.messageFrom(nil, in.MessageID, ev["channel_id"].(string))
	msg["components"] = []any{map[string]any{
		"type": int(discordgo.ActionsRowComponent),
		"components": []any{map[string]any{
			"type": int(discordgo.ButtonComponent), "style": int(discordgo.PrimaryButton),
			"custom_id": in.CustomID, "label": in.CustomID,
		}},
	}}
	ev["message"] = msg
	return ev
}

// interaction fills defaults, remembers the interaction for its callback and builds the
// payload fields every interaction type shares.
func (s *Server) interaction(in Interaction, kind discordgo.InteractionType, data func(Interaction) map[string]any) map[string]any {
	in.ID = or(in.ID, s.newID())
	in.Token = or(in.Token, "token-"+in.ID)
	in.CommandID = or(in.CommandID, s.newID())
	in.ChannelID = or(in.ChannelID, DefaultChannelID)
	s.remember(in.ID, in.Token, in.ChannelID)

	ev := map[string]any{
		"id":              in.ID,
		"application_id":  s.cfg.appID,
		"type":            int(kind),
		"data":            data(in),
		"token":           in.Token,
		"version":         1,
		"channel_id":      in.ChannelID,
		"locale":          or(in.Locale, "en-US"),
		"app_permissions": strconv.FormatInt(cmp.Or(in.AppPermissions, botPermissions), 10),
		"entitlements":    []any{},
	}
	user := userObject(or(in.UserID, DefaultUserID), or(in.Username, DefaultUsername), false)
	if in.DM {
		ev["user"] = user
		ev["context"] = contextBotDM
		return ev
	}
	member := memberObject(in.Roles)
	member["user"] = user
	member["permissions"] = strconv.FormatInt(in.Permissions, 10)
	ev["guild_id"] = or(in.GuildID, DefaultGuildID)
	ev["guild_locale"] = "en-US"
	ev["member"] = member
	ev["context"] = contextGuild
	return ev
}

// An interaction's context, from Discord's interaction documentation: where it was used.
const (
	contextGuild = 0 // in a server
	contextBotDM = 1 // in the bot's direct messages
)

// botPermissions is what the bot may do in the channel of every interaction (app_permissions).
const botPermissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionEmbedLinks | discordgo.PermissionReadMessageHistory | discordgo.PermissionAddReactions

func commandData(in Interaction, opts []CommandOption) map[string]any {
	data := map[string]any{"id": in.CommandID, "name": in.Name, "type": int(discordgo.ChatApplicationCommand)}
	if len(opts) > 0 {
		data["options"] = optionObjects(opts)
	}
	if !in.DM {
		data["guild_id"] = or(in.GuildID, DefaultGuildID)
	}
	return data
}

func optionObjects(opts []CommandOption) []any {
	out := make([]any, 0, len(opts))
	for _, o := range opts {
		obj := map[string]any{"name": o.Name, "type": int(o.kind())}
		if o.Value != nil {
			obj["value"] = o.Value
		}
		if len(o.Options) > 0 {
			obj["options"] = optionObjects(o.Options)
		}
		if o.Focused {
			obj["focused"] = true
		}
		out = append(out, obj)
	}
	return out
}

// kind is the option's type, inferred from its Value when Type is 0.
func (o CommandOption) kind() discordgo.ApplicationCommandOptionType {
	if o.Type != 0 {
		return o.Type
	}
	switch o.Value.(type) {
	case nil:
		return discordgo.ApplicationCommandOptionSubCommand
	case string:
		return discordgo.ApplicationCommandOptionString
	case int, int32, int64:
		return discordgo.ApplicationCommandOptionInteger
	case bool:
		return discordgo.ApplicationCommandOptionBoolean
	default:
		return discordgo.ApplicationCommandOptionNumber
	}
}

func anyFocused(opts []CommandOption) bool {
	return slices.ContainsFunc(opts, func(o CommandOption) bool { return o.Focused || anyFocused(o.Options) })
}

// focusLast returns a copy of opts whose last leaf option is focused.
func focusLast(opts []CommandOption) []CommandOption {
	if len(opts) == 0 {
		return opts
	}
	opts = slices.Clone(opts)
	last := &opts[len(opts)-1]
	if len(last.Options) > 0 {
		last.Options = focusLast(last.Options)
	} else {
		last.Focused = true
	}
	return opts
}

// Message returns a MESSAGE_CREATE payload for a message a user posts.
func (s *Server) Message(m Message) map[string]any {
	ev := map[string]any{
		"id":               or(m.ID, s.newID()),
		"channel_id":       or(m.ChannelID, DefaultChannelID),
		"author":           userObject(or(m.AuthorID, DefaultUserID), or(m.AuthorName, DefaultUsername), m.AuthorBot),
		"content":          m.Content,
		"timestamp":        time.Now().UTC().Format(time.RFC3339Nano),
		"edited_timestamp": nil,
		"tts":              false,
		"mention_everyone": strings.Contains(m.Content, "@everyone"),
		"mentions":         s.mentions(m.Content),
		"mention_roles":    roleMentions(m.Content),
		"attachments":      []any{},
		"embeds":           []any{},
		"components":       []any{},
		"pinned":           false,
		"type":             int(discordgo.MessageTypeDefault),
	}
	if !m.DM {
		ev["guild_id"] = or(m.GuildID, DefaultGuildID)
		ev["member"] = memberObject(m.Roles) // partial: MESSAGE_CREATE's member has no user
	}
	return ev
}

var (
	userMention = regexp.MustCompile(`<@!?(\d+)>`)
	roleMention = regexp.MustCompile(`<@&(\d+)>`)
)

// roleMentions lists the ids of the roles that content mentions.
func roleMentions(content string) []any {
	out := []any{}
	seen := map[string]bool{}
	for _, m := range roleMention.FindAllStringSubmatch(content, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

// mentions lists the users that content mentions, the bot under its own name.
func (s *Server) mentions(content string) []any {
	out := []any{}
	seen := map[string]bool{}
	for _, m := range userMention.FindAllStringSubmatch(content, -1) {
		id := m[1]
		if seen[id] {
			continue
		}
		seen[id] = true
		if id == s.cfg.botUserID {
			out = append(out, s.botUser())
		} else {
			out = append(out, userObject(id, "user-"+id, false))
		}
	}
	return out
}

func userObject(id, username string, bot bool) map[string]any {
	return map[string]any{
		"id": id, "username": username, "discriminator": "0", "global_name": nil, "avatar": nil, "bot": bot,
	}
}

func memberObject(roles []string) map[string]any {
	if roles == nil {
		roles = []string{}
	}
	return map[string]any{
		"roles": roles, "joined_at": joinedAt, "nick": nil, "deaf": false, "mute": false, "flags": 0, "pending": false,
	}
}

// or returns value, or fallback when value is empty.
func or(value, fallback string) string {
	if value == "" {
		return fallback
	}
	return value
}
