package bot

import (
	"slices"
	"testing"
)

func TestShardPlan(t *testing.T) {
	tests := []struct {
		name                  string
		count, id, recommends int
		want                  []int
		total                 int
	}{
		{"auto, a small bot", 0, -1, 1, []int{0}, 1},
		{"auto, a big bot: every recommended shard here", 0, -1, 3, []int{0, 1, 2}, 3},
		{"auto when Discord could not be asked", 0, -1, 0, []int{0}, 1},
		{"auto ignores an id", 0, 2, 3, []int{0, 1, 2}, 3},
		{"a count, all of it", 4, -1, 1, []int{0, 1, 2, 3}, 4},
		{"one shard of a count", 4, 2, 9, []int{2}, 4},
		{"shard 0 of one", 1, 0, 5, []int{0}, 1},
	}
	for _, tt := range tests {
		ids, total := shardPlan(tt.count, tt.id, tt.recommends)
		if !slices.Equal(ids, tt.want) || total != tt.total {
			t.Errorf("%s: shards %v of %d, want %v of %d", tt.name, ids, total, tt.want, tt.total)
		}
	}
}
