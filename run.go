package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

	"faqbot/config"
	"faqbot/index"
)

// command is one subcommand: a name, a one-line summary, and what it runs.
type command struct {
	summary string
	run     func(ctx context.Context, a *app, args []string) error
}

// commands is the table of subcommands; each lives in its own file.
var commands = map[string]command{
	"ask":    {"answer a question from the content: faqbot ask [-json] QUESTION...", runAsk},
	"check":  {"validate content files and list every problem with file:line", runCheck},
	"export": {"print the parsed passages as JSON Lines (-learned: the accepted learned phrasings)", runExport},
	"fetch":  {"save websites' pages into the content: faqbot fetch [-out DIR] [-depth N] [-max N] URL...", runFetch},
	"eval":   {"measure answer quality: faqbot eval -content CORPUS -queries QUERIES [-learn VAL] [-json]", runEval},
	"index":  {"build the search index in INDEX_DIR ahead of time", runIndex},
	"serve":  {"answer questions in Discord (needs DISCORD_TOKEN)", runServe},
	"report": {"list frequent unanswered questions and disliked passages (-learned: learned phrasings)", runReport},
}

// app is what every subcommand gets: the process's streams and environment,
// and the configuration, read once.
type app struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	cfg    config.Config
	log    *slog.Logger
}

// exitError carries an exit code; msg "" means the command already said
// what went wrong.
type exitError struct {
	code int
	msg  string
}

// Error is the message to print, "" when there is none.
func (e *exitError) Error() string { return e.msg }

// usageError is a mistake in the command line (exit code 2).
func usageError(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

func exitCode(err error) int {
	var e *exitError
	if errors.As(err, &e) {
		return e.code
	}
	return 1
}

// run is faqbot: it reads the configuration, picks the subcommand and runs
// it. main only calls run; tests call it directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) < 2 || args[1] == "-h" || args[1] == "-help" || args[1] == "--help" || args[1] == "help" {
		usage(stderr)
		if len(args) < 2 {
			return &exitError{code: 2}
		}
		return nil
	}
	name := args[1]
	cmd, ok := commands[name]
	if !ok {
		usage(stderr)
		return usageError("unknown command %q", name)
	}
	envFile := getenv("ENV_FILE")
	if envFile == "" {
		envFile = ".env"
	}
	lookup, err := config.Lookup(getenv, envFile)
	if err != nil {
		return err
	}
	cfg, err := config.Load(lookup)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	out := &output{w: stdout}
	a := &app{getenv: getenv, stdin: stdin, stdout: out, stderr: stderr, cfg: cfg}
	a.log = newLogger(stderr, cfg)
	return out.check(cmd.run(ctx, a, args[2:]))
}

func newLogger(w io.Writer, cfg config.Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: faqbot COMMAND [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-7s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'faqbot COMMAND -h' for a command's flags. Configuration: environment or .env (see .env.example).")
}

// policy is the answer policy every command applies to search results.
func (a *app) policy() index.Policy {
	return index.Policy{MinConfidence: a.cfg.MinConfidence}
}

// flags makes a flag set for a subcommand that reports errors (and -h) on
// stderr instead of exiting.
func (a *app) flags(name, argsUsage string) *flag.FlagSet {
	fs := flag.NewFlagSet("faqbot "+name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	fs.Usage = func() {
		fmt.Fprintf(a.stderr, "usage: faqbot %s [flags] %s\n\nflags:\n", name, argsUsage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags; a bad flag is a usage error (exit 2), -h is not an
// error.
func parse(fs *flag.FlagSet, args []string) error {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return &exitError{code: 0}
	case err != nil:
		return &exitError{code: 2}
	}
	return nil
}

// contentFlag adds the -content flag every content command takes.
func (a *app) contentFlag(fs *flag.FlagSet) *string {
	return fs.String("content", a.cfg.ContentDir, "content file or directory (default: CONTENT_DIR, else the built-in content)")
}

// parseNoArgs parses the flags of a command that takes no arguments. An
// argument left over is a usage error: "faqbot check content/" would
// otherwise check the built-in content and say ok.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return nil
	}
	msg := fmt.Sprintf("%s takes no arguments, got %q", strings.TrimPrefix(fs.Name(), "faqbot "), fs.Arg(0))
	named := false // -content given
	fs.Visit(func(f *flag.Flag) { named = named || f.Name == "content" })
	if fs.Lookup("content") != nil && !named {
		msg += fmt.Sprintf(" (name the content with -content %s)", fs.Arg(0))
	}
	return usageError("%s", msg)
}
