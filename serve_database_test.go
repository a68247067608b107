package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"faqbot/internal/fakediscord"
	"faqbot/internal/pgtest"
)

// TestServeSlowDatabase: while another session holds the tables the bot
// writes to (a migration, a long transaction, a database that is very
// slow), questions are still answered within Discord's 3 seconds, through
// the gateway and at the interactions endpoint, and /faq unanswered says
// politely that the list cannot be read; the log says what was late.
func TestServeSlowDatabase(t *testing.T) {
	t.Parallel()
	const modRole = "400000000000000009"
	db := pgtest.Database(t)
	fake := fakediscord.Start(t)
	s := launchServe(t, fake, map[string]string{
		"DATABASE_URL": db, "INTERACTIONS_ADDR": "127.0.0.1:0", "DISCORD_PUBLIC_KEY": fake.PublicKey(), "MODERATOR_ROLES": modRole,
	})
	fake.WaitConnected(t, wait)
	url := s.endpoint(t)

	ctx := context.Background()
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close(ctx) }()
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if _, err := tx.Exec(ctx, "LOCK TABLE faqbot_asked, faqbot_unanswered, faqbot_votes IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}

	// Through the gateway, the response is a REST callback that Discord
	// takes within 3 seconds of the interaction only.
	in := fakediscord.Interaction{ID: nextID(), Name: "ask", Options: []fakediscord.CommandOption{{Name: "question", Value: "what day is raid night?"}}}
	start := time.Now()
	s.fake.Dispatch(t, "INTERACTION_CREATE", s.fake.SlashCommand(in))
	r := s.callback(t, in.ID)
	if took := time.Since(start); took > discordDeadline || title(r) != "When is raid night?" {
		t.Errorf("/ask through the gateway with the database locked: after %v: %s", took, r.Body)
	}

	// At the endpoint, the answer comes in the HTTP response or after a
	// deferral; either way it comes.
	for _, q := range []string{"what day is raid night?", "is there a dress code for raids"} {
		r := s.post(t, url, fake.SlashCommand(fakediscord.Interaction{Name: "ask", Options: []fakediscord.CommandOption{{Name: "question", Value: q}}}))
		if c := str(t, r, "data", "content"); title(r) == "" && !strings.Contains(c, "not sure") {
			t.Errorf("/ask %q at the endpoint with the database locked: %s", q, r.Body)
		}
	}
	mod := fakediscord.Interaction{Name: "faq", UserID: "310000000000000009", Roles: []string{modRole}, Options: []fakediscord.CommandOption{{Name: "unanswered"}}}
	if c := str(t, s.post(t, url, fake.SlashCommand(mod)), "data", "content"); !strings.Contains(c, "could not read the list right now") {
		t.Errorf("/faq unanswered with the database locked: %q", c)
	}
	if log := s.log.String(); !strings.Contains(log, "remember the question behind the buttons") || !strings.Contains(log, "list unanswered") {
		t.Errorf("the log does not say what the database held up:\n%s", log)
	}
}
