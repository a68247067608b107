package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"faqbot/config"
)

// cli runs faqbot with args and environment, returning stdout, stderr and
// the error run returned. No .env is read unless env names one.
func cli(t *testing.T, env map[string]string, args ...string) (string, string, error) {
	t.Helper()
	vars := map[string]string{"ENV_FILE": filepath.Join(t.TempDir(), "absent.env"), "LOG_LEVEL": "warn"}
	for k, v := range env {
		vars[k] = v
	}
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), append([]string{"faqbot"}, args...), func(k string) string { return vars[k] }, strings.NewReader(""), &stdout, &stderr)
	return stdout.String(), stderr.String(), err
}

func TestAskBuiltInContent(t *testing.T) {
	out, _, err := cli(t, nil, "ask", "how do I reload the FAQ?")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"How do I reload the FAQ?", "/faq reload", "Source: https://", "faq.md#how-do-i-reload-the-faq", "Confidence:"} {
		if !strings.Contains(out, want) {
			t.Errorf("ask output lacks %q:\n%s", want, out)
		}
	}
}

func TestAskJSON(t *testing.T) {
	out, _, err := cli(t, nil, "ask", "-json", "can", "I", "ask", "privately?")
	if err != nil {
		t.Fatal(err)
	}
	var got answerJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if !got.Answered || got.Answer == nil || got.Answer.Kind != "faq" || got.Answer.URL == "" || got.Answer.Source == "" || got.Score <= 0 || got.Score > 1 {
		t.Errorf("unexpected answer: %+v", got)
	}
	out, _, err = cli(t, nil, "ask", "-json", "what is the boiling point of mercury")
	if err != nil {
		t.Fatal(err)
	}
	got = answerJSON{}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Answered || got.Answer != nil || got.Alternatives == nil {
		t.Errorf("out-of-scope question answered: %+v", got)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // on stderr or in the error
	}{
		{[]string{"ask"}, "ask needs a question"},
		{[]string{"ask", "   "}, "ask needs a question"},
		{[]string{"dance"}, "unknown command"},
		{[]string{"ask", "-nope", "x"}, "flag provided but not defined"},
		{[]string{"eval", "-content", "x"}, "eval needs -content and -queries"},
		{[]string{}, "usage: faqbot COMMAND"},
		// A path without -content used to be ignored: check said ok of
		// the built-in content.
		{[]string{"check", "content/"}, `check takes no arguments, got "content/" (name the content with -content content/)`},
		{[]string{"check", "-content", "data", "faq.md"}, `check takes no arguments, got "faq.md"`},
		{[]string{"export", "faq.md"}, `export takes no arguments, got "faq.md"`},
		{[]string{"index", "content"}, `index takes no arguments`},
		{[]string{"report", "-n", "5", "extra"}, `report takes no arguments, got "extra"`},
		{[]string{"serve", "now"}, `serve takes no arguments`},
		{[]string{"eval", "-suite", "eval/suite.json", "more"}, `eval takes no arguments`},
		{[]string{"export", "-format", "markdown"}, "export -format markdown needs -learned"},
	}
	for _, tt := range tests {
		stdout, stderr, err := cli(t, nil, tt.args...)
		if stdout != "" {
			t.Errorf("%v: printed %q before the usage error", tt.args, stdout)
		}
		if exitCode(err) != 2 {
			t.Errorf("%v: exit %d (err %v), want 2", tt.args, exitCode(err), err)
		}
		msg := stderr
		if err != nil {
			msg += err.Error()
		}
		if !strings.Contains(msg, tt.want) {
			t.Errorf("%v: %q lacks %q", tt.args, msg, tt.want)
		}
	}
	if _, stderr, err := cli(t, nil, "help"); err != nil || !strings.Contains(stderr, "serve") {
		t.Errorf("help: %v %q", err, stderr)
	}
}

