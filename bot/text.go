package bot

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// discordTokens are mentions and emoji in Discord's markup, and the
// @everyone and @here pings typed as text: never part of a question.
var discordTokens = regexp.MustCompile(`<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b`)

// cleanQuestion turns what a member wrote into a question to search: Discord
// markup removed, whitespace collapsed, and at most maxLen characters.
func cleanQuestion(s string, maxLen int) string {
	s = discordTokens.ReplaceAllString(s, " ")
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxLen {
		// Fields left single spaces between words: a cut may end on one.
		s = strings.TrimRight(string([]rune(s)[:maxLen]), " ")
	}
	return s
}

// questionWords start questions in English chat.
var questionWords = map[string]bool{
	"how": true, "what": true, "why": true, "where": true, "when": true, "who": true, "which": true,
	"can": true, "could": true, "is": true, "are": true, "do": true, "does": true, "did": true,
	"should": true, "will": true, "would": true, "has": true, "have": true, "anyone": true, "any": true,
	"help": true, "whats": true, "what's": true, "hows": true, "how's": true, "wheres": true, "where's": true,
}

// minQuestionWords is the fewest words a help-channel message needs to be
// taken as a question.
const minQuestionWords = 3

// looksLikeQuestion decides whether a help-channel message is a question the
// bot may answer unasked: a question mark at the end, or a question word
// first, and a few words at least.
func looksLikeQuestion(s string) bool {
	words := strings.Fields(strings.ToLower(s))
	if len(words) < minQuestionWords {
		return false
	}
	if strings.HasSuffix(strings.TrimSpace(s), "?") {
		return true
	}
	first := strings.Trim(words[0], ",.!:;")
	return questionWords[first]
}
