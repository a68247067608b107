package metrics

import "testing"

func TestLabelledGet(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		known []string
		want  string
	}{
		{"known source", SourceSlash, sources, SourceSlash},
		{"last known source", SourceAutocomplete, sources, SourceAutocomplete},
		{"unknown source", "webhook", sources, Other},
		{"empty", "", sources, Other},
		{"case differs", "Slash", sources, Other},
		{"known event", EventMessage, events, EventMessage},
		{"unknown event", "GUILD_CREATE", events, Other},
		{"known kind", KindFAQ, kinds, KindFAQ},
		{"unknown kind", "faqs", kinds, Other},
		{"known scope", ScopeChannel, scopes, ScopeChannel},
		{"unknown scope", "guild", scopes, Other},
		{"other stays other", Other, scopes, Other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLabelled(tt.known, func(v string) string { return v })
			if len(l) != len(tt.known)+1 {
				t.Fatalf("newLabelled made %d children, want %d", len(l), len(tt.known)+1)
			}
			if got := l.get(tt.in); got != tt.want {
				t.Errorf("get(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