func TestConfigErrorsNameTheVariable(t *testing.T) {
	_, _, err := cli(t, map[string]string{"MIN_CONFIDENCE": "very"}, "ask", "hello")
	if err == nil || !strings.Contains(err.Error(), "MIN_CONFIDENCE") || exitCode(err) != 1 {
		t.Errorf("err = %v", err)
	}
	dir := t.TempDir()
	env := filepath.Join(dir, ".env")
	if err := os.WriteFile(env, []byte("LOG_LEVEL=warn\nnot a line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err = cli(t, map[string]string{"ENV_FILE": env}, "ask", "hello")
	if err == nil || !strings.Contains(err.Error(), ".env:2") {
		t.Errorf("malformed .env: %v", err)
	}
}

// writeFiles writes files (path below dir: text) into dir, making the
// folders they stand in.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckReportsEveryBrokenFile(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"good.md":           "---\ntitle: Good\nkind: faq\n---\n\n## Is this fine?\n\nYes, it is.\n",
		"frontmatter.md":    "---\ntitle: [oops\n---\n\nText.\n",
		"unterminated.md":   "---\nkind: faq\n---\n\n## A question with no answer?\n",
		"lines.jsonl":       "{\"id\":\"a\",\"kind\":\"passage\",\"text\":\"fine\"}\n{not json\n",
		"faq.csv":           "question,answer\nWhere?,Here.\n",
		"notes/ignored.pdf": "binary",
	}
	writeFiles(t, dir, files)
	out, _, err := cli(t, nil, "check", "-content", dir)
	if exitCode(err) != 1 {
		t.Fatalf("check exit %d (err %v), want 1\n%s", exitCode(err), err, out)
	}
	for _, want := range []string{"frontmatter.md:2", "unterminated.md:5", "lines.jsonl:2", "faq.csv:1", "url", "ignored.pdf", "1 FAQ pairs, 1 article paragraphs"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if out, _, err := cli(t, nil, "check"); err != nil || !strings.HasSuffix(out, "ok\n") {
		t.Errorf("built-in content does not check clean: %v\n%s", err, out)
	}
}

// TestAskLogsNotesWithTheirLine: the log names the line of a note, as it
// does of a problem, so that an operator finds what it is about.
func TestAskLogsNotesWithTheirLine(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"tags/faq/firmware.ytag": "type: embed\nembed:\n    title: Updating the firmware\n---\nHold SHIFT while powering on.\n",
		"tags/faq/ghost.ytag":    "type: alias\n\ntarget: faq/wavetables\n",
	}
	writeFiles(t, dir, files)
	env := map[string]string{"INDEX_DIR": t.TempDir(), "LOG_LEVEL": "info"}
	for _, pass := range []string{"read", "reused"} { // the saved reading the second time
		out, stderr, err := cli(t, env, "ask", "-content", dir, "how do I update the firmware?")
		if err != nil || !strings.Contains(out, "Updating the firmware") {
			t.Fatalf("ask (%s): %v\n%s%s", pass, err, out, stderr)
		}
		if !strings.Contains(stderr, "at=tags/faq/ghost.ytag:3 ") {
			t.Errorf("the note is not logged with its line (%s):\n%s", pass, stderr)
		}
	}
}

// TestCheckNotesEntriesTooAlike: check asks every FAQ question and alias
// as written, and notes those another entry with the same words keeps
// from their own answer; notes do not fail the check.
func TestCheckNotesEntriesTooAlike(t *testing.T) {
	dir := t.TempDir()
	faq := "---\nkind: faq\n---\n\n## How do I change my name?\n\nOpen your profile and edit it.\n\n" +
		"## How can I change my name?\n\nAsk a moderator in #help.\n\n## Where is the map?\nAlso: map location\n\nPinned in #maps.\n"
	if err := os.WriteFile(filepath.Join(dir, "faq.md"), []byte(faq), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := cli(t, nil, "check", "-content", dir)
	if err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}
	for _, want := range []string{
		`note: faq.md:5: "How do I change my name?", asked as written, gets no confident answer`,
		`"How can I change my name?" (faq.md:9) uses the same words`,
		"note: 2 of 4 FAQ questions and aliases, asked as written, are not answered from their own entry",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "map") {
		t.Errorf("an entry of its own words is noted:\n%s", out)
	}
}

// TestCheckPassageLimit: MAX_PASSAGES reaches the content loader, and the
// limit is reported with its file and line.
func TestCheckPassageLimit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "faq.jsonl"), []byte(strings.Repeat(`{"text":"a"}`+"\n", 1)+`{"id":"b","text":"b"}`+"\n"+`{"id":"c","text":"c"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := cli(t, map[string]string{"MAX_PASSAGES": "2"}, "check", "-content", dir)
	if exitCode(err) != 1 || !strings.Contains(out, "faq.jsonl:3: the content has more than 2 passages (MAX_PASSAGES)") || err.Error() != "1 problem in content" {
		t.Errorf("check with MAX_PASSAGES=2: %v\n%s", err, out)
	}
}

func TestExportSeedArticle(t *testing.T) {
	seeds := "../shared/seeds"
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("needs %s (../shared beside the project): %v", seeds, err)
	}
	out, _, err := cli(t, nil, "export", "-content", seeds)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	var sections []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct{ Kind, Section, Text, Source string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad JSONL line %q: %v", line, err)
		}
		kinds[r.Kind]++
		if r.Kind == "passage" {
			sections = append(sections, r.Section)
		}
		if r.Source == "" || strings.Contains(r.Text, `">`) || strings.Contains(r.Text, "Table of Contents") {
			t.Errorf("bad record: %+v", r)
		}
	}
	if kinds["passage"] != 8 || kinds["faq"] != 6 {
		t.Errorf("kinds = %v, want 8 paragraphs and 6 FAQ pairs", kinds)
	}
	if len(sections) == 8 && (sections[3] == sections[4] || sections[4] != sections[7]) {
		t.Errorf("sections = %q: the last four paragraphs should share the subheading", sections)
	}
}

