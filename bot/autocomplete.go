package bot

import (
	"context"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/index"
)

// handleAutocomplete suggests FAQ questions and titles for what the member
// has typed so far. Autocomplete cannot be deferred, so this only does
// in-memory work.
func (b *Bot) handleAutocomplete(i *discordgo.Interaction) response {
	start := time.Now()
	typed := ""
	for _, o := range options(i.ApplicationCommandData().Options) {
		if o.Focused {
			typed, _ = o.Value.(string)
		}
	}
	// A trailing space means the last word is finished (not a prefix).
	finished := strings.HasSuffix(typed, " ")
	typed = cleanQuestion(typed, b.cfg.MaxQuestionLength)
	if finished && typed != "" {
		typed += " "
	}
	suggestions := b.answers.Suggest(typed, index.MaxSuggestions)
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 0, len(suggestions))
	for _, s := range suggestions {
		s = clip(s, maxChoice)
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: s, Value: s})
	}
	return response{
		resp: &discordgo.InteractionResponse{
			Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: choices},
		},
		then: func(context.Context, error) { b.metrics.Latency("autocomplete", time.Since(start)) },
	}
}
