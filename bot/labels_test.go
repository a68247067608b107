package bot

import (
	"context"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"faqbot/content"
	"faqbot/index"
)

func TestLabels(t *testing.T) {
	para := func(section, text string) content.Passage {
		return content.Passage{ID: text, Kind: content.KindPassage, Title: "Guide", Section: section, Text: text}
	}
	faq := func(q, a string) content.Passage {
		return content.Passage{ID: q + a, Kind: content.KindFAQ, Title: "FAQ", Question: q, Text: a}
	}
	long := "How do I " + strings.Repeat("configure the widget ", 10) + "?"
	tests := []struct {
		name string
		in   []content.Passage
		want []string
	}{
		{"FAQ by its question", []content.Passage{faq("When is raid night?", "Thursday.")}, []string{"When is raid night?"}},
		{"paragraph by section and opening words",
			[]content.Passage{para("Warnings", "A moderator warns you first; the third warning means a mute.")},
			[]string{"Warnings · A moderator warns you first; the…"}},
		{"no section: opening words", []content.Passage{para("", "Short one.")}, []string{"Short one."}},
		{"a section that is the title says nothing",
			[]content.Passage{{Kind: content.KindPassage, Title: "Guide", Section: "Guide", Text: "Say hello in the introductions channel first."}},
			[]string{"Say hello in the introductions channel…"}},
		{"Markdown is shown as plain words",
			[]content.Passage{para("**Setup**", "> Run **`faqbot serve`** with [the token](https://x.example/t) set.")},
			[]string{"Setup · Run faqbot serve with the token…"}},
		{"alike paragraphs grow until they differ", []content.Passage{
			para("Rules", "Members who break the rules twice in one week get a warning from a moderator."),
			para("Rules", "Members who break the rules twice in one week are muted for a day."),
		}, []string{
			"Rules · Members who break the rules twice in one week get…",
			"Rules · Members who break the rules twice in one week are…",
		}},
		{"alike FAQ questions add their answer", []content.Passage{
			faq("How do I join?", "Ask an officer in the lobby."), faq("How do I join?", "Fill in the form on the website."),
		}, []string{"How do I join? · Ask an officer in…", "How do I join? · Fill in the form…"}},
		{"identical passages are numbered", []content.Passage{
			para("", "Same words."), para("", "Same words."), para("", "Same words."),
		}, []string{"Same words.", "Same words. (2)", "Same words. (3)"}},
		{"a number that is taken already", []content.Passage{
			para("", "A (2)"), para("", "A"), para("", "A"),
		}, []string{"A (2)", "A", "A (3)"}},
		{"no text: the title", []content.Passage{{Kind: content.KindPassage, Title: "Guide"}}, []string{"Guide"}},
		{"mass mentions defused", []content.Passage{faq("Can I ping @everyone?", "No.")}, []string{"Can I ping @\u200beveryone?"}},
	}
	for _, tt := range tests {
		got := labels(tt.in)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}

	got := labels([]content.Passage{faq(long, "x"), faq(long, "y"), para(strings.Repeat("Section ", 10), strings.Repeat("word ", 100))})
	for _, l := range got {
		if n := utf8.RuneCountInString(l); n > maxButtonLabel {
			t.Errorf("label of %d characters: %q", n, l)
		}
	}
	if got[0] == got[1] {
		t.Errorf("long questions alike: %q", got)
	}
	if !strings.HasPrefix(got[2], "Section Section Section") || !strings.Contains(got[2], labelSep+"word word") {
		t.Errorf("long section and text: %q", got[2])
	}
}

