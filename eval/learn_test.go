package eval

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"faqbot/content"
	"faqbot/index"
)

func TestLearn(t *testing.T) {
	ps := []content.Passage{
		{ID: "card", Kind: content.KindFAQ, Question: "When will my new card arrive?", Text: "Within a week."},
		{ID: "pin", Kind: content.KindFAQ, Question: "How do I change my PIN?", Text: "In the app, under Security."},
		{ID: "fees", Kind: content.KindFAQ, Question: "What fees do you charge for transfers?", Text: "None within the country."},
		{ID: "about", Kind: content.KindPassage, Title: "About us", Text: "We are a small bank founded in 2019."},
	}
	val := []Query{
		{"my new card still hasn't come", []string{"card"}}, // shown: learned
		{"my new card still hasn't come", []string{"card"}}, // same phrasing, another member
		{"change the pin of my card", []string{"pin"}},      // learned
		{"who founded the bank", []string{"about"}},         // a paragraph: no aliases to learn
		{"what is the weather", nil},                        // out of scope: nothing to pick
		{"transfer <@123> some money", []string{"fees"}},    // not plain: refused
		{"zzz qqq", []string{"card"}},                       // nothing shown
	}
	got, lrn, err := Learn(context.Background(), ps, nil, val, index.Policy{MinConfidence: 0.5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if lrn.Members != 7 || lrn.Accepted != 2 || lrn.NotPlain != 1 || lrn.Rebuilds != 1 {
		t.Errorf("learning %+v", lrn)
	}
	aliases := map[string][]string{}
	for _, p := range got {
		aliases[p.ID] = p.Aliases
	}
	if !slices.Equal(aliases["card"], []string{"my new card still hasn't come"}) || !slices.Equal(aliases["pin"], []string{"change the pin of my card"}) || aliases["fees"] != nil {
		t.Errorf("aliases after learning: %q", aliases)
	}
	if ps[0].Aliases != nil {
		t.Error("Learn changed the passages given")
	}
}

// TestLearnClinc150 is the figure the README gives: replaying clinc150's
// validation questions as members lifts the test questions' acc@1 to at
// least .78 and the selective accuracy to at least .70 at the default
// threshold.
func TestLearnClinc150(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("thousands of searches: run without -race and -short")
	}
	dir := filepath.Join("..", "..", "shared", "eval", "clinc150")
	set := Set{Name: "clinc150", Corpus: Paths{filepath.Join(dir, "corpus.jsonl")}, Queries: Paths{filepath.Join(dir, "queries.jsonl")}}
	if err := set.Available(); err != nil {
		t.Skipf("clinc150 absent: %v", err)
	}
	f := filepath.Join(dir, "queries-val.jsonl")
	val, err := ReadQueriesFile(f)
	if err != nil {
		t.Fatal(err)
	}
	res, err := RunLearned(context.Background(), set, val, index.Policy{MinConfidence: index.DefaultMinConfidence}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, a := res.Before.Report, res.After.Report
	t.Logf("before: acc@1 %.3f selective %.3f; after: acc@1 %.3f selective %.3f; %+v", b.AccAt1, b.SelectiveAccuracy, a.AccAt1, a.SelectiveAccuracy, res.Learning)
	if a.AccAt1 < 0.78 || a.SelectiveAccuracy < 0.70 {
		t.Errorf("after learning acc@1 %.3f (want ≥ .78), selective %.3f (want ≥ .70)", a.AccAt1, a.SelectiveAccuracy)
	}
}
