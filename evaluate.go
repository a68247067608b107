package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"faqbot/eval"
	"faqbot/index"
)

// setFlags collects repeated -set NAME=CORPUS,QUERIES flags.
type setFlags []eval.Set

func (s *setFlags) String() string { return fmt.Sprint(len(*s), " sets") }

func (s *setFlags) Set(v string) error {
	set, err := eval.ParseSet(v)
	if err != nil {
		return err
	}
	*s = append(*s, set)
	return nil
}

// runEval measures answer quality and speed on one or more sets of content
// and questions, through the same search and answer policy the bot uses,
// beside a stock BM25 baseline.
func runEval(ctx context.Context, a *app, args []string) error {
	fs := a.flags("eval", "")
	path := fs.String("content", a.cfg.ContentDir, "corpus of a single set: content file or directory (e.g. corpus.jsonl)")
	queries := fs.String("queries", "", "questions of a single set (JSON Lines: query, relevant)")
	var sets setFlags
	fs.Var(&sets, "set", "a set as NAME=CORPUS,QUERIES (repeatable)")
	suiteFile := fs.String("suite", "", "a suite file (JSON) listing sets, e.g. eval/suite.json")
	threshold := fs.Float64("threshold", a.cfg.MinConfidence, "confidence threshold to evaluate at (default MIN_CONFIDENCE)")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	learnFrom := fs.String("learn", "", "replay these questions (JSON Lines: query, relevant) as members who pick their passage when it is shown, accept what they teach, and evaluate before and after")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	var suite eval.Suite
	if *suiteFile != "" {
		s, err := eval.LoadSuite(*suiteFile)
		if err != nil {
			return err
		}
		suite = s
	}
	suite.Sets = append(suite.Sets, sets...)
	if *queries != "" {
		if *path == "" {
			return usageError("eval -queries needs -content (or CONTENT_DIR): the content the questions are about")
		}
		name := filepath.Base(filepath.Dir(*queries))
		if name == "." || name == string(filepath.Separator) {
			name = strings.TrimSuffix(filepath.Base(*queries), filepath.Ext(*queries))
		}
		suite.Sets = append(suite.Sets, eval.Set{Name: name, Corpus: eval.Paths{*path}, Queries: eval.Paths{*queries}})
	}
	if len(suite.Sets) == 0 {
		fs.Usage()
		return usageError("eval needs -content and -queries, -set or -suite")
	}
	if *threshold < 0 || *threshold > 1 {
		return usageError("eval -threshold %v: want a number from 0 to 1", *threshold)
	}
	policy := index.Policy{MinConfidence: *threshold}
	if *learnFrom != "" {
		return a.evalLearned(ctx, suite, *learnFrom, policy, *asJSON)
	}
	res, err := eval.RunSuite(ctx, suite, policy, a.stderr)
	if err != nil {
		return err
	}
	if len(res.Sets) == 0 {
		return fmt.Errorf("eval: no set could be run: %s", strings.Join(res.Skipped, "; "))
	}
	if *asJSON {
		return writeJSON(a.stdout, res)
	}
	eval.WriteSuite(a.stdout, res)
	return nil
}

// evalLearned is eval -learn: one set, evaluated before and after its
// content learned from the questions in path.
func (a *app) evalLearned(ctx context.Context, suite eval.Suite, path string, policy index.Policy, asJSON bool) error {
	if len(suite.Sets) != 1 {
		return usageError("eval -learn needs exactly one set (-content and -queries, or one -set)")
	}
	val, err := eval.ReadQueriesFile(path)
	if err != nil {
		return fmt.Errorf("eval -learn: %w", err)
	}
	res, err := eval.RunLearned(ctx, suite.Sets[0], val, policy, a.stderr)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(a.stdout, res)
	}
	before, after := res.Suites(policy)
	l := res.Learning
	fmt.Fprintln(a.stdout, "before learning:")
	eval.WriteSummary(a.stdout, before)
	fmt.Fprintf(a.stdout, "\nlearning: %d members asked, %d found their passage among those shown and chose it, %d phrasings accepted (%d refused as not plain text); %d rebuilds\n\n",
		l.Members, l.Chose, l.Accepted, l.NotPlain, l.Rebuilds)
	fmt.Fprintln(a.stdout, "after learning:")
	eval.WriteSuite(a.stdout, after)
	return nil
}
