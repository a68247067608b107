package main

import (
	"testing"

	"faqbot/pgstore"
)

func TestDecideFollow(t *testing.T) {
	const self = "host:1"
	tests := []struct {
		name    string
		n       pgstore.Notice
		serving string
		want    followAction
	}{
		{"its own reload", pgstore.Notice{Kind: pgstore.NoticeReload, Fingerprint: "new", From: self}, "old", followIgnore},
		{"another's reload of content it serves", pgstore.Notice{Kind: pgstore.NoticeReload, Fingerprint: "same", From: "host:2"}, "same", followIgnore},
		{"another's reload", pgstore.Notice{Kind: pgstore.NoticeReload, Fingerprint: "new", From: "host:2"}, "old", followReload},
		{"another's accepted phrasing", pgstore.Notice{Kind: pgstore.NoticeLearned, Fingerprint: "new", From: "host:2"}, "old", followRelearn},
		{"without a fingerprint", pgstore.Notice{Kind: pgstore.NoticeLearned, From: "host:2"}, "", followRelearn},
		{"an unknown kind", pgstore.Notice{Kind: "restart", Fingerprint: "new", From: "host:2"}, "old", followIgnore},
	}
	for _, tt := range tests {
		if got := decideFollow(tt.n, self, tt.serving); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}
