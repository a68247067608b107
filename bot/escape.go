package bot

import (
	"strings"
)

// inlineMarkup are the characters Discord's Markdown gives a meaning
// anywhere in a line: emphasis and underline (* _), strike-through (~),
// spoilers (|), code (`), masked links ([ ]), and the angle brackets of
// mentions, channels, roles, timestamps, emoji and links (<…>). The
// backslash escapes, so it is escaped too.
const inlineMarkup = "\\*_~|`[]<"

// escapeMarkdown makes text show in Discord exactly as written, for text
// the bot did not write: members' questions, and names and problems quoted
// from content files. Line breaks become spaces (so the text cannot start
// a line of its own), the markers that matter at the start of a line
// (headings, block quotes, lists, subtext) are escaped there, every inline
// markup character is escaped everywhere, and @everyone and @here are
// defused. What is left renders as plain text: "[Free Nitro](https://…)"
// shows as typed, not as a link named "Free Nitro".
func escapeMarkdown(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	if n := lineStartMarker(s); n > 0 {
		b.WriteString(s[:n-1])
		b.WriteByte('\\')
		b.WriteByte(s[n-1])
		s = s[n:]
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(inlineMarkup, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return defuse(b.String())
}

// lineStartMarker is the length of the Markdown marker s starts with when
// it would make a line a heading, a block quote, a list item or subtext
// ("#", ">", "-", "+", "12."), ending with the character to escape; 0 for
// none. ("*" is escaped as inline markup.)
func lineStartMarker(s string) int {
	if s == "" {
		return 0
	}
	switch s[0] {
	case '#', '>', '-', '+':
		return 1
	}
	i := 0
	for i < len(s) && i < 9 && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return i + 1
	}
	return 0
}
