package fakediscord_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"faqbot/internal/fakediscord"
)

// restStatus returns the HTTP status and Discord error code of a discordgo REST error.
func restStatus(t *testing.T, err error) (status, code int) {
	t.Helper()
	var restErr *discordgo.RESTError
	if !errors.As(err, &restErr) {
		t.Fatalf("error = %v (%T), want *discordgo.RESTError", err, err)
	}
	if restErr.Message != nil {
		code = restErr.Message.Code
	}
	return restErr.Response.StatusCode, code
}

func TestUnauthorized(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	_, err := newSession(t, fake, "wrong").User("@me")
	if status, _ := restStatus(t, err); status != http.StatusUnauthorized {
		t.Errorf("status = %d, want 401", status)
	}
	req := fake.WaitRequest(t, time.Second, fakediscord.Match("GET", "users/@me"))
	if req.Status != http.StatusUnauthorized || req.Header.Get("Authorization") != "Bot wrong" {
		t.Errorf("recorded %s with Authorization %q", req, req.Header.Get("Authorization"))
	}
}

func TestUnknownRoute(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	_, err := newSession(t, fake, fake.Token()).Request("GET", discordgo.EndpointAPI+"guilds/1/nothing", nil)
	if status, _ := restStatus(t, err); status != http.StatusNotFound {
		t.Errorf("status = %d, want 404", status)
	}
	if req := fake.WaitRequest(t, time.Second, fakediscord.Match("", "guilds/1/nothing")); req.Status != 404 {
		t.Errorf("recorded %s, want status 404", req)
	}
}

func TestBulkOverwriteCommands(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	sess := newSession(t, fake, fake.Token())
	cmds := []*discordgo.ApplicationCommand{
		{Name: "ask", Description: "Ask a question", Options: []*discordgo.ApplicationCommandOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Required: true, Autocomplete: true},
		}},
		{Name: "faq", Description: "Manage the FAQ", Options: []*discordgo.ApplicationCommandOption{
			{Name: "reload", Type: discordgo.ApplicationCommandOptionSubCommand, Description: "Reload"},
		}},
	}

	tests := []struct {
		name    string
		appID   string
		guildID string
		status  int // 0: success
	}{
		{"global", fake.ApplicationID(), "", 0},
		{"guild", fake.ApplicationID(), fakediscord.DefaultGuildID, 0},
		{"bot user id instead of application id", fake.BotUserID(), "", http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			created, err := sess.ApplicationCommandBulkOverwrite(tt.appID, tt.guildID, cmds)
			if tt.status != 0 {
				if status, _ := restStatus(t, err); status != tt.status {
					t.Errorf("status = %d, want %d", status, tt.status)
				}
				return
			}
			if err != nil {
				t.Fatalf("bulk overwrite: %v", err)
			}
			stored := fake.Commands(tt.guildID)
			for _, got := range [][]*discordgo.ApplicationCommand{created, stored} {
				if len(got) != 2 || got[0].Name != "ask" || got[1].Options[0].Name != "reload" {
					t.Fatalf("commands = %+v, want ask and faq reload", got)
				}
				if got[0].ID == "" || got[0].ApplicationID != fake.ApplicationID() || got[0].GuildID != tt.guildID {
					t.Errorf("command = %+v, want id, application id and guild %q", got[0], tt.guildID)
				}
			}
		})
	}
	req := fake.WaitRequest(t, time.Second, fakediscord.Match("PUT", "applications/*/guilds/*/commands"))
	var sent []discordgo.ApplicationCommand
	if err := req.Decode(&sent); err != nil || len(sent) != 2 {
		t.Errorf("recorded body %s: %v", req.Body, err)
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	route := "channels/" + fakediscord.DefaultChannelID + "/messages"

	t.Run("retried by discordgo", func(t *testing.T) {
		t.Parallel()
		fake := fakediscord.Start(t)
		fake.RateLimit("POST", route, 1)
		start := time.Now()
		msg, err := newSession(t, fake, fake.Token()).ChannelMessageSend(fakediscord.DefaultChannelID, "hi")
		if err != nil || msg.Content != "hi" || msg.ID == "" {
			t.Fatalf("send = %+v, %v", msg, err)
		}
		if elapsed := time.Since(start); elapsed < 50*time.Millisecond {
			t.Errorf("send took %v, want at least the 50ms retry_after", elapsed)
		}
		var statuses []int
		for _, r := range fake.Requests() {
			statuses = append(statuses, r.Status)
		}
		if len(statuses) != 2 || statuses[0] != 429 || statuses[1] != 200 {
			t.Errorf("statuses = %v, want [429 200]", statuses)
		}
	})

	t.Run("reported when retries are off", func(t *testing.T) {
		t.Parallel()
		fake := fakediscord.Start(t)
		fake.RateLimit("", route, 1)
		sess := newSession(t, fake, fake.Token())
		sess.ShouldRetryOnRateLimit = false
		_, err := sess.ChannelMessageSend(fakediscord.DefaultChannelID, "hi")
		var rl *discordgo.RateLimitError
		if !errors.As(err, &rl) || rl.RetryAfter != 50*time.Millisecond {
			t.Fatalf("send = %v, want RateLimitError with 50ms", err)
		}
		req := fake.WaitRequest(t, time.Second, fakediscord.Match("POST", route))
		if req.Status != 429 {
			t.Errorf("recorded %s, want 429", req)
		}
	})
}

