package bot

import (
	"regexp"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// channelOrRole matches a channel or role mention in Discord's markup:
// its kind ("#" or "@&") and id.
var channelOrRole = regexp.MustCompile(`<(#|@&)(\d+)>`)

// mentionNames knows the names members see for channels and roles.
type mentionNames interface {
	channelName(id string) (string, bool)
	roleName(guild, id string) (string, bool)
}

// namedMentions writes the channel and role mentions of a member's text as
// the names members see ("how do I get <@&123>?" is "how do I get
// @Verified?"), which is how FAQs name them. Mentions of the roles in skip
// (those that stand for the bot) and of what names does not know stay, for
// cleanQuestion to drop.
func namedMentions(text, guild string, names mentionNames, skip []string) string {
	if names == nil {
		return text
	}
	return channelOrRole.ReplaceAllStringFunc(text, func(m string) string {
		sub := channelOrRole.FindStringSubmatch(m)
		switch kind, id := sub[1], sub[2]; {
		case kind == "#":
			if name, ok := names.channelName(id); ok {
				return " #" + name + " "
			}
		case !slices.Contains(skip, id):
			if name, ok := names.roleName(guild, id); ok {
				return " @" + name + " "
			}
		}
		return m
	})
}

// stateNames reads names from the shards' caches of what the gateway told
// them.
type stateNames []*discordgo.State

func (ss stateNames) channelName(id string) (string, bool) {
	for _, st := range ss {
		if c, err := st.Channel(id); err == nil && c.Name != "" {
			return c.Name, true
		}
	}
	return "", false
}

func (ss stateNames) roleName(guild, id string) (string, bool) {
	if guild == "" {
		return "", false
	}
	for _, st := range ss {
		if r, err := st.Role(guild, id); err == nil && r.Name != "" {
			return r.Name, true
		}
	}
	return "", false
}
