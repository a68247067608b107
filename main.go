// Command faqbot answers members' questions in Discord from a community's
// own FAQ and articles. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
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
