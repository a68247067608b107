package eval

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"faqbot/content"
)

// Set is one evaluation set of a suite: content and the questions asked of
// it.
type Set struct {
	// Name labels the set in reports.
	Name string `json:"name"`
	// Corpus is the content: files or directories, in any content format
	// (in a suite file, one path or a list).
	Corpus Paths `json:"corpus"`
	// Queries are the questions to report on (JSON Lines).
	Queries Paths `json:"queries"`
	// FitQueries are the questions to fit the model on; empty: half of
	// Queries, chosen by a hash of each question.
	FitQueries Paths `json:"fit_queries,omitempty"`
	// Sources name where the set's questions come from: a fit is tested on
	// a set by fitting on the sets that share none of its sources (the
	// same questions on other content would be no test). Empty: the set's
	// own name.
	Sources []string `json:"sources,omitempty"`
	// PerArticle makes every article (passages sharing a title) the whole
	// content on its own, with the questions about other articles out of
	// scope: the size of a real server's FAQ.
	PerArticle bool `json:"per_article,omitempty"`
	// Separate makes every corpus path a content of its own, asked the
	// questions of the queries path at the same place in its list (or of
	// the only one): several small communities in one set.
	Separate bool `json:"separate,omitempty"`
	// Typos, above zero, puts up to that many typing slips in every
	// question (see Typo): the same questions as members in a hurry type
	// them.
	Typos int `json:"typos,omitempty"`
}

// Paths are one or more file paths; in JSON a string or a list of strings.
type Paths []string

// UnmarshalJSON reads a string or a list of strings.
func (p *Paths) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*p = Paths{one}
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return errors.New("want a path or a list of paths")
	}
	*p = list
	return nil
}

// Shares reports whether the two sets' questions come from a common source.
func (s Set) Shares(o Set) bool {
	for _, a := range s.sources() {
		if slices.Contains(o.sources(), a) {
			return true
		}
	}
	return false
}

func (s Set) sources() []string {
	if len(s.Sources) == 0 {
		return []string{s.Name}
	}
	return s.Sources
}

// Suite is a list of sets evaluated together.
type Suite struct {
	Sets []Set `json:"sets"`
}

// LoadSuite reads a suite file (JSON); paths in it are relative to the
// file.
func LoadSuite(path string) (Suite, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return Suite{}, fmt.Errorf("read suite: %w", err)
	}
	var s Suite
	if err := json.Unmarshal(raw, &s); err != nil {
		return Suite{}, fmt.Errorf("read suite %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	for i := range s.Sets {
		set := &s.Sets[i]
		if set.Name == "" || len(set.Corpus) == 0 || len(set.Queries) == 0 {
			return Suite{}, fmt.Errorf("read suite %s: set %d needs name, corpus and queries", path, i+1)
		}
		if set.Separate && (len(set.FitQueries) > 0 || len(set.Queries) != 1 && len(set.Queries) != len(set.Corpus)) {
			return Suite{}, fmt.Errorf("read suite %s: set %s is separate: it needs one queries path, or one per corpus path, and no fit_queries", path, set.Name)
		}
		for _, ps := range []Paths{set.Corpus, set.Queries, set.FitQueries} {
			for k := range ps {
				ps[k] = relativeTo(dir, ps[k])
			}
		}
	}
	return s, nil
}