func TestChannelMessages(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	sess := newSession(t, fake, fake.Token())
	ch := fakediscord.DefaultChannelID

	sent, err := sess.ChannelMessageSendComplex(ch, &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{{Title: "Answer"}},
		AllowedMentions: &discordgo.MessageAllowedMentions{},
		Files:           []*discordgo.File{{Name: "a.txt", Reader: strings.NewReader("x")}},
	})
	if err != nil || sent.ChannelID != ch || sent.Author.ID != fake.BotUserID() || sent.Embeds[0].Title != "Answer" {
		t.Fatalf("send = %+v, %v", sent, err)
	}
	// Files make discordgo send multipart; the recorded JSON is its payload_json part.
	req := fake.WaitRequest(t, time.Second, fakediscord.Match("POST", "channels/*/messages"))
	if title, _ := req.Field("embeds", "0", "title"); title != "Answer" {
		t.Errorf("recorded embeds[0].title = %v, want Answer; %s", title, req)
	}
	if _, ok := req.Field("allowed_mentions", "parse"); !ok {
		t.Errorf("allowed_mentions.parse missing; %s", req)
	}
	if req.Reply["id"] != sent.ID {
		t.Errorf("recorded reply id = %v, want the sent message's %s", req.Reply["id"], sent.ID)
	}

	edited, err := sess.ChannelMessageEdit(ch, sent.ID, "changed")
	if err != nil || edited.ID != sent.ID || edited.Content != "changed" || edited.EditedTimestamp == nil {
		t.Errorf("edit = %+v, %v", edited, err)
	}
	if err := sess.ChannelMessageDelete(ch, sent.ID); err != nil {
		t.Errorf("delete: %v", err)
	}
	if err := sess.MessageReactionAdd(ch, sent.ID, "👍"); err != nil {
		t.Errorf("react: %v", err)
	}
}

func TestInteractionResponses(t *testing.T) {
	t.Parallel()
	fake := fakediscord.Start(t)
	sess := newSession(t, fake, fake.Token())
	ic := asInteraction(t, fake.SlashCommand(fakediscord.Interaction{Name: "ask"}))

	deferred := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if _, err := sess.InteractionResponse(ic); err == nil {
		t.Error("original response fetched before there was one")
	}
	if err := sess.InteractionRespond(ic, deferred); err != nil {
		t.Fatalf("first response: %v", err)
	}
	if _, code := restStatus(t, sess.InteractionRespond(ic, deferred)); code != 40060 {
		t.Errorf("second response code = %d, want 40060 (already acknowledged)", code)
	}
	content := "done"
	if thinking, err := sess.InteractionResponse(ic); err != nil || thinking.Flags&discordgo.MessageFlagsLoading == 0 {
		t.Errorf("original while deferred = %+v, %v; want a loading message", thinking, err)
	}
	edited, err := sess.InteractionResponseEdit(ic, &discordgo.WebhookEdit{Content: &content})
	if err != nil || edited.Content != "done" || edited.ChannelID != ic.ChannelID || edited.ID == "" {
		t.Errorf("edit original = %+v, %v", edited, err)
	}
	if orig, err := sess.InteractionResponse(ic); err != nil || orig.ID != edited.ID || orig.Content != "done" {
		t.Errorf("original after the edit = %+v, %v; want id %s and the edited content", orig, err, edited.ID)
	}
	followup, err := sess.FollowupMessageCreate(ic, true, &discordgo.WebhookParams{Content: "more"})
	if err != nil || followup.Content != "more" || followup.ID == edited.ID {
		t.Errorf("followup = %+v, %v", followup, err)
	}
	if msg, err := sess.FollowupMessageCreate(ic, false, &discordgo.WebhookParams{Content: "quiet"}); err != nil || msg != nil {
		t.Errorf("followup without wait = %+v, %v; want nil, nil", msg, err)
	}
	if err := sess.InteractionResponseDelete(ic); err != nil {
		t.Errorf("delete original: %v", err)
	}

	// A message response is the original at once.
	answered := asInteraction(t, fake.SlashCommand(fakediscord.Interaction{Name: "ask", ChannelID: "77"}))
	if err := sess.InteractionRespond(answered, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "the answer"},
	}); err != nil {
		t.Fatal(err)
	}
	if orig, err := sess.InteractionResponse(answered); err != nil || orig.Content != "the answer" || orig.ChannelID != "77" || orig.ID == "" || orig.ID == edited.ID {
		t.Errorf("original of a message response = %+v, %v", orig, err)
	}

	unknown := *ic
	unknown.ID, unknown.Token = "1", "forged"
	if _, code := restStatus(t, sess.InteractionRespond(&unknown, deferred)); code != 10062 {
		t.Errorf("response to unknown interaction code = %d, want 10062", code)
	}
	if _, err := sess.InteractionResponseEdit(&unknown, &discordgo.WebhookEdit{Content: &content}); err == nil {
		t.Error("edit with unknown token succeeded")
	}
}
