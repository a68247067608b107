package bot

import (
	"net/url"
	"strings"
	"testing"
)

func TestEmbedURL(t *testing.T) {
	long := "https://example.org/" + strings.Repeat("a", maxEmbedURL)
	tests := []struct {
		name, raw, want string
	}{
		{"plain", "https://guild.example/faq#when-is-raid-night", "https://guild.example/faq#when-is-raid-night"},
		{"http", "http://guild.example/faq", "http://guild.example/faq"},
		{"upper-case scheme", "HTTPS://EXAMPLE.ORG", "https://EXAMPLE.ORG"},
		{"surrounding spaces", "  https://example.org/x\n", "https://example.org/x"},
		{"parentheses kept", "https://en.wikipedia.org/wiki/Koala_(animal)", "https://en.wikipedia.org/wiki/Koala_(animal)"},
		{"encoded kept", "https://example.org/our%20rules", "https://example.org/our%20rules"},
		{"text fragment kept", "https://example.org/p#:~:text=raid%20night%2C%20Thursday", "https://example.org/p#:~:text=raid%20night%2C%20Thursday"},
		{"space in path", "https://example.org/our rules", "https://example.org/our%20rules"},
		{"space and parentheses", "https://example.org/a b (c)/d", "https://example.org/a%20b%20%28c%29/d"},
		{"space in query", "https://example.org/search?q=raid night&x=<1>", "https://example.org/search?q=raid%20night&x=%3C1%3E"},
		{"space in fragment", "https://example.org/guide#our rules", "https://example.org/guide#our%20rules"},
		{"accented path and query", "https://example.org/café?q=thé", "https://example.org/caf%C3%A9?q=th%C3%A9"},
		{"host in another script", "https://bücher.example/faq", "https://xn--bcher-kva.example/faq"},
		{"host in another script with a port", "https://bücher.example:8443/faq", "https://xn--bcher-kva.example:8443/faq"},
		{"IPv6 address", "http://[::1]:8080/faq", "http://[::1]:8080/faq"},
		{"quote for a host", "http://\"", ""},
		{"quote in the host", "https://exa\"mple.org/", ""},
		{"javascript", "javascript:alert(1)", ""},
		{"file", "file:///etc/passwd", ""},
		{"data", "data:text/html,<script>alert(1)</script>", ""},
		{"ftp", "ftp://files.example.org/a", ""},
		{"no host", "https:example.org", ""},
		{"relative", "//example.org/x", ""},
		{"path only", "/faq.md", ""},
		{"space in host", "https://exa mple.org/", ""},
		{"bad escape", "https://example.org/%zz", ""},
		{"control character", "https://example.org/a\tb", ""},
		{"too long", long, ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		got := embedURL(tt.raw)
		if got != tt.want {
			t.Errorf("%s: embedURL(%q) = %q, want %q", tt.name, tt.raw, got, tt.want)
		}
		if got != "" {
			wellFormed(t, got)
		}
	}
}

// wellFormed fails unless u is a link Discord takes in an embed: http(s)
// with a host, nothing in it that a URL must encode, and read back the
// same.
func wellFormed(t *testing.T, u string) {
	t.Helper()
	for i := 0; i < len(u); i++ {
		if c := u[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(urlUnsafe, c) >= 0 {
			t.Errorf("embed link %q holds %q", u, c)
			return
		}
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.String() != u || len(u) > maxEmbedURL {
		t.Errorf("embed link %q is not a well-formed web link (%v)", u, err)
	}
}
