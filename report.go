package main

import "context"

func runReport(ctx context.Context, a *app, args []string) error {
	return usageError("report: not built yet")
}
