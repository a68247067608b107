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
// when bold or italic ("**Q:**", "**Q**:").
var markerRE = regexp.MustCompile(`(?i)^(\*\*|__|\*|_)?(q|a|also)(\*\*|__|\*|_)?[ \t]*:(\*\*|__|\*|_)?[ \t]*`)

// marker returns which marker starts line ("" for none), the text after it,
// and the length of the marker.
func marker(line string) (kind, rest string, n int) {
	m := markerRE.FindStringSubmatch(line)
	if m == nil {
		return "", line, 0
	}
	rest = line[len(m[0]):]
	if m[1] != "" && m[3] == "" && m[4] == "" {
		// "**Q: How?**": the emphasis closes at the end of the line.
		rest = strings.TrimRight(rest, "*_ \t")
	}
	return strings.ToLower(m[2]), rest, len(m[0])
}

// questionID is the ID of an FAQ pair: the file and the question's slug.
// A question without letters or digits is numbered instead.
func questionID(rel, question string, ords ordinals) string {
	if s := Slug(question); strings.Trim(s, "-_") != "" {
		return rel + "#" + s
	}
	return rel + "#" + ords.next("q")
}
