package main

import "context"

func runServe(ctx context.Context, a *app, args []string) error {
	return usageError("serve: not built yet")
}
