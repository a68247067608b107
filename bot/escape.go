package bot

import (
	"strings"
	"unicode"
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
// shows as typed, not as a link named "Free Nitro". The bidirectional
// controls that turn the text after them around (see bidiControls) are
// dropped: an override a member typed into a question would otherwise
// run on into the rest of the line, the bot's own words ("— asked 2×")
// shown backwards. Runs of combining marks are cut to maxMarks (see
// tameMarks).
func escapeMarkdown(s string) string {
	s = strings.Join(strings.Fields(tameMarks(bidiControls.Replace(s))), " ")
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

// bidiControls drops the explicit bidirectional embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069), which reorder the text after
// them up to the end of the line. The marks (U+200E, U+200F, U+061C),
// which right-to-left text needs and which reorder nothing beyond
// themselves, stay.
var bidiControls = strings.NewReplacer(
	"\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "",
	"\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "",
)

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

// maxMarks is the most combining marks kept on one character: writing
// needs two or three (a vowel sign and a tone, say), while hundreds
// stacked on one letter ("zalgo" text) spill over the lines above and
// below it in a moderator's list.
const maxMarks = 3

// tameMarks drops the combining marks of s beyond maxMarks in a row.
func tameMarks(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	marks := 0
	for _, r := range s {
		if !unicode.Is(unicode.M, r) {
			marks = 0
		} else if marks++; marks > maxMarks {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
