package bot

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"
)

// response is what the bot gives one interaction: the one response Discord
// wants within 3 seconds, and what follows once it was sent (sent nil) or
// failed to be. The handlers decide it; a transport carries it out: a REST
// callback for interactions from the gateway, the HTTP response for those
// at the interactions endpoint (see Interact).
type response struct {
	resp *discordgo.InteractionResponse
	then func(ctx context.Context, sent error) // may be nil
}

// message is a response with a new message; every message allows no
// mentions.
func message(data *discordgo.InteractionResponseData, ephemeral bool) response {
	data.Content = defuse(data.Content)
	data.AllowedMentions = noMentions()
	if ephemeral {
		data.Flags |= discordgo.MessageFlagsEphemeral
	}
	return response{resp: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}}
}

// private is a message only the member who interacted sees.
func private(data *discordgo.InteractionResponseData) response { return message(data, true) }

// update answers a button by editing the message that carries it.
func update(data *discordgo.InteractionResponseData) response {
	data.Content = defuse(data.Content)
	data.AllowedMentions = noMentions()
	return response{resp: &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage, Data: data}}
}

// interact decides the response to a slash command, an autocomplete or a
// button click; ok is false for interactions the bot ignores.
func (b *Bot) interact(ctx context.Context, i *discordgo.Interaction) (r response, ok bool) {
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		switch name := i.ApplicationCommandData().Name; name {
		case cmdAsk:
			return b.handleAsk(ctx, i), true
		case cmdFAQ:
			return b.handleFAQ(ctx, i), true
		case cmdFindAnswer:
			return b.handleFindAnswer(ctx, i), true
		default:
			b.log.Info("unknown command", "command", name, "interaction", i.ID)
			return private(&discordgo.InteractionResponseData{Content: "Sorry, I don't know that command. Try `/ask`."}), true
		}
	case discordgo.InteractionApplicationCommandAutocomplete:
		return b.handleAutocomplete(i), true
	case discordgo.InteractionMessageComponent:
		return b.handleButton(ctx, i), true
	default:
		b.log.Debug("ignored interaction", "type", i.Type, "interaction", i.ID)
		return response{}, false
	}
}

// onInteraction handles an interaction from the gateway: its response goes
// back over REST.
func (b *Bot) onInteraction(ctx context.Context, ic *discordgo.InteractionCreate) {
	b.serveInteraction(ctx, ic.Interaction, func(ctx context.Context, resp *discordgo.InteractionResponse) error {
		return b.respondToInteraction(ctx, ic.Interaction, resp)
	})
}

// serveInteraction decides the response to i, fits it to the channel (see
// fit), sends it through send and runs what follows it.
func (b *Bot) serveInteraction(ctx context.Context, i *discordgo.Interaction, send func(context.Context, *discordgo.InteractionResponse) error) {
	r, ok := b.interact(ctx, i)
	if !ok {
		return
	}
	if r.resp != nil && r.resp.Data != nil {
		data := r.resp.Data
		data.Content, data.Embeds = b.fit(hidesEmbeds(i.AppPermissions), i.GuildID, i.ChannelID, data.Content, data.Embeds)
	}
	// The response goes out even when deciding it took the handler's
	// whole time (a slow store): late, after a deferral, beats never.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), restTimeout)
	err := send(sctx, r.resp)
	cancel()
	if err != nil {
		b.log.Warn("respond to interaction", "interaction", i.ID, "guild", i.GuildID, "err", b.apiError(err))
		err = fmt.Errorf("respond to interaction %s: %w", i.ID, err)
	}
	if r.then != nil {
		r.then(ctx, err)
	}
}

// Interact handles an interaction that did not come through the gateway
// (the HTTP interactions endpoint) exactly as the gateway's are handled,
// with the same guard (a command or click arriving once shutdown began is
// told so, the handler timeout, panics recovered), and sends its one
// response through send. It returns once the response was sent and what
// follows it is done (a /faq reload's report, say); when it returns
// without calling send, the interaction was not handled (an unknown type,
// or the bot is stopping).
func (b *Bot) Interact(i *discordgo.Interaction, send func(ctx context.Context, resp *discordgo.InteractionResponse) error) {
	b.guard("interaction", func(ctx context.Context) { b.serveInteraction(ctx, i, send) }, func(ctx context.Context) { b.refuseInteraction(ctx, i, send) })
}

// stoppingText is what a member is told whose command, click, mention or
// DM arrives while the bot shuts down.
const stoppingText = "I'm restarting right now, so I can't answer this. Please try again in a minute."

// refuseInteraction tells the member behind a command or a click that
// arrived while the bot shuts down that it is not answered, privately.
// Autocomplete and other kinds get nothing: Discord shows no error for
// them that a message could replace.
func (b *Bot) refuseInteraction(ctx context.Context, i *discordgo.Interaction, send func(context.Context, *discordgo.InteractionResponse) error) {
	if i.Type != discordgo.InteractionApplicationCommand && i.Type != discordgo.InteractionMessageComponent {
		return
	}
	b.log.Info("interaction refused: shutting down", "interaction", i.ID, "guild", i.GuildID)
	if err := send(ctx, private(&discordgo.InteractionResponseData{Content: stoppingText}).resp); err != nil {
		b.log.Warn("respond to interaction", "interaction", i.ID, "guild", i.GuildID, "err", b.apiError(err))
	}
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
