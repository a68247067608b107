// Command faqbot answers members' questions in Discord from a community's
// own FAQ and articles. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"faqbot/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	limitMemory(os.Args, os.Getenv)
	err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		var exit *exitError
		if !errors.As(err, &exit) || exit.msg != "" {
			fmt.Fprintln(os.Stderr, "faqbot:", err)
		}
		os.Exit(exitCode(err))
	}
}

// limitMemory sets the soft memory limit of this process for its command
// (see memoryLimit), unless GOMEMLIMIT sets one. It is a setting of the
// whole process, so it is made here rather than in run, which tests call.
// A configuration that does not load is left to run to report.
func limitMemory(args []string, getenv func(string) string) {
	if len(args) < 2 || getenv("GOMEMLIMIT") != "" {
		return
	}
	envFile := getenv("ENV_FILE")
	if envFile == "" {
		envFile = ".env"
	}
	lookup, err := config.Lookup(getenv, envFile)
	if err != nil {
		return
	}
	cfg, err := config.Load(lookup)
	if err != nil {
		return
	}
	if limit := memoryLimit(args[1], cfg); limit < math.MaxInt64 {
		debug.SetMemoryLimit(limit)
	}
}
