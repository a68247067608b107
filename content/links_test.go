package content

import "testing"

func TestFileBaseURL(t *testing.T) {
	tests := []struct {
		name, own, base, rel, want string
	}{
		{"own url wins", "https://e.org/page", "https://kb.e.org", "a.md", "https://e.org/page"},
		{"base joined", "", "https://kb.e.org/docs", "guides/a.md", "https://kb.e.org/docs/guides/a.md"},
		{"one slash", "", "https://kb.e.org/docs/", "/a.md", "https://kb.e.org/docs/a.md"},
		{"escaped path", "", "https://kb.e.org", "my notes/a b.md", "https://kb.e.org/my%20notes/a%20b.md"},
		{"none", "", "", "a.md", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fileBaseURL(tt.own, tt.base, tt.rel); got != tt.want {
				t.Errorf("fileBaseURL(%q, %q, %q) = %q, want %q", tt.own, tt.base, tt.rel, got, tt.want)
			}
		})
	}
}

func TestAnchorURL(t *testing.T) {
	tests := []struct {
		base, anchor, want string
	}{
		{"https://e.org/a", "setup-1", "https://e.org/a#setup-1"},
		{"https://e.org/a#top", "setup", "https://e.org/a#top"},
		{"", "setup", ""},
		{"https://e.org/a", "", "https://e.org/a"},
	}
	for _, tt := range tests {
		if got := anchorURL(tt.base, tt.anchor); got != tt.want {
			t.Errorf("anchorURL(%q, %q) = %q, want %q", tt.base, tt.anchor, got, tt.want)
		}
	}
}

func TestFragmentURL(t *testing.T) {
	tests := []struct {
		name, base, text, want string
	}{
		{"spaces", "https://e.org/a", "Raids start at eight", "https://e.org/a#:~:text=Raids%20start%20at%20eight"},
		{"eight words", "https://e.org/a", "one two three four five six seven eight nine ten", "https://e.org/a#:~:text=one%20two%20three%20four%20five%20six%20seven%20eight"},
		{"reserved", "https://e.org/a", "drop-in, bring & share", "https://e.org/a#:~:text=drop%2Din%2C%20bring%20%26%20share"},
		{"unreserved kept", "https://e.org/a", "v1.2_beta~x", "https://e.org/a#:~:text=v1.2_beta~x"},
		{"utf-8", "https://e.org/a", "déjà “vu”", "https://e.org/a#:~:text=d%C3%A9j%C3%A0%20%E2%80%9Cvu%E2%80%9D"},
		{"whitespace collapsed", "https://e.org/a", "  a\n\tb  ", "https://e.org/a#:~:text=a%20b"},
		{"base has fragment", "https://e.org/a#faq", "anything", "https://e.org/a#faq"},
		{"no base", "", "anything", ""},
		{"no words", "https://e.org/a", "  ", "https://e.org/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fragmentURL(tt.base, tt.text); got != tt.want {
				t.Errorf("fragmentURL(%q, %q)\n got %q\nwant %q", tt.base, tt.text, got, tt.want)
			}
		})
	}
}
