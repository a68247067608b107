package bot

import (
	"testing"

	"github.com/bwmarrin/discordgo"

	"faqbot/internal/fakediscord"
)

func TestDeferral(t *testing.T) {
	fake := fakediscord.Start(t)
	ask := func(private bool) fakediscord.Interaction {
		in := fakediscord.Interaction{Name: cmdAsk, Options: []fakediscord.CommandOption{{Name: optQuestion, Value: "raid"}}}
		if private {
			in.Options = append(in.Options, fakediscord.CommandOption{Name: optPrivate, Value: true})
		}
		return in
	}
	tests := []struct {
		name          string
		payload       map[string]any
		want          discordgo.InteractionResponseType // 0: cannot be deferred
		wantEphemeral bool
	}{
		{"public /ask", fake.SlashCommand(ask(false)), discordgo.InteractionResponseDeferredChannelMessageWithSource, false},
		{"private /ask", fake.SlashCommand(ask(true)), discordgo.InteractionResponseDeferredChannelMessageWithSource, true},
		{"/faq", fake.SlashCommand(fakediscord.Interaction{Name: cmdFAQ, Options: []fakediscord.CommandOption{{Name: subUnanswered}}}), discordgo.InteractionResponseDeferredChannelMessageWithSource, true},
		{"did you mean", fake.Button(fakediscord.Interaction{CustomID: idAlternative + "x"}), discordgo.InteractionResponseDeferredChannelMessageWithSource, true},
		{"/faq learned button", fake.Button(fakediscord.Interaction{CustomID: idLearned + "page:pending:0"}), discordgo.InteractionResponseDeferredMessageUpdate, false},
		{"autocomplete", fake.Autocomplete(ask(false)), 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := deferral(decode[discordgo.InteractionCreate](t, tt.payload).Interaction)
			if tt.want == 0 {
				if got != nil {
					t.Errorf("deferral %+v, want none", got)
				}
				return
			}
			if got == nil || got.Type != tt.want {
				t.Fatalf("deferral %+v, want type %d", got, tt.want)
			}
			eph := got.Data != nil && got.Data.Flags&discordgo.MessageFlagsEphemeral != 0
			if eph != tt.wantEphemeral {
				t.Errorf("ephemeral %v, want %v", eph, tt.wantEphemeral)
			}
		})
	}
}

func TestFollowUpOf(t *testing.T) {
	resp := func(typ discordgo.InteractionResponseType, ephemeral bool) *discordgo.InteractionResponse {
		r := &discordgo.InteractionResponse{Type: typ, Data: &discordgo.InteractionResponseData{}}
		if ephemeral {
			r.Data.Flags = discordgo.MessageFlagsEphemeral
		}
		return r
	}
	const (
		msg      = discordgo.InteractionResponseChannelMessageWithSource
		thinking = discordgo.InteractionResponseDeferredChannelMessageWithSource
		later    = discordgo.InteractionResponseDeferredMessageUpdate
		upd      = discordgo.InteractionResponseUpdateMessage
	)
	tests := []struct {
		name           string
		deferred, resp *discordgo.InteractionResponse
		want           followUp
	}{
		{"public answer after public thinking", resp(thinking, false), resp(msg, false), followEdit},
		{"private answer after private thinking", resp(thinking, true), resp(msg, true), followEdit},
		{"private notice after public thinking", resp(thinking, false), resp(msg, true), followReplace},
		{"public answer after private thinking stays private", resp(thinking, true), resp(msg, false), followEdit},
		{"page after a deferred update", resp(later, false), resp(upd, false), followEdit},
		{"refusal after a deferred update", resp(later, false), resp(msg, true), followMessage},
		{"a reload's own deferral", resp(thinking, true), resp(thinking, true), followNothing},
		{"autocomplete", resp(thinking, false), resp(discordgo.InteractionApplicationCommandAutocompleteResult, false), followTooLate},
	}
	for _, tt := range tests {
		if got := followUpOf(tt.deferred, tt.resp); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}
