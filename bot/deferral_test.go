package bot

import (
	"context"
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

// TestFollowUp: after a deferral, an answer edits the "thinking…"
// message, and a private reply to a public deferral replaces it with a
// private follow-up.
func TestFollowUp(t *testing.T) {
	fb := newFakeBot(t, Config{})
	in := func() *discordgo.Interaction {
		return decode[discordgo.InteractionCreate](t, fb.fake.SlashCommand(fakediscord.Interaction{Name: cmdAsk,
			Options: []fakediscord.CommandOption{{Name: optQuestion, Value: "when is raid night"}}})).Interaction
	}
	i := in()
	deferred := deferral(i)
	answer := fb.handleAsk(context.Background(), i).resp
	if err := fb.FollowUp(context.Background(), i, deferred, answer); err != nil {
		t.Fatal(err)
	}
	edit := fb.fake.WaitRequest(t, testWait, fakediscord.Match("PATCH", "webhooks/*/"+i.Token+"/messages/@original"))
	if title, _ := edit.Field("embeds", "0", "title"); title != "When is raid night?" {
		t.Errorf("edit: %s", edit)
	}
	if parse, _ := edit.Field("allowed_mentions", "parse"); parse == nil {
		t.Errorf("the edit allows mentions: %s", edit)
	}

	i = in()
	notice := private(&discordgo.InteractionResponseData{Content: "You can ask again in 3 seconds."}).resp
	if err := fb.FollowUp(context.Background(), i, deferral(i), notice); err != nil {
		t.Fatal(err)
	}
	fb.fake.WaitRequest(t, testWait, fakediscord.Match("DELETE", "webhooks/*/"+i.Token+"/messages/@original"))
	msg := fb.fake.WaitRequest(t, testWait, fakediscord.Match("POST", "webhooks/*/"+i.Token))
	if flags, _ := msg.Field("flags"); flags != float64(discordgo.MessageFlagsEphemeral) {
		t.Errorf("follow-up not private: %s", msg)
	}

	auto := decode[discordgo.InteractionCreate](t, fb.fake.Autocomplete(fakediscord.Interaction{Name: cmdAsk,
		Options: []fakediscord.CommandOption{{Name: optQuestion, Value: "raid"}}})).Interaction
	if err := fb.FollowUp(context.Background(), auto, deferral(i), fb.handleAutocomplete(auto).resp); err == nil {
		t.Error("an autocomplete followed a deferral")
	}
}
