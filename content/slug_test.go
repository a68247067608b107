package content

import "testing"

func TestSlug(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Getting Started", "getting-started"},
		{"  Trimmed  ", "trimmed"},
		{"What's new in 2.0?", "whats-new-in-20"},
		{"snake_case and kebab-case", "snake_case-and-kebab-case"},
		{"Two  spaces", "two--spaces"},
		{"C++ & Go!", "c--go"},
		{"Déjà vu", "déjà-vu"},
		{"🎉 Party time", "-party-time"},
		{"`/link` command", "link-command"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnchorsDeduplicate(t *testing.T) {
	tests := []struct {
		name     string
		headings []string
		want     []string
	}{
		{"unique", []string{"A", "B"}, []string{"a", "b"}},
		{"repeats", []string{"Setup", "Setup", "Setup"}, []string{"setup", "setup-1", "setup-2"}},
		{"literal suffix first", []string{"Setup 1", "Setup", "Setup"}, []string{"setup-1", "setup", "setup-2"}},
		{"literal suffix later", []string{"Setup", "Setup", "Setup 1"}, []string{"setup", "setup-1", "setup-1-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a anchors
			for i, h := range tt.headings {
				if got := a.add(h); got != tt.want[i] {
					t.Errorf("heading %d %q: anchor %q, want %q", i, h, got, tt.want[i])
				}
			}
		})
	}
}
