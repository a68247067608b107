package bot

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// onInteraction routes slash commands, autocomplete and button clicks.
func (b *Bot) onInteraction(ctx context.Context, ic *discordgo.InteractionCreate) {
	i := ic.Interaction
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		switch name := i.ApplicationCommandData().Name; name {
		case cmdAsk:
			b.handleAsk(ctx, i)
		case cmdFAQ:
			b.handleFAQ(ctx, i)
		default:
			b.log.Info("unknown command", "command", name, "interaction", i.ID)
			b.reply(ctx, i, &discordgo.InteractionResponseData{Content: "Sorry, I don't know that command. Try `/ask`."}, true)
		}
	case discordgo.InteractionApplicationCommandAutocomplete:
		b.handleAutocomplete(ctx, i)
	case discordgo.InteractionMessageComponent:
		b.handleButton(ctx, i)
	default:
		b.log.Debug("ignored interaction", "type", i.Type, "interaction", i.ID)
	}
}

// reply answers an interaction with a message; every reply allows no
// mentions. A failure is logged.
func (b *Bot) reply(ctx context.Context, i *discordgo.Interaction, data *discordgo.InteractionResponseData, ephemeral bool) {
	_ = b.interactionRespond(ctx, i, data, ephemeral)
}

// interactionRespond is reply, also returning the error.
func (b *Bot) interactionRespond(ctx context.Context, i *discordgo.Interaction, data *discordgo.InteractionResponseData, ephemeral bool) error {
	data.Content = defuse(data.Content)
	data.AllowedMentions = noMentions()
	if ephemeral {
		data.Flags |= discordgo.MessageFlagsEphemeral
	}
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}
	if err := b.s.InteractionRespond(i, resp, discordgo.WithContext(ctx)); err != nil {
		b.log.Warn("reply to interaction", "interaction", i.ID, "guild", i.GuildID, "err", b.apiError(err))
		return fmt.Errorf("respond to interaction %s: %w", i.ID, err)
	}
	return nil
}

// userID is who triggered an interaction, in a guild or a DM.
func userID(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

// options flattens a command's options by name (subcommand options
// included).
func options(opts []*discordgo.ApplicationCommandInteractionDataOption) map[string]*discordgo.ApplicationCommandInteractionDataOption {
	m := map[string]*discordgo.ApplicationCommandInteractionDataOption{}
	var walk func([]*discordgo.ApplicationCommandInteractionDataOption)
	walk = func(os []*discordgo.ApplicationCommandInteractionDataOption) {
		for _, o := range os {
			if o == nil {
				continue
			}
			m[o.Name] = o
			walk(o.Options)
		}
	}
	walk(opts)
	return m
}

func stringOption(m map[string]*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	o, ok := m[name]
	if !ok || o.Type != discordgo.ApplicationCommandOptionString {
		return ""
	}
	s, _ := o.Value.(string)
	return s
}

func boolOption(m map[string]*discordgo.ApplicationCommandInteractionDataOption, name string) bool {
	o, ok := m[name]
	if !ok || o.Type != discordgo.ApplicationCommandOptionBoolean {
		return false
	}
	v, _ := o.Value.(bool)
	return v
}
