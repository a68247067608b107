package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"faqbot/content"
	"faqbot/index"
	"faqbot/reload"
)

func TestGuardRecoversAndTracks(t *testing.T) {
	var log bytes.Buffer
	b := New(nil, Deps{Log: slog.New(slog.NewTextHandler(&log, nil))}, Config{HandlerTimeout: time.Second})
	b.guard("interaction", func(ctx context.Context) {
		if _, ok := ctx.Deadline(); !ok {
			t.Error("handler context has no deadline")
		}
		var hits []int
		_ = hits[len(hits)] // index out of range: a real runtime panic
	}, nil)
	if !strings.Contains(log.String(), "handler panicked") || !strings.Contains(log.String(), "event=interaction") {
		t.Errorf("panic not logged with its event: %s", log.String())
	}
	ran := false
	b.guard("message", func(context.Context) { ran = true }, nil)
	if !ran {
		t.Error("handler after a panic did not run")
	}
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	b.guard("message", func(context.Context) { t.Error("handler ran after shutdown began") }, nil)
}

func TestGuardShutdownWaitsForInflight(t *testing.T) {
	b := New(nil, Deps{Log: slog.New(slog.DiscardHandler)}, Config{HandlerTimeout: time.Second})
	started, finish := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.guard("interaction", func(context.Context) { close(started); <-finish }, nil)
	}()
	<-started
	done := make(chan struct{})
	go func() {
		b.mu.Lock()
		b.closing = true
		b.mu.Unlock()
		b.inflight.Wait()
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("shutdown did not wait for the handler")
	case <-time.After(50 * time.Millisecond):
	}
	close(finish)
	<-done
	wg.Wait()
}

func TestCleanQuestion(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<@123456> how do I   reload?", "how do I reload?"},
		{"<@!123> <@&456> <#789> hi <:wave:1234>", "hi"},
		{"\n\t  ", ""},
		{"@everyone how to reload", "how to reload"},
		{"@here? mail@heresy.org", "? mail@heresy.org"},
		{strings.Repeat("é", 50), strings.Repeat("é", 20)},
		{"how do I reload the FAQ?", "how do I reload the"},
	}
	for _, tt := range tests {
		if got := cleanQuestion(tt.in, 20); got != tt.want {
			t.Errorf("cleanQuestion(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLooksLikeQuestion(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"how do I reload the faq", true},
		{"is the server down?", true},
		{"Anyone know when raid night is", true},
		{"the bot is great?", true},
		{"lol", false},
		{"why?", false},
		{"I reloaded the faq yesterday", false},
		{"great work everyone", false},
	}
	for _, tt := range tests {
		if got := looksLikeQuestion(tt.in); got != tt.want {
			t.Errorf("looksLikeQuestion(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestRenderLimitsAndSafety(t *testing.T) {
	p := content.Passage{
		ID: "x", Kind: content.KindFAQ, Title: "T", Section: "S",
		Question: "@everyone " + strings.Repeat("why ", 100),
		Text:     strings.Repeat("Long answer @here. ", 400),
		URL:      "javascript:alert(1)",
		File:     "faq.md", Line: 3,
	}
	e := answerEmbed(index.Hit{Passage: p}, 0.876)
	if utf8.RuneCountInString(e.Title) > maxEmbedTitle || utf8.RuneCountInString(e.Description) > maxEmbedDescription {
		t.Errorf("embed over Discord's limits: title %d, description %d", len(e.Title), len(e.Description))
	}
	if strings.Contains(e.Title, "@everyone") || strings.Contains(e.Description, "@here") {
		t.Error("mass mentions not defused")
	}
	if e.URL != "" {
		t.Errorf("unsafe link kept: %q", e.URL)
	}
	if !strings.Contains(e.Footer.Text, "faq.md:3") || !strings.Contains(e.Footer.Text, "88%") {
		t.Errorf("footer = %q", e.Footer.Text)
	}
	deep := p
	deep.File = "/srv/faqbot/content/guides/faq.md"
	if f := answerEmbed(index.Hit{Passage: deep}, -1).Footer.Text; f != "Source: faq.md:3" {
		t.Errorf("footer of a passage without a link = %q, want the file's name without the server's path", f)
	}
	row := alternativeRow([]index.Hit{{Passage: p}}, "")
	if len(row) != 1 {
		t.Fatal("no alternatives row")
	}
	if got := noMentions(); got.Parse == nil || len(got.Parse) != 0 || got.RepliedUser {
		t.Errorf("noMentions = %+v", got)
	}
}

func TestReloadText(t *testing.T) {
	tests := []struct {
		name string
		rep  reload.Report
		err  error
		want []string
	}{
		{"busy", reload.Report{}, reload.ErrBusy, []string{"already running"}},
		{"ok", reload.Report{Live: true, Passages: 12, Added: reload.Counts{content.KindFAQ: 2}, Changed: reload.Counts{content.KindPassage: 1}, Removed: reload.Counts{}},
			nil, []string{"Reloaded", "12 passages", "Added: 2 FAQ", "Changed: 1 paragraph", "Removed: none"}},
		{"unchanged", reload.Report{Live: true, Unchanged: true, Passages: 3}, nil, []string{"unchanged"}},
		{"fetched", reload.Report{Live: true, Passages: 3, Fetch: "Websites: 2 pages: 1 added, 0 changed, 1 unchanged, 0 removed; 1 failed.\nhttps://e.org/x: HTTP 404 Not Found"},
			nil, []string{"Reloaded", "Websites: 2 pages: 1 added", "https://e.org/x: HTTP 404"}},
		{"fetched from a site with Markdown in its links", reload.Report{Live: true, Passages: 3, Fetch: "Websites: 1 page: 0 added, 0 changed, 1 unchanged, 0 removed; 2 failed.\n" +
			"https://e.org/x?[Free Nitro](https://phish.example): HTTP 404 Not Found\nhttps://e.org/__init__?r=<@&123>: redirected off the site to https://o.org/**x**"},
			nil, []string{"Websites: 1 page", "\n" + `https://e.org/x?\[Free Nitro\](https://phish.example): HTTP 404 Not Found` + "\n",
				`https://e.org/\_\_init\_\_?r=\<@&123>: redirected off the site to https://o.org/\*\*x\*\*`}},
		{"problems", reload.Report{ProblemCount: 7, Problems: []content.Problem{{File: "faq.md", Line: 4, Msg: "question without an answer"}}},
			errors.New("content has problems"), []string{"failed", "still live", "faq.md:4", "and 6 more", "faqbot check"}},
	}
	for _, tt := range tests {
		got := reloadText(tt.rep, tt.err)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", tt.name, got, w)
			}
		}
	}
}
