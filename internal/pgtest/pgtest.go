// Package pgtest gives tests a PostgreSQL database of their own on the
// server that FAQBOT_TEST_DATABASE_URL names (.ci/run starts one on a
// loopback port), and skips them with a message where there is none.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvURL names the environment variable with the test server's URL, of a
// role that may create databases.
const EnvURL = "FAQBOT_TEST_DATABASE_URL"

// Database creates an empty database for t and returns its URL; the
// database is dropped when t ends. Each test gets its own, so that tests
// run in parallel without seeing each other's rows or notifications.
// Without a server, t is skipped.
func Database(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvURL)
	if admin == "" {
		t.Skipf("no PostgreSQL server for this test: set %s to a postgres:// URL of a role that may create databases (.ci/run starts one)", EnvURL)
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("%s is not a URL", EnvURL)
	}
	raw := make([]byte, 6)
	_, _ = rand.Read(raw)
	name := "faqbot_test_" + hex.EncodeToString(raw)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("connect to the test server (%s): %v", EnvURL, err)
	}
	defer func() { _ = conn.Close(context.Background()) }()
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
			return
		}
		defer func() { _ = conn.Close(context.Background()) }()
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}
