package content

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Invisible reports whether r is a character that shows nothing and means
// nothing to a search: zero-width space, zero-width non-joiner and joiner,
// word joiner, zero-width no-break space (BOM) and soft hyphen. Content
// and questions both drop them, so that "re\u200bload" still matches
// "reload".
func Invisible(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return true
	}
	return false
}

// isControl reports characters that are not text: C0 and C1 controls and
// DEL, except newline and tab.
func isControl(r rune) bool {
	return r != '\n' && r != '\t' && unicode.IsControl(r)
}

// cleanText removes control characters (keeping newlines and tabs) and
// invisible ones from s; a zero-width joiner between two symbols is kept,
// because it glues emoji sequences such as 👩‍💻. controls reports whether
// there were control characters, which are worth telling a moderator about
// (invisible ones are not).
func cleanText(s string) (out string, controls bool) {
	i := strings.IndexFunc(s, func(r rune) bool { return isControl(r) || Invisible(r) })
	if i < 0 {
		return s, false
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case isControl(r):
			controls = true
			continue
		case r == '\u200D':
			next, _ := utf8.DecodeRuneInString(s[i:])
			if !wordRune(prev) && !wordRune(next) && prev != utf8.RuneError && next != utf8.RuneError {
				break // keep: it joins two symbols
			}
			continue
		case Invisible(r):
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String(), controls
}

// wordRune is a letter or digit (where a joiner is noise).
func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// cleanPassage applies cleanText to every text of a passage; changed says
// whether anything was removed, controls whether control characters were.
func cleanPassage(p Passage) (_ Passage, changed, controls bool) {
	fields := []*string{&p.Title, &p.Section, &p.Question, &p.Text}
	var aliases []string
	for i := range p.Aliases {
		if a, c := cleanText(p.Aliases[i]); a != p.Aliases[i] {
			if aliases == nil {
				aliases = append([]string(nil), p.Aliases...)
			}
			aliases[i], controls = a, controls || c
		}
	}
	if aliases != nil {
		p.Aliases, changed = slices.DeleteFunc(aliases, func(a string) bool { return strings.TrimSpace(a) == "" }), true
	}
	for _, f := range fields {
		if s, c := cleanText(*f); s != *f {
			*f, changed, controls = s, true, controls || c
		}
	}
	return p, changed, controls
}
