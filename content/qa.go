package content

import (
	"regexp"
	"strings"
)

// Markers that open lines of question-and-answer text.
const (
	markQ    = "q"    // "Q: How do I ...?"
	markA    = "a"    // "A: You ..."
	markAlso = "also" // "Also: other phrasing of the question"
)

// markerRE matches a Q:, A: or Also: marker at the start of a line, also
// when bold or italic ("**Q:**", "**Q**:"), and Q. and A. (see
// periodMarker).
var markerRE = regexp.MustCompile(`(?i)^(\*\*|__|\*|_)?(q|a|also)(\*\*|__|\*|_)?[ \t]*([:.])(\*\*|__|\*|_)?[ \t]*`)

// marker returns which marker starts line ("" for none), the text after it,
// and the length of the marker.
func marker(line string) (kind, rest string, n int) {
	m := markerRE.FindStringSubmatch(line)
	if m == nil {
		return "", line, 0
	}
	if m[4] == "." && !periodMarker(m, line) {
		return "", line, 0
	}
	m = append(m[:4], m[5:]...)
	rest = line[len(m[0]):]
	if m[1] != "" && m[3] == "" && m[4] == "" {
		// "**Q: How?**": the emphasis closes at the end of the line.
		rest = strings.TrimRight(rest, "*_ \t")
	}
	return strings.ToLower(m[2]), rest, len(m[0])
}

// periodMarker reports whether a match of markerRE whose marker ends in a
// period ("Q. How …?", "A. Yes") is one: a space or emphasis follows the
// period, and a Q. line asks; "A.I. helpers", "Q. Smith won" and "Also."
// are no markers.
func periodMarker(m []string, line string) bool {
	followed := m[5] != "" || strings.HasSuffix(m[0], " ") || strings.HasSuffix(m[0], "\t") || len(m[0]) == len(line)
	switch strings.ToLower(m[2]) {
	case markQ:
		return followed && strings.Contains(line, "?")
	case markA:
		return followed
	}
	return false
}

// questionID is the ID of an FAQ pair: the file and the question's slug.
// A question without letters or digits is numbered instead.
func questionID(rel, question string, ords ordinals) string {
	if s := Slug(question); strings.Trim(s, "-_") != "" {
		return rel + "#" + s
	}
	return rel + "#" + ords.next("q")
}
