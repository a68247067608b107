package bot

import (
	"net/url"
	"strings"

	"golang.org/x/net/idna"
)

// maxEmbedURL is the longest link Discord takes in an embed.
const maxEmbedURL = 2048

// urlUnsafe are the ASCII characters a URL cannot hold as they are, besides
// spaces and control characters.
const urlUnsafe = "\"<>\\^`{|}"

// embedURL is raw as Discord takes it for an embed's link, or "" when it
// cannot be one: an http(s) link with a host, well formed, and at most
// maxEmbedURL long. Discord refuses the whole message (the answer with it)
// over a link it finds malformed, and content files write links as people
// type them ("url: https://example.org/our rules"), so what a URL cannot
// hold is percent-encoded, as a browser does: spaces and other characters
// in the path, query and fragment, and a host in another script in its
// ASCII (punycode) form.
func embedURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return ""
	}
	host, port := u.Hostname(), u.Port()
	if !ascii(host) {
		if host, err = idna.ToASCII(host); err != nil {
			return ""
		}
	}
	if !hostName(host) || strings.Trim(port, "0123456789") != "" {
		return ""
	}
	u.Host = host
	if strings.Contains(host, ":") {
		u.Host = "[" + host + "]" // an IPv6 address
	}
	if port != "" {
		u.Host += ":" + port
	}
	// String encodes the path and fragment; it keeps the query as written.
	u.RawQuery = escapeUnsafe(u.RawQuery)
	s := u.String()
	if len(s) > maxEmbedURL {
		return ""
	}
	return s
}

// escapeUnsafe percent-encodes the bytes of s that a URL cannot hold as
// they are: spaces, control characters, urlUnsafe and non-ASCII bytes.
func escapeUnsafe(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(urlUnsafe, c) >= 0 {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// hostName reports whether s can name a host in a link: a domain name or
// an IP address (url.Parse lets others through, quotes say).
func hostName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == ':':
		default:
			return false
		}
	}
	return true
}

// ascii reports whether s is all ASCII.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
