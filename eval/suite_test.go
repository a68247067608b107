package eval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"faqbot/content"
	"faqbot/index"
)

func TestParseSet(t *testing.T) {
	tests := []struct {
		arg  string
		want Set
		ok   bool
	}{
		{"faq=c.jsonl,q.jsonl", Set{Name: "faq", Corpus: Paths{"c.jsonl"}, Queries: Paths{"q.jsonl"}}, true},
		{"faq=dir/,q.jsonl", Set{Name: "faq", Corpus: Paths{"dir/"}, Queries: Paths{"q.jsonl"}}, true},
		{"c.jsonl,q.jsonl", Set{}, false},
		{"faq=c.jsonl", Set{}, false},
		{"=c,q", Set{}, false},
		{"faq=,q", Set{}, false},
	}
	for _, tt := range tests {
		got, err := ParseSet(tt.arg)
		if (err == nil) != tt.ok || tt.ok && (got.Name != tt.want.Name || got.Corpus[0] != tt.want.Corpus[0] || got.Queries[0] != tt.want.Queries[0]) {
			t.Errorf("ParseSet(%q) = %+v, %v", tt.arg, got, err)
		}
	}
}

func TestLoadSuite(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "suite.json")
	write := func(s string) {
		if err := os.WriteFile(file, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(`{"sets":[{"name":"a","corpus":"c.jsonl","queries":["q1.jsonl","/abs/q2.jsonl"],"sources":["x"]},{"name":"b","corpus":["c.jsonl","d"],"queries":"q.jsonl"}]}`)
	s, err := LoadSuite(file)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Sets[0].Corpus[0]; got != filepath.Join(dir, "c.jsonl") {
		t.Errorf("corpus path %q is not relative to the suite file", got)
	}
	if got := s.Sets[0].Queries[1]; got != "/abs/q2.jsonl" {
		t.Errorf("absolute path changed to %q", got)
	}
	if len(s.Sets[1].Corpus) != 2 {
		t.Errorf("list of corpora read as %v", s.Sets[1].Corpus)
	}
	for _, bad := range []string{`{"sets":[{"name":"a","corpus":"c"}]}`, `{"sets":[{"name":"a","corpus":3,"queries":"q"}]}`, `not json`,
		`{"sets":[{"name":"a","separate":true,"corpus":["c","d","e"],"queries":["q","r"]}]}`,
		`{"sets":[{"name":"a","separate":true,"corpus":["c","d"],"queries":"q","fit_queries":"f"}]}`} {
		write(bad)
		if _, err := LoadSuite(file); err == nil {
			t.Errorf("LoadSuite accepted %s", bad)
		}
	}
}

func TestShares(t *testing.T) {
	squad := Set{Name: "squad-dev", Sources: []string{"squad"}}
	open := Set{Name: "squad-open", Sources: []string{"squad"}}
	mixed := Set{Name: "mixed", Sources: []string{"banking", "squad"}}
	banking := Set{Name: "banking"}
	clinc := Set{Name: "clinc"}
	tests := []struct {
		a, b Set
		want bool
	}{
		{squad, open, true}, {squad, mixed, true}, {banking, mixed, true}, {clinc, mixed, false}, {clinc, banking, false}, {clinc, clinc, true},
	}
	for _, tt := range tests {
		if got := tt.a.Shares(tt.b); got != tt.want {
			t.Errorf("%s shares with %s: %v, want %v", tt.a.Name, tt.b.Name, got, tt.want)
		}
	}
}

// TestPerArticle makes every article a content of its own: its passages,
// its questions, and as many questions about the others, out of scope.
func TestPerArticle(t *testing.T) {
	c := &content.Collection{Passages: []content.Passage{
		{ID: "a-1", Title: "A"}, {ID: "a-2", Title: "A"}, {ID: "b-1", Title: "B"}, {ID: "c-1", Title: "C"},
	}}
	qs := []Query{{"qa1", []string{"a-1"}}, {"qa2", []string{"a-2"}}, {"qb", []string{"b-1"}}, {"qc", []string{"c-1"}}, {"qc2", []string{"c-1"}}}
	cases := perArticle(c, qs)
	if len(cases) != 3 {
		t.Fatalf("%d cases, want 3", len(cases))
	}
	for _, cs := range cases {
		title := cs.Passages[0].Title
		own, out := 0, 0
		for _, q := range cs.Queries {
			switch {
			case len(q.Relevant) == 0:
				out++
				if strings.HasPrefix(q.Query, "q"+strings.ToLower(title)) {
					t.Errorf("article %s: its own question %q out of scope", title, q.Query)
				}
			default:
				own++
			}
		}
		if own == 0 || out != own {
			t.Errorf("article %s: %d own and %d out-of-scope questions", title, own, out)
		}
	}
}

// TestRunSetCommunityFAQ runs the hand-written FAQ set end to end: the
// report's counts add up, the curve covers 0.30 to 0.90 and the baseline
// ranks.
func TestRunSetCommunityFAQ(t *testing.T) {
	set := Set{Name: "community-faq", Corpus: Paths{"testdata/community-faq/corpus.jsonl"}, Queries: Paths{"testdata/community-faq/queries.jsonl"}}
	r, err := RunSet(context.Background(), set, index.Policy{MinConfidence: index.DefaultMinConfidence}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := r.Report
	if rep.Queries != 240 || rep.Answerable != 180 || rep.AnsweredCorrect+rep.AnsweredWrong+rep.Abstained != rep.Queries {
		t.Errorf("counts do not add up: %+v", rep)
	}
	if len(r.Curve) != 13 || r.Curve[0].Threshold != 0.30 || r.Curve[12].Threshold != 0.90 {
		t.Fatalf("curve %+v", r.Curve)
	}
	for k := 1; k < len(r.Curve); k++ {
		if r.Curve[k].CorrectShare > r.Curve[k-1].CorrectShare || r.Curve[k].WrongShare > r.Curve[k-1].WrongShare {
			t.Errorf("a higher threshold answers more: %+v then %+v", r.Curve[k-1], r.Curve[k])
		}
	}
	if r.Baseline.AccAt1 <= 0.3 || r.Baseline.AccAt1 > 1 {
		t.Errorf("baseline acc@1 %v", r.Baseline.AccAt1)
	}
}

// TestSeparate: a separate set makes one case per content, each asked its
// own questions (or the one list of questions), fitting on half of them.
func TestSeparate(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("a.jsonl", `{"id":"a1","kind":"faq","question":"How do I join?","text":"Click join.","url":"https://example.org/a"}`+"\n")
	b := write("b.jsonl", `{"id":"b1","kind":"faq","question":"How do I leave?","text":"Click leave.","url":"https://example.org/b"}`+"\n"+
		`{"id":"b2","kind":"faq","question":"How do I pay?","text":"Use a card.","url":"https://example.org/b2"}`+"\n")
	var qa, qb strings.Builder
	for i := range 20 {
		fmt.Fprintf(&qa, `{"query":"join %d","relevant":["a1"]}`+"\n", i)
		fmt.Fprintf(&qb, `{"query":"leave %d","relevant":["b1"]}`+"\n", i)
	}
	qsA, qsB := write("qa.jsonl", qa.String()), write("qb.jsonl", qb.String())
	tests := []struct {
		name    string
		queries Paths
		want    []string // first question of each case
	}{
		{"paired", Paths{qsA, qsB}, []string{"join", "leave"}},
		{"one list", Paths{qsA}, []string{"join", "join"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Set{Name: "s", Separate: true, Corpus: Paths{a, b}, Queries: tt.queries}
			cases, err := s.Cases(context.Background(), false)
			if err != nil {
				t.Fatal(err)
			}
			if len(cases) != 2 || len(cases[0].Passages) != 1 || len(cases[1].Passages) != 2 {
				t.Fatalf("cases %+v, want the two contents apart", cases)
			}
			for i, c := range cases {
				if len(c.Queries) != 20 || !strings.HasPrefix(c.Queries[0].Query, tt.want[i]) {
					t.Errorf("case %d asked %d questions starting %q, want 20 starting %q", i, len(c.Queries), c.Queries[0].Query, tt.want[i])
				}
			}
			fit, err := s.Cases(context.Background(), true)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range fit {
				if n := len(c.Queries); n == 0 || n == 20 {
					t.Errorf("case %d fits on %d of 20 questions, want about half", i, n)
				}
			}
		})
	}
}
