package content

import (
	"slices"
	"strings"
)

// Synonym is one line of a synonyms file, in Solr's format: either a group
// of equivalent terms ("reload, refresh, update") or a one-way mapping
// ("lol, lmao => laugh").
type Synonym struct {
	// Input holds the terms of a one-way mapping's left side: each of them
	// maps to Terms. Empty for a group, whose Terms are all equivalent.
	Input []string
	// Terms are the group's equivalent terms, or the mapping's targets.
	Terms []string
	// File and Line say where the synonym was read.
	File string
	Line int
}

// readSynonyms reads a synonyms.txt file. Entries are trimmed and
// lowercased; blank lines and lines starting with '#' are skipped.
func readSynonyms(f *file) {
	for i, line := range strings.Split(f.src, "\n") {
		line, _ = cleanText(line)
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		s, msg := parseSynonym(line)
		if msg != "" {
			f.problemf(i+1, "%s", msg)
			continue
		}
		n := len(s.Input) + len(s.Terms)
		if n > maxGroupTerms {
			f.problemf(i+1, "synonym line of %d terms (limit %d) left out: split it into groups of words that mean the same", n, maxGroupTerms)
			continue
		}
		for _, t := range slices.Concat(s.Input, s.Terms) {
			if strings.Contains(t, " ") {
				f.warnf(i+1, "%q is several words and is left out: a synonym is one word", t)
			}
		}
		if f.budget != nil {
			ok, msg := f.budget.takeSynonym(n)
			if msg != "" {
				f.limitf(i+1, msg)
			}
			if !ok {
				continue
			}
		}
		s.File, s.Line = f.name, i+1
		f.synonyms = append(f.synonyms, s)
	}
}

// parseSynonym parses one non-blank line, or says what is wrong with it.
func parseSynonym(line string) (Synonym, string) {
	left, right, oneWay := strings.Cut(line, "=>")
	if !oneWay {
		terms := synonymTerms(line)
		if len(terms) < 2 {
			return Synonym{}, "synonym group needs at least two terms separated by commas"
		}
		return Synonym{Terms: terms}, ""
	}
	if strings.Contains(right, "=>") {
		return Synonym{}, `more than one "=>"`
	}
	in, out := synonymTerms(left), synonymTerms(right)
	switch {
	case len(in) == 0:
		return Synonym{}, `nothing before "=>"`
	case len(out) == 0:
		return Synonym{}, `nothing after "=>"`
	}
	return Synonym{Input: in, Terms: out}, ""
}

// synonymTerms splits a comma-separated list into trimmed, lowercased,
// distinct terms, dropping empty ones.
func synonymTerms(list string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range strings.Split(list, ",") {
		t = strings.ToLower(strings.Join(strings.Fields(t), " "))
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