func relativeTo(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// ParseSet reads a set given on the command line as NAME=CORPUS,QUERIES.
func ParseSet(arg string) (Set, error) {
	name, paths, ok := strings.Cut(arg, "=")
	corpus, queries, ok2 := strings.Cut(paths, ",")
	if !ok || !ok2 || name == "" || corpus == "" || queries == "" {
		return Set{}, fmt.Errorf("%q: want NAME=CORPUS,QUERIES", arg)
	}
	return Set{Name: name, Corpus: Paths{corpus}, Queries: Paths{queries}}, nil
}

// Available reports whether the set's files exist (the shared data sets
// are absent on a fresh machine).
func (s Set) Available() error {
	for _, ps := range []Paths{s.Corpus, s.Queries, s.FitQueries} {
		for _, p := range ps {
			if _, err := os.Stat(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// Case is one content and the questions asked of it.
type Case struct {
	Passages []content.Passage
	Synonyms []content.Synonym
	Queries  []Query
}

// Cases reads the set into the cases to run: its content with its report
// questions (or, with fit, its fitting questions), or one case per article.
func (s Set) Cases(ctx context.Context, fit bool) ([]Case, error) {
	if s.Separate {
		return s.separateCases(ctx, fit)
	}
	c := &content.Collection{}
	for _, p := range s.Corpus {
		part, err := s.load(ctx, p)
		if err != nil {
			return nil, err
		}
		c.Passages = append(c.Passages, part.Passages...)
		c.Synonyms = append(c.Synonyms, part.Synonyms...)
	}
	qs, err := s.questions(s.Queries, fit)
	if err != nil {
		return nil, err
	}
	if !s.PerArticle {
		return []Case{{Passages: c.Passages, Synonyms: c.Synonyms, Queries: qs}}, nil
	}
	return perArticle(c, qs), nil
}

// separateCases makes one case of every corpus path (see Set.Separate).
// A queries file that serves several contents is read once.
func (s Set) separateCases(ctx context.Context, fit bool) ([]Case, error) {
	var cases []Case
	read := map[string][]Query{}
	for i, p := range s.Corpus {
		c, err := s.load(ctx, p)
		if err != nil {
			return nil, err
		}
		path := s.Queries[min(i, len(s.Queries)-1)]
		qs, ok := read[path]
		if !ok {
			if qs, err = s.questions(Paths{path}, fit); err != nil {
				return nil, err
			}
			read[path] = qs
		}
		cases = append(cases, Case{Passages: c.Passages, Synonyms: c.Synonyms, Queries: qs})
	}
	return cases, nil
}

// load reads one content path of the set, which must have no problems.
func (s Set) load(ctx context.Context, path string) (*content.Collection, error) {
	c, err := content.LoadPath(ctx, path, content.Options{})
	if err != nil {
		return nil, fmt.Errorf("set %s: %w", s.Name, err)
	}
	if err := c.Err(); err != nil {
		return nil, fmt.Errorf("set %s: content problems: %w", s.Name, err)
	}
	return c, nil
}

// questions reads the questions of paths to report on, or to fit on (the
// set's fitting questions when it has them).
func (s Set) questions(paths Paths, fit bool) ([]Query, error) {
	if fit && len(s.FitQueries) > 0 {
		paths = s.FitQueries
	}
	var qs []Query
	for _, path := range paths {
		part, err := ReadQueriesFile(path)
		if err != nil {
			return nil, fmt.Errorf("set %s: %w", s.Name, err)
		}
		qs = append(qs, part...)
	}
	if fit && len(s.FitQueries) == 0 {
		qs = slices.DeleteFunc(qs, func(q Query) bool { return hash(q.Query)%2 == 1 })
	}
	if len(qs) == 0 {
		return nil, errors.New("set " + s.Name + ": no questions")
	}
	// After the split above, so that a set and its copy with typos fit
	// and report on the same questions.
	if s.Typos > 0 {
		for i := range qs {
			qs[i].Query = Typo(qs[i].Query, s.Typos)
		}
	}
	return qs, nil
}

// ReadQueriesFile reads the queries of a JSON Lines file.
func ReadQueriesFile(path string) ([]Query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read queries: %w", err)
	}
	defer f.Close()
	return ReadQueries(f, path)
}

// perArticle makes one case per article: its passages, the questions about
// it, and as many questions about other articles, out of scope.
func perArticle(c *content.Collection, qs []Query) []Case {
	var titles []string
	byTitle := map[string][]content.Passage{}
	article := map[string]string{} // item ID -> title
	for _, p := range c.Passages {
		if _, ok := byTitle[p.Title]; !ok {
			titles = append(titles, p.Title)
		}
		byTitle[p.Title] = append(byTitle[p.Title], p)
		article[p.ItemID()] = p.Title
	}
	var cases []Case
	for _, t := range titles {
		var own, other []Query
		for _, q := range qs {
			if len(q.Relevant) > 0 && article[q.Relevant[0]] == t {
				own = append(own, q)
			} else {
				other = append(other, Query{Query: q.Query})
			}
		}
		if len(own) == 0 {
			continue
		}
		// A spread of the others, the same whatever their order in the file.
		slices.SortFunc(other, func(a, b Query) int { return cmp.Compare(hash(t+"\x00"+a.Query), hash(t+"\x00"+b.Query)) })
		own = append(own, other[:min(len(own), len(other))]...)
		cases = append(cases, Case{Passages: byTitle[t], Synonyms: c.Synonyms, Queries: own})
	}
	return cases
}

func hash(s string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return h.Sum64()
}
