package main

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"faqbot/content"
	"faqbot/feedback"
)

// seedLearned writes into dataDir: a pending phrasing of the raid FAQ with
// two members, an accepted one, and an accepted one whose passage is gone.
func seedLearned(t *testing.T, dataDir string) {
	t.Helper()
	ctx := context.Background()
	c, err := content.LoadPath(ctx, "testdata/serve", content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	raid := ""
	for _, p := range c.Passages {
		if p.Question == "When is raid night?" {
			raid = p.ID
		}
	}
	s, err := feedback.Open(dataDir, "test", 24*time.Hour, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	choose := func(q, id string, members ...string) feedback.Phrasing {
		t.Helper()
		var ph feedback.Phrasing
		for _, m := range members {
			if ph, err = s.RecordChoice(ctx, q, id, feedback.VoterKey(s.Salt(), m)); err != nil {
				t.Fatal(err)
			}
		}
		return ph
	}
	choose("which evening do we raid", raid, "1", "2")
	for _, ph := range []feedback.Phrasing{choose("raid o clock", raid, "3"), choose("old question", "gone.md#old", "4")} {
		if _, err := s.Decide(ctx, ph.ID, true, "moderator"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReportAndExportLearned(t *testing.T) {
	data := t.TempDir()
	seedLearned(t, data)
	env := map[string]string{"DATA_DIR": data, "CONTENT_DIR": "testdata/serve"}
	out, stderr, err := cli(t, env, "report", "-learned")
	if err != nil {
		t.Fatal(err, stderr)
	}
	for _, want := range []string{
		"waiting for a decision", "When is raid night?", "2× which evening do we raid",
		"Accepted phrasings", "raid o clock  (accepted by a moderator",
		"Orphaned accepted phrasings", "gone.md#old: old question",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report -learned lacks %q:\n%s", want, out)
		}
	}

	out, stderr, err = cli(t, env, "export", "-learned", "-format", "markdown")
	if err != nil {
		t.Fatal(err, stderr)
	}
	if !strings.Contains(out, "### When is raid night?\nAlso: raid o clock\n") || !strings.Contains(out, "gone.md#old: old question") || strings.Contains(out, "which evening") {
		t.Errorf("export -learned -format markdown:\n%s", out)
	}
	out, stderr, err = cli(t, env, "export", "-learned")
	if err != nil {
		t.Fatal(err, stderr)
	}
	var line struct {
		ID      string   `json:"id"`
		Aliases []string `json:"aliases"`
	}
	if err := json.Unmarshal([]byte(strings.SplitN(out, "\n", 2)[0]), &line); err != nil || len(line.Aliases) != 1 || line.Aliases[0] != "raid o clock" {
		t.Errorf("export -learned: %s (%v)", out, err)
	}
	if _, _, err := cli(t, env, "export", "-learned", "-format", "yaml"); exitCode(err) != 2 {
		t.Errorf("export -format yaml: %v", err)
	}
	if _, _, err := cli(t, map[string]string{}, "report", "-learned"); exitCode(err) != 2 {
		t.Errorf("report -learned without DATA_DIR: %v", err)
	}
}

// TestReportWithoutStore: report and export -learned on a DATA_DIR that
// holds no store (mistyped, or not the bot's volume) say so, and create
// nothing there; they listed an empty store they had just made.
func TestReportWithoutStore(t *testing.T) {
	for _, args := range [][]string{{"report"}, {"report", "-learned"}, {"export", "-learned"}} {
		data := filepath.Join(t.TempDir(), "dat")
		out, _, err := cli(t, map[string]string{"DATA_DIR": data}, args...)
		if exitCode(err) != 1 || err == nil || !strings.Contains(err.Error(), "DATA_DIR "+data+" holds no feedback.db") || out != "" {
			t.Errorf("%v: %v, printed %q", args, err, out)
		}
		if _, err := os.Stat(data); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%v made %s (%v)", args, data, err)
		}
	}
}

func TestEvalLearn(t *testing.T) {
	dir := "eval/testdata/community-faq"
	out, stderr, err := cli(t, nil, "eval", "-content", dir+"/corpus.jsonl", "-queries", dir+"/queries.jsonl", "-learn", dir+"/queries.jsonl")
	if err != nil {
		t.Fatal(err, stderr)
	}
	for _, want := range []string{"before learning:", "learning: 240 members asked", "after learning:", "community-faq"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval -learn lacks %q:\n%s", want, out)
		}
	}
	if _, _, err := cli(t, nil, "eval", "-suite", "eval/suite.json", "-learn", dir+"/queries.jsonl"); exitCode(err) != 2 {
		t.Errorf("eval -learn with a suite: %v", err)
	}
}
