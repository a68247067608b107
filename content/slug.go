package content

import (
	"strconv"
	"strings"
	"unicode"
)

// Slug turns a heading into the anchor GitHub gives it: lowercase, letters,
// digits, '-' and '_' kept, other punctuation and symbols dropped, each space
// turned into '-'. Repeated headings within one file are told apart by the
// caller ("x", "x-1", "x-2"), as GitHub does.
func Slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(strings.ToLower(heading)) {
		switch {
		case r == '-' || r == '_':
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteByte('-')
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// anchors hands out the anchors of one file's headings, de-duplicated the way
// GitHub does it (github-slugger): the second "Setup" becomes "setup-1", and
// a later heading literally named "Setup 1" then becomes "setup-1-1".
type anchors struct {
	seen map[string]int
}

// add returns the anchor of the next heading with the given text.
func (a *anchors) add(heading string) string {
	if a.seen == nil {
		a.seen = make(map[string]int)
	}
	slug := Slug(heading)
	result := slug
	for {
		if _, taken := a.seen[result]; !taken {
			break
		}
		a.seen[slug]++
		result = slug + "-" + strconv.Itoa(a.seen[slug])
	}
	a.seen[result] = 0
	return result
}
