package index

import (
	"strings"
	"unicode/utf8"
)

// excerptRunes is the longest excerpt shown whole; longer passages are cut
// to the sentences that match the question best.
const excerptRunes = 600

// excerpt gives the text to show for passage i: all of it when short, else
// the best-matching sentence and those after it (then before it) that fit,
// marked with "…" where text was left out. The link still leads to the
// whole paragraph.
func (ix *Index) excerpt(q *parsed, m *matcher, i int) string {
	text := strings.TrimSpace(ix.passages[i].Text)
	if utf8.RuneCountInString(text) <= excerptRunes {
		return text
	}
	raw := ix.passages[i].Text
	var sents [][2]int32
	best, bestScore := 0, -1.0
	seen := make([]bool, len(q.terms))
	d := &ix.corpus.docs[i]
	for _, seg := range d.segs {
		if seg.kind != segSentence {
			continue
		}
		clear(seen)
		score := 0.0
		for _, id := range d.terms[seg.start:seg.end] {
			if k, ok := m.get(id); ok && !seen[k] {
				seen[k] = true
				score += q.terms[k].idf
			}
		}
		if score > bestScore {
			best, bestScore = len(sents), score
		}
		sents = append(sents, seg.span)
	}
	if len(sents) == 0 {
		return clipRunes(text, excerptRunes)
	}
	sentence := func(k int) string { return raw[sents[k][0]:sents[k][1]] }
	lo, hi := best, best+1
	size := utf8.RuneCountInString(sentence(best))
	grow := func(k int) bool {
		n := utf8.RuneCountInString(sentence(k)) + 1
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
	parts := make([]string, 0, hi-lo)
	for k := lo; k < hi; k++ {
		parts = append(parts, sentence(k))
	}
	out := strings.Join(parts, " ")
	cut := false
	if utf8.RuneCountInString(out) > excerptRunes {
		out, cut = string([]rune(out)[:excerptRunes-1]), true
	}
	if lo > 0 {
		out = "… " + out
	}
	if hi < len(sents) || cut {
		out += " …"
	}
	return out
}

// clipRunes cuts s to n runes, marking the cut with "…".
func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
