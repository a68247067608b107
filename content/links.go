package content

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// fragmentWords is how many words of a paragraph a text-fragment link quotes:
// enough to be unique in an article, short enough to survive small edits.
const fragmentWords = 8

// fileBaseURL is the link of a whole file: its own url when it declares one,
// else Options.BaseURL joined with the file's path relative to the content
// root, else "" (no link).
func fileBaseURL(own, base, rel string) string {
	if own = strings.TrimSpace(own); own != "" {
		return own
	}
	if base = strings.TrimSpace(base); base == "" {
		return ""
	}
	segs := strings.Split(strings.TrimLeft(rel, "/"), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.TrimRight(base, "/") + "/" + strings.Join(segs, "/")
}

// anchorURL links to a heading anchor of the page at base. A base that
// already names a fragment is kept as it is: a URL has only one.
func anchorURL(base, anchor string) string {
	if base == "" || anchor == "" || strings.Contains(base, "#") {
		return base
	}
	return base + "#" + url.PathEscape(anchor)
}

// fragmentURL deep-links to the text that starts with the first words of
// plain, using a URL text fragment (#:~:text=...), for places that have no
// heading anchor: browsers scroll to and highlight the quoted words.
func fragmentURL(base, plain string) string {
	words := firstWords(plain, fragmentWords)
	if base == "" || words == "" || strings.Contains(base, "#") {
		return base
	}
	return base + "#:~:text=" + encodeFragment(words)
}

// maxFragmentSource is how much of a paragraph's Markdown is read for the
// first words a fragment link quotes: plenty for fragmentWords words, and
// little enough that the Markdown parser stays fast whatever the text.
const maxFragmentSource = 1000

// fragmentSource is the start of md that holds its first words: md cut at
// the last white space before maxFragmentSource bytes.
func fragmentSource(md string) string {
	if len(md) <= maxFragmentSource {
		return md
	}
	cut := strings.LastIndexAny(md[:maxFragmentSource], " \t\n")
	if cut <= 0 {
		cut = maxFragmentSource
		for cut > 0 && !utf8.RuneStart(md[cut]) {
			cut--
		}
	}
	return md[:cut]
}

// firstWords returns up to n whitespace-separated words of s, joined by
// single spaces.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// encodeFragment percent-encodes s for a text directive: every byte outside
// the unreserved characters is encoded, and so is '-', which text directives
// reserve as their prefix/suffix separator (',' and '&' likewise).
func encodeFragment(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '.', c == '_', c == '~':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
