package index

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"

	"faqbot/content"
)

// MaxSuggestions is how many suggestions Suggest returns at most (Discord
// shows 25 autocomplete choices).
const MaxSuggestions = 25

// minFuzzySuggest is the shortest typed word matched with a typo: a wrong
// suggestion costs nothing, so autocomplete is more lenient than search.
const minFuzzySuggest = 4

// maxSuggestionRunes is the longest suggestion (Discord's limit for a
// choice's name and value).
const maxSuggestionRunes = 100

// suggestion is one thing a member may be about to ask: an FAQ question or
// an article title.
type suggestion struct {
	text  string   // shown and inserted
	words []string // lower-case words of text and of the FAQ's aliases
	faq   bool
	order int
}

// suggester completes partly typed questions from FAQ questions and titles.
// It works in memory: the list is small (one entry per FAQ item or article),
// and autocomplete must answer in milliseconds.
type suggester struct {
	items []suggestion
}

// suggestions are the index's suggester, made on first use: a command that
// never autocompletes need not build it.
func (ix *Index) suggestions() *suggester {
	ix.suggestOnce.Do(func() { ix.suggest = newSuggester(ix.passages) })
	return ix.suggest
}

func newSuggester(passages []content.Passage) *suggester {
	s := &suggester{}
	seen := map[string]bool{}
	add := func(text string, extra []string, faq bool) {
		text = strings.Join(strings.Fields(text), " ")
		key := strings.ToLower(text)
		if text == "" || seen[key] {
			return
		}
		seen[key] = true
		if utf8.RuneCountInString(text) > maxSuggestionRunes {
			text = string([]rune(text)[:maxSuggestionRunes-1]) + "…"
		}
		words := splitWords(text)
		for _, e := range extra {
			words = append(words, splitWords(e)...)
		}
		s.items = append(s.items, suggestion{text: text, words: words, faq: faq, order: len(s.items)})
	}
	for i := range passages {
		if p := &passages[i]; p.Kind == content.KindFAQ {
			add(p.Question, p.Aliases, true)
		}
	}
	for i := range passages {
		add(passages[i].Title, nil, false)
	}
	return s
}

// splitWords are the words of s, folded (see fold) and in lower case.
func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(string(fold([]byte(s)))), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// Suggest completes what a member has typed so far: FAQ questions first,
// then titles, best matches first. Every typed word must match a word of
// the suggestion (the last one as a prefix; longer ones allow a typo).
// Empty input lists the first FAQ questions.
func (ix *Index) Suggest(typed string, limit int) []string {
	return ix.suggestions().complete(typed, limit)
}

func (s *suggester) complete(typed string, limit int) []string {
	limit = min(max(limit, 0), MaxSuggestions)
	if utf8.RuneCountInString(typed) > MaxQuestionRunes {
		typed = string([]rune(typed)[:MaxQuestionRunes])
	}
	words := splitWords(typed)
	if len(words) > maxTerms {
		words = words[:maxTerms]
	}
	prefixLast := typed != "" && !unicode.IsSpace(rune(typed[len(typed)-1]))
	type scored struct {
		s     *suggestion
		score float64
	}
	var found []scored
	for i := range s.items {
		it := &s.items[i]
		score, ok := 0.0, true
		for k, w := range words {
			m := wordMatch(w, it.words, prefixLast && k == len(words)-1)
			if m == 0 {
				ok = false
				break
			}
			score += m
		}
		if !ok {
			continue
		}
		if it.faq {
			score += 0.5
		}
		found = append(found, scored{it, score})
	}
	slices.SortStableFunc(found, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.s.order, b.s.order))
	})
	out := make([]string, 0, min(limit, len(found)))
	for _, f := range found[:min(limit, len(found))] {
		out = append(out, f.s.text)
	}
	return out
}

// wordMatch scores how well a typed word matches one of words: 1 for the
// word itself, 0.8 for a prefix (when the word is still being typed), 0.6
// for one typo in a word of four letters or more, 0 for none.
func wordMatch(typed string, words []string, prefix bool) float64 {
	best := 0.0
	for _, w := range words {
		switch {
		case w == typed:
			return 1
		case prefix && strings.HasPrefix(w, typed):
			best = max(best, 0.8)
		case utf8.RuneCountInString(typed) >= minFuzzySuggest:
			cmp := w
			if n := utf8.RuneCountInString(typed); prefix && utf8.RuneCountInString(w) > n {
				cmp = string([]rune(w)[:n])
			}
			if _, exceeded := search.LevenshteinDistanceMax(typed, cmp, 1); !exceeded {
				best = max(best, 0.6)
			}
		}
	}
	return best
}
