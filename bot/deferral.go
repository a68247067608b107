package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Deferral is the response that holds an interaction open when its own
// response is not ready in time for Discord's 3 seconds (a search waiting
// for a slot, a slow database): Discord shows "thinking…", and the response
// follows through FollowUp. It is nil for interactions that cannot wait
// (autocomplete). A command is deferred privately unless it is an /ask
// that may be answered in public; a /faq learned button as an update of its
// message; other buttons privately.
func (b *Bot) Deferral(i *discordgo.Interaction) *discordgo.InteractionResponse { return deferral(i) }

func deferral(i *discordgo.Interaction) *discordgo.InteractionResponse {
	thinking := func(ephemeral bool) *discordgo.InteractionResponse {
		data := &discordgo.InteractionResponseData{AllowedMentions: noMentions()}
		if ephemeral {
			data.Flags = discordgo.MessageFlagsEphemeral
		}
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource, Data: data}
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		data := i.ApplicationCommandData()
		return thinking(data.Name != cmdAsk || boolOption(options(data.Options), optPrivate))
	case discordgo.InteractionMessageComponent:
		if strings.HasPrefix(i.MessageComponentData().CustomID, idLearned) {
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
		}
		return thinking(true)
	}
	return nil
}

// followUp is how a response reaches Discord after a deferral.
type followUp int

const (
	followNothing followUp = iota // the response is a deferral itself: what follows it edits the original
	followEdit                    // edit the original response (or, after a deferred update, the message)
	followMessage                 // send a follow-up message
	followReplace                 // delete the public "thinking…" and send a private follow-up message
	followTooLate                 // nothing can carry it (autocomplete)
)

// followUpOf decides how resp follows the deferral deferred: a message
// that must stay private where the deferral was public replaces it, a
// message after a deferred update comes as a message of its own, anything
// else edits the original.
func followUpOf(deferred, resp *discordgo.InteractionResponse) followUp {
	ephemeral := func(r *discordgo.InteractionResponse) bool {
		return r.Data != nil && r.Data.Flags&discordgo.MessageFlagsEphemeral != 0
	}
	switch resp.Type {
	case discordgo.InteractionResponseDeferredChannelMessageWithSource, discordgo.InteractionResponseDeferredMessageUpdate:
		return followNothing
	case discordgo.InteractionResponseUpdateMessage:
		return followEdit
	case discordgo.InteractionResponseChannelMessageWithSource:
		switch {
		case deferred.Type == discordgo.InteractionResponseDeferredMessageUpdate:
			return followMessage
		case ephemeral(resp) && !ephemeral(deferred):
			return followReplace
		}
		return followEdit
	}
	return followTooLate
}

// FollowUp sends resp, the response to i, after the interaction was
// deferred with deferred (see Deferral): through the interaction's webhook,
// whose token Discord keeps valid for 15 minutes.
func (b *Bot) FollowUp(ctx context.Context, i *discordgo.Interaction, deferred, resp *discordgo.InteractionResponse) error {
	data := resp.Data
	if data == nil {
		data = &discordgo.InteractionResponseData{}
	}
	var err error
	switch followUpOf(deferred, resp) {
	case followNothing:
		return nil
	case followTooLate:
		return fmt.Errorf("follow up interaction %s: a response of type %d cannot follow a deferral", i.ID, resp.Type)
	case followEdit:
		_, err = b.s.InteractionResponseEdit(i, &discordgo.WebhookEdit{
			Content: &data.Content, Embeds: &data.Embeds, Components: &data.Components, AllowedMentions: noMentions(),
		}, discordgo.WithContext(ctx))
	case followReplace:
		err = b.s.InteractionResponseDelete(i, discordgo.WithContext(ctx))
		if err == nil {
			err = b.followUpMessage(ctx, i, data)
		}
	case followMessage:
		err = b.followUpMessage(ctx, i, data)
	}
	if err != nil {
		return fmt.Errorf("follow up interaction %s: %w", i.ID, b.apiError(err))
	}
	return nil
}

func (b *Bot) followUpMessage(ctx context.Context, i *discordgo.Interaction, data *discordgo.InteractionResponseData) error {
	_, err := b.s.FollowupMessageCreate(i, true, &discordgo.WebhookParams{
		Content: data.Content, Embeds: data.Embeds, Components: data.Components,
		AllowedMentions: noMentions(), Flags: data.Flags,
	}, discordgo.WithContext(ctx))
	return err
}
