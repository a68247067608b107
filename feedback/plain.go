package feedback

import (
	"fmt"
	"strings"
)

// notPlain are what a learned phrasing must not hold, with the reason:
// mentions of members, roles, channels and everyone, links, and Markdown
// (a phrasing becomes content that moderators read and export, and it
// must stay the words a member typed, nothing that could come alive).
var notPlain = []struct{ s, why string }{
	{"<@", "a mention"}, {"<#", "a channel mention"}, {"<:", "a custom emoji"}, {"<a:", "a custom emoji"},
	{"@everyone", "a mass mention"}, {"@here", "a mass mention"},
	{"://", "a link"}, {"www.", "a link"}, {"discord.gg/", "an invite"},
	{"*", "Markdown"}, {"_", "Markdown"}, {"~", "Markdown"}, {"|", "Markdown"}, {"`", "Markdown"},
	{"[", "Markdown"}, {"]", "Markdown"}, {"<", "Markdown"}, {">", "Markdown"}, {"\\", "Markdown"}, {"#", "Markdown"},
}

// Plain is question as a learned phrasing: normalised (see
// RecordUnanswered), and refused with ErrNotPlain when it is empty, longer
// than maxRunes characters, or holds a mention, a link or Markdown.
func Plain(question string, maxRunes int) (string, error) {
	if tooLong(question, 4*maxRunes) { // cheap bound before normalising
		return "", fmt.Errorf("%w: longer than %d characters", ErrNotPlain, maxRunes)
	}
	q := strings.TrimSpace(strings.Join(strings.Fields(question), " "))
	if tooLong(q, maxRunes) {
		return "", fmt.Errorf("%w: longer than %d characters", ErrNotPlain, maxRunes)
	}
	q = normaliseQuestion(q)
	if groupKey(q) == "" {
		return "", fmt.Errorf("%w: %w", ErrNotPlain, ErrEmptyQuestion)
	}
	low := strings.ToLower(q)
	for _, n := range notPlain {
		if strings.Contains(low, n.s) {
			return "", fmt.Errorf("%w: holds %s", ErrNotPlain, n.why)
		}
	}
	return q, nil
}
