package config

import (
	"strings"
	"testing"
)

const testKey = "e1a1c3c5a7e9f1b3d5c7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1"

func TestLoadRoles(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		gateway bool
		count   int
		id      int
		db      string
	}{
		{"defaults: one process on the gateway, Discord's shard count", nil, true, 0, -1, ""},
		{"an interactions replica", map[string]string{"INTERACTIONS_ADDR": "0.0.0.0:8080", "DISCORD_PUBLIC_KEY": testKey, "GATEWAY": "false",
			"DATABASE_URL": "postgres://faqbot:pw@db:5432/faqbot"}, false, 0, -1, "faqbot@db:5432/faqbot"},
		{"one shard of four", map[string]string{"SHARD_COUNT": "4", "SHARD_ID": "3"}, true, 4, 3, ""},
		{"all of two shards", map[string]string{"SHARD_COUNT": "2", "SHARD_ID": "all"}, true, 2, -1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(lookupMap(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.Gateway != tt.gateway || c.ShardCount != tt.count || c.ShardID != tt.id || c.DatabaseName() != tt.db {
				t.Errorf("gateway %v, shards %d/%d, database %q; want %v, %d/%d, %q", c.Gateway, c.ShardID, c.ShardCount, c.DatabaseName(), tt.gateway, tt.id, tt.count, tt.db)
			}
			if c.InteractionsAddr != "" && len(c.PublicKey) != 32 {
				t.Errorf("public key %x", c.PublicKey)
			}
		})
	}
}

// TestDatabaseURLNotShown: a DATABASE_URL that is refused is not echoed:
// it holds a password.
func TestDatabaseURLNotShown(t *testing.T) {
	const password = "hunter2-secret"
	for _, v := range []string{"mysql://u:" + password + "@h/db", "postgres://u:" + password + "@h:99999999999/db\x7f"} {
		_, err := Load(lookupMap(map[string]string{"DATABASE_URL": v}))
		if err == nil || !strings.Contains(err.Error(), "DATABASE_URL") || strings.Contains(err.Error(), password) {
			t.Errorf("DATABASE_URL %q: error %v", v, err)
		}
	}
}