func TestIndexCommandReuses(t *testing.T) {
	env := map[string]string{"INDEX_DIR": t.TempDir(), "LOG_LEVEL": "info"}
	if _, _, err := cli(t, env, "index"); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := cli(t, env, "index")
	if err != nil || !strings.Contains(stderr, "reused=true") || !strings.Contains(out, "ready in") {
		t.Errorf("second index run did not reuse: %v\n%s%s", err, out, stderr)
	}
	if _, _, err := cli(t, nil, "index"); exitCode(err) != 2 {
		t.Errorf("index without INDEX_DIR: %v", err)
	}
}

// TestAskReusesSavedContent checks that ask with INDEX_DIR parses nothing
// when the content files are unchanged, and notices a file changed to the
// same size.
func TestAskReusesSavedContent(t *testing.T) {
	dir := t.TempDir()
	faq := filepath.Join(dir, "faq.md")
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(faq, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("# Library\n\n## How do I renew a book?\n\nAt the front desk, or online.\n")
	env := map[string]string{"INDEX_DIR": t.TempDir(), "CONTENT_DIR": dir, "LOG_LEVEL": "info"}
	ask := func() (string, string) {
		t.Helper()
		out, stderr, err := cli(t, env, "ask", "how do I renew a book?")
		if err != nil {
			t.Fatalf("ask: %v\n%s", err, stderr)
		}
		return out, stderr
	}
	if _, stderr := ask(); strings.Contains(stderr, "files=unchanged") {
		t.Errorf("first ask reused saved content:\n%s", stderr)
	}
	out, stderr := ask()
	if !strings.Contains(stderr, "files=unchanged") || !strings.Contains(out, "front desk") {
		t.Errorf("second ask did not reuse the saved content:\n%s%s", out, stderr)
	}
	write("# Library\n\n## How do I renew a book?\n\nAt the back desk, or online.\n")
	out, stderr = ask()
	if strings.Contains(stderr, "files=unchanged") || !strings.Contains(out, "back desk") {
		t.Errorf("a file changed to the same size was not noticed:\n%s%s", out, stderr)
	}
}

func TestEvalCommand(t *testing.T) {
	dir := "eval/testdata/community-faq"
	out, stderr, err := cli(t, nil, "eval", "-json", "-content", dir+"/corpus.jsonl", "-queries", dir+"/queries.jsonl", "-threshold", "0.7")
	if err != nil {
		t.Fatal(err, stderr)
	}
	var res struct {
		Threshold float64 `json:"threshold"`
		Sets      []struct {
			Name     string             `json:"name"`
			Report   map[string]float64 `json:"report"`
			Baseline map[string]float64 `json:"baseline_bm25"`
			Curve    []map[string]float64
		} `json:"sets"`
		Macro map[string]float64 `json:"macro_average"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if res.Threshold != 0.7 || len(res.Sets) != 1 || res.Sets[0].Name != "community-faq" {
		t.Fatalf("eval -json: %s", out)
	}
	rep := res.Sets[0].Report
	for _, k := range []string{"acc@1", "mrr@10", "recall@5", "answered_correct", "answered_wrong", "abstained", "selective_accuracy", "p50_ms", "p99_ms", "build_ms"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("eval report lacks %s", k)
		}
	}
	if rep["queries"] != 240 || rep["answered_correct"]+rep["answered_wrong"]+rep["abstained"] != rep["queries"] {
		t.Errorf("counts do not add up: %v", rep)
	}
	if res.Sets[0].Baseline["acc@1"] <= 0 || len(res.Sets[0].Curve) != 13 || res.Macro["acc@1"] != rep["acc@1"] {
		t.Errorf("baseline %v, curve of %d points, macro %v", res.Sets[0].Baseline, len(res.Sets[0].Curve), res.Macro)
	}

	// Several sets in one call, named on the command line: one row each, a
	// macro average, and the coverage and risk by threshold.
	set := "faq=" + dir + "/corpus.jsonl," + dir + "/queries.jsonl"
	out, stderr, err = cli(t, nil, "eval", "-set", set, "-set", "again="+dir+"/corpus.jsonl,"+dir+"/queries.jsonl")
	if err != nil {
		t.Fatal(err, stderr)
	}
	for _, want := range []string{"faq", "again", "macro average", "bm25 acc@1", "choose MIN_CONFIDENCE", "0.30", "0.90"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval output lacks %q:\n%s", want, out)
		}
	}
	if _, _, err := cli(t, nil, "eval", "-set", "nonsense"); exitCode(err) != 2 {
		t.Errorf("eval -set nonsense: %v, want a usage error", err)
	}
	if _, _, err := cli(t, nil, "eval", "-suite", "does-not-exist.json"); err == nil {
		t.Error("eval with a missing suite file succeeded")
	}
}

var updateEnvExample = flag.Bool("update-env-example", false, "rewrite .env.example from config.Vars")

// envExample renders .env.example: every variable, its meaning and default.
func envExample() string {
	var sb strings.Builder
	sb.WriteString("# faqbot configuration. Copy to .env and fill in what you need;\n")
	sb.WriteString("# variables set in the environment win over this file.\n")
	sb.WriteString("# Only DISCORD_TOKEN is needed to serve in Discord. Every other line shows\n")
	sb.WriteString("# the default; uncomment to change it. (ENV_FILE, read from the environment\n")
	sb.WriteString("# only, names another file to read instead of ./.env.)\n")
	for _, v := range config.Vars() {
		sb.WriteString("\n# " + v.Doc + "\n")
		if v.Name == "DISCORD_TOKEN" {
			sb.WriteString(v.Name + "=\n")
			continue
		}
		sb.WriteString("# " + v.Name + "=" + v.Default + "\n")
	}
	return sb.String()
}

func TestEnvExampleDocumentsEveryVariable(t *testing.T) {
	if *updateEnvExample {
		if err := os.WriteFile(".env.example", []byte(envExample()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	example, err := os.ReadFile(".env.example")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(example) != envExample() {
		t.Errorf(".env.example is out of date: go test -run TestEnvExample -update-env-example .")
	}
	for _, v := range config.Vars() {
		if !strings.Contains(string(readme), "`"+v.Name+"`") {
			t.Errorf("README does not document %s", v.Name)
		}
	}
	// The configuration table's defaults, where written as a value, are
	// the ones the bot uses.
	for _, line := range strings.Split(string(readme), "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) < 3 || !strings.HasPrefix(cells[0], "| `") {
			continue
		}
		name, def := strings.Trim(cells[0], "|` "), cells[1]
		for _, v := range config.Vars() {
			if v.Name == name && len(def) > 1 && def[0] == '`' && def[len(def)-1] == '`' && def[1:len(def)-1] != v.Default {
				t.Errorf("README gives %s the default %s; it is %q", name, def, v.Default)
			}
		}
	}
}

