package index

import (
	"strings"
	"unicode/utf8"

	"faqbot/content"
)

// excerptRunes is the longest excerpt shown whole; longer passages are cut
// to the sentences that match the question best.
const excerptRunes = 600

// excerpt gives the text to show for a passage: all of it when short, else
// the best-matching sentence and those after it (then before it) that fit,
// marked with "…" where text was left out. The link still leads to the
// whole paragraph.
func (ix *Index) excerpt(q *parsed, m matcher, p *content.Passage) string {
	text := strings.TrimSpace(p.Text)
	if utf8.RuneCountInString(text) <= excerptRunes {
		return text
	}
	sents := content.Sentences(text)
	if len(sents) == 0 {
		return text
	}
	best, bestScore := 0, -1.0
	for i, s := range sents {
		score, seen := 0.0, map[int]bool{}
		for _, tok := range ix.analyzer.Analyze([]byte(s)) {
			if j, ok := m[string(tok.Term)]; ok && !seen[j] {
				seen[j] = true
				score += q.terms[j].idf
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	lo, hi := best, best+1
	size := utf8.RuneCountInString(sents[best])
	grow := func(i int) bool {
		n := utf8.RuneCountInString(sents[i]) + 1
		if size+n > excerptRunes {
			return false
		}
		size += n
		return true
	}
	for hi < len(sents) && grow(hi) {
		hi++
	}
	for lo > 0 && grow(lo-1) {
		lo--
	}
	out := strings.Join(sents[lo:hi], " ")
	if utf8.RuneCountInString(out) > excerptRunes {
		out = string([]rune(out)[:excerptRunes-1])
		hi = len(sents) + 1 // force the trailing mark
	}
	if lo > 0 {
		out = "… " + out
	}
	if hi < len(sents) || hi > len(sents) {
		out += " …"
	}
	return out
}