func TestOpening(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{{"héllo wörld", 4, "héll"}, {"abc", 3, "abc"}, {"abc", 10, "abc"}, {"abc", 0, ""}, {"", 5, ""}} {
		if got := opening(tt.s, tt.n); got != tt.want {
			t.Errorf("opening(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

// BenchmarkLabels labels three long paragraphs that open alike, as a reply
// with three alternatives does.
func BenchmarkLabels(b *testing.B) {
	text := strings.Repeat("The **guild** was founded by [three friends](https://example.org/history) in 2019 and ", 12)
	ps := []content.Passage{
		{Kind: content.KindPassage, Title: "History", Section: "Founding", Text: text + "grew quickly."},
		{Kind: content.KindPassage, Title: "History", Section: "Founding", Text: "Later " + text},
		{Kind: content.KindFAQ, Title: "FAQ", Question: "Who founded the guild?", Text: text},
	}
	b.ReportAllocs()
	for b.Loop() {
		labels(ps)
	}
}

func TestPlain(t *testing.T) {
	for in, want := range map[string]string{
		"**bold** and __under__ and ~~gone~~ and ||spoiler||": "bold and under and gone and spoiler",
		"## Heading\n- item one\n1. item two":                 "Heading item one item two",
		"see [the guide](https://x.example) or ![img](a.png)": "see the guide or img",
		"snake_case stays": "snake_case stays",
	} {
		if got := plain(in); got != want {
			t.Errorf("plain(%q) = %q, want %q", in, got, want)
		}
	}
}

// seedArticle is a scraped news article with paragraphs under and outside
// sections and an FAQ: the case where buttons used to read alike.
const seedArticle = "../../shared/seeds/kremlin-us-russia-talks.txt"

// TestLabelsOnSeedArticle asks the seed article questions made from its own
// FAQ and paragraphs: in every reply the "did you mean" buttons read
// differently, fit Discord, and each names its own passage.
func TestLabelsOnSeedArticle(t *testing.T) {
	if _, err := os.Stat(seedArticle); err != nil {
		t.Skipf("needs %s (../shared beside the project)", seedArticle)
	}
	c, err := content.LoadPath(context.Background(), seedArticle, content.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ix, err := index.Build(ctx, c.Passages, index.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()

	var questions []string
	for _, p := range ix.Passages() {
		if p.Question != "" {
			questions = append(questions, p.Question)
		}
		words := strings.Fields(plain(p.Text))
		questions = append(questions, strings.Join(words[:min(len(words), 6)], " "))
		if p.Section != "" {
			questions = append(questions, p.Section)
		}
	}
	questions = append(questions, "talks", "relations", "ceasefire", "president")

	replies, multi, paragraphs := 0, 0, 0
	var shown []string
	for _, q := range questions {
		res, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		res = index.Policy{MinConfidence: index.DefaultMinConfidence}.Apply(res)
		d := decide(question{via: viaSlash, text: q, member: "m", guild: "g", channel: "c"}, res, nil, Config{}, &fakeLimits{})
		buttons := alternativeButtons(d.components)
		replies++
		if len(buttons) > 1 {
			multi++
		}
		seen := map[string]bool{}
		for _, b := range buttons {
			if seen[b.Label] {
				t.Errorf("%q: two buttons read %q", q, b.Label)
			}
			seen[b.Label] = true
			shown = append(shown, q+" → "+b.Label)
			if n := utf8.RuneCountInString(b.Label); n == 0 || n > maxButtonLabel {
				t.Errorf("%q: label of %d characters: %q", q, n, b.Label)
			}
			p, ok := ix.ByRef(strings.TrimPrefix(b.CustomID, idAlternative))
			if !ok {
				t.Fatalf("%q: button %q shows no passage", q, b.CustomID)
			}
			if p.Kind == content.KindPassage {
				paragraphs++
			}
			if !names(b.Label, p) {
				t.Errorf("%q: label %q does not name its passage (%s, section %q)", q, b.Label, p.ID, p.Section)
			}
		}
	}
	if multi == 0 || paragraphs == 0 {
		t.Fatalf("%d replies, %d with several buttons, %d paragraph buttons: the test saw nothing to tell apart", replies, multi, paragraphs)
	}
	t.Logf("%d replies, %d with several buttons, %d paragraph buttons", replies, multi, paragraphs)
	if testing.Verbose() {
		for _, l := range shown {
			t.Log(l)
		}
	}
}

// names reports whether a label names its passage: an FAQ's question, or a
// paragraph's opening words and (when it has one of its own) its section;
// never the article title alone.
func names(label string, p content.Passage) bool {
	if label == p.Title && (p.Question == "" || p.Question != p.Title) {
		return false
	}
	first := func(s string, n int) string {
		w := strings.Fields(plain(s))
		return strings.Join(w[:min(len(w), n)], " ")
	}
	if p.Kind == content.KindFAQ {
		return strings.HasPrefix(label, first(p.Question, 3))
	}
	if p.Section != "" && p.Section != p.Title && !strings.HasPrefix(label, first(p.Section, 2)) {
		return false
	}
	return strings.Contains(label, first(p.Text, 3))
}