// TestAskBuiltInQuestions asks the built-in content what a new member asks
// first, in their own words: each is answered from its entry.
func TestAskBuiltInQuestions(t *testing.T) {
	tests := []struct{ question, want string }{
		{"how do I ask a question", "faq.md#how-do-i-ask-faqbot-a-question"},
		{"how do i reload", "faq.md#how-do-i-reload-the-faq"},
		{"can i ask privately", "faq.md#can-i-ask-a-question-privately"},
		{"who can reload", "faq.md#who-can-reload-the-content"},
		{"does the bot read all messages", "faq.md#does-faqbot-read-every-message"},
		{"why does the bot tell me to wait", "faq.md#why-does-the-bot-tell-me-to-wait"},
		{"which file formats can faqbot read?", "faq.md#which-file-formats-can-faqbot-read"},
	}
	for _, tt := range tests {
		out, _, err := cli(t, nil, "ask", "-json", tt.question)
		if err != nil {
			t.Fatal(err)
		}
		var got answerJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if !got.Answered || got.Answer == nil || got.Answer.ID != tt.want {
			t.Errorf("%q: answered %v with %+v (confidence %.2f), want %s", tt.question, got.Answered, got.Answer, got.Score, tt.want)
		}
	}
}

// TestAskBuiltInChitChat sends the built-in content one-word messages that
// are no question: a laugh, a test, a greeting. A word that some answer
// happens to use is no reason to answer.
func TestAskBuiltInChitChat(t *testing.T) {
	for _, said := range []string{"lol", "test", "anyone", "thanks", "hello"} {
		out, _, err := cli(t, nil, "ask", "-json", said)
		if err != nil {
			t.Fatal(err)
		}
		var got answerJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if got.Answered {
			t.Errorf("%q: answered with %+v (confidence %.2f)", said, got.Answer, got.Score)
		}
	}
}
