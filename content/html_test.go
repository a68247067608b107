package content

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// stripLines removes what annotateLines adds.
var stripLines = regexp.MustCompile(` ` + lineAttr + `="\d+"`)

// TestHTMLTooManyElements: a page of more elements than a page may have
// is skipped with a problem, before it is parsed (which would take far
// more memory than its size); one just under the limit is read.
func TestHTMLTooManyElements(t *testing.T) {
	page := func(n int) string {
		return "<html><head><title>T</title></head><body><main><p>Raid night is on Thursday.</p>" +
			strings.Repeat("<i>x</i>", n-6) + "</main></body></html>"
	}
	for _, tt := range []struct {
		elements int
		problem  bool
	}{
		{maxHTMLElements, false},
		{maxHTMLElements + 1, true},
	} {
		c := loadOne(t, "p.html", page(tt.elements), Options{})
		if got := hasProblem(c.Problems, "p.html: more than 100000 HTML elements"); got != tt.problem || tt.problem == (len(c.Passages) > 0) {
			t.Errorf("%d elements: problems %q, %d passages", tt.elements, problemStrings(c.Problems), len(c.Passages))
		}
	}
}

func TestAnnotateLines(t *testing.T) {
	tests := []struct{ src, want string }{
		{"<p>a</p>", `<p data-faqbot-line="1">a</p>`},
		{"<p>a\n<br/>\n<img src=x.png />", "<p data-faqbot-line=\"1\">a\n<br data-faqbot-line=\"2\"/>\n<img src=x.png  data-faqbot-line=\"3\"/>"},
		{"<a href=x/>t", `<a href=x/ data-faqbot-line="1">t`},
		{"<!-- <p> -->\n<script>if (a<b) {}</script>\n<div", "<!-- <p> -->\n<script data-faqbot-line=\"2\">if (a<b) {}</script>\n<div"},
		{"no tags at all", "no tags at all"},
	}
	for _, tt := range tests {
		got, ok := annotateLines(tt.src)
		if !ok || got != tt.want {
			t.Errorf("annotateLines(%q)\n got %q\nwant %q", tt.src, got, tt.want)
		}
		if back := stripLines.ReplaceAllString(got, ""); back != tt.src {
			t.Errorf("annotateLines(%q) changed the page: %q", tt.src, back)
		}
	}
}

func TestPageTitle(t *testing.T) {
	tests := []struct{ og, title, h1, site, want string }{
		{"Guild FAQ", "Guild FAQ | Lantern", "Guild FAQ", "", "Guild FAQ"},
		{"", "Guild FAQ | Lantern", "Guild FAQ", "", "Guild FAQ"},
		{"", "Install – Lantern Docs", "", "Lantern Docs", "Install"},
		{"", "Pros - Cons - Lantern", "Pros - Cons", "", "Pros - Cons"},
		{"", "Raid night - the full story", "Something else", "", "Raid night - the full story"},
		{"", "", "Only a heading", "", "Only a heading"},
		{"", "", "", "", ""},
	}
	for _, tt := range tests {
		if got := pageTitle(tt.og, tt.title, tt.h1, tt.site); got != tt.want {
			t.Errorf("pageTitle(%q, %q, %q, %q) = %q, want %q", tt.og, tt.title, tt.h1, tt.site, got, tt.want)
		}
	}
}

func TestPageURL(t *testing.T) {
	tests := []struct{ canonical, og, saved, want string }{
		{"https://e.org/a", "https://e.org/b", "https://m.e.org/c", "https://e.org/a"},
		{"", "https://e.org/b", "https://m.e.org/c", "https://e.org/b"},
		{"", "", "https://m.e.org/c", "https://m.e.org/c"},
		{"/docs/a", "", "https://e.org/x/y", "https://e.org/docs/a"},
		{"/docs/a", "", "", ""},
		{"javascript:alert(1)", "ftp://e.org/f", "", ""},
		{" https://e.org/a ", "", "", "https://e.org/a"},
	}
	for _, tt := range tests {
		if got := pageURL(tt.canonical, tt.og, tt.saved); got != tt.want {
			t.Errorf("pageURL(%q, %q, %q) = %q, want %q", tt.canonical, tt.og, tt.saved, got, tt.want)
		}
	}
}

func TestSavedFromComment(t *testing.T) {
	c := SavedFromComment("https://e.org/faq?x=1")
	if c != "<!-- saved from url=(0021)https://e.org/faq?x=1 -->" {
		t.Errorf("SavedFromComment = %q", c)
	}
	m := savedFromRE.FindStringSubmatch(strings.TrimSuffix(strings.TrimPrefix(c, "<!--"), "-->"))
	if m == nil || m[1] != "https://e.org/faq?x=1" {
		t.Errorf("the reader does not read back %q: %q", c, m)
	}
}

func TestFurnitureName(t *testing.T) {
	tests := []struct {
		names string
		want  bool
	}{
		{"cookie-banner", true},
		{"site-nav sidebar", true},
		{"share_buttons", true},
		{"sr-only", true},
		{"content post-body", false},
		{"tocbot-wrapper", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := furnitureName(tt.names); got != tt.want {
			t.Errorf("furnitureName(%q) = %v, want %v", tt.names, got, tt.want)
		}
	}
}

func TestFragmentQuote(t *testing.T) {
	tests := []struct{ text, want string }{
		{"A paragraph.\nSecond line.", "A paragraph."},
		{"- first item\n- second", "first item"},
		{"  12. twelfth\n", "twelfth"},
		{"Rank | Needs\nMember | 2 weeks", "Rank"},
		{"```\ngo run .\n```", "go run ."},
		{"```\n```", ""},
	}
	for _, tt := range tests {
		if got := fragmentQuote(tt.text); got != tt.want {
			t.Errorf("fragmentQuote(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestRepeatsFAQ(t *testing.T) {
	items := []faqItem{
		{q: "When is raid night?", a: "Every Thursday at 20:00 server time."},
		{q: "Can I bring a friend?", a: "Yes: guests are welcome in open raids, as long as an officer knows in advance.\nAsk first."},
	}
	tests := []struct {
		text string
		want int
	}{
		{"When is raid night", 0},
		{"every thursday at 20:00  server time.", 0},
		{"Yes: guests are welcome in open raids, as long as an officer knows in advance.", 1},
		{"Ask first.", -1}, // too short to be sure it only repeats the answer
		{"Raid night is fun.", -1},
		{"", -1},
	}
	for _, tt := range tests {
		if got := repeatsFAQ(tt.text, items); got != tt.want {
			t.Errorf("repeatsFAQ(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}

func TestReadHTML(t *testing.T) {
	const base = "https://kb.e.org"
	const u = base + "/p.html"
	tests := []struct {
		name  string
		src   string
		title string
		want  []brief
		notes []string
	}{
		{
			name:  "furniture removed, main content kept",
			src:   "<title>Docs | Site</title><header><h1>Site</h1><nav>Home</nav></header>\n<main>\n<h1>Docs</h1>\n<p>Main text.</p>\n<aside>Aside text.</aside>\n<div hidden>Hidden.</div><p aria-hidden=true>Also hidden.</p>\n<div class=\"cookie-consent\">We use cookies.</div>\n</main>\n<footer>Footer text.</footer>",
			title: "Docs",
			want:  []brief{{"p.html#p-1", "", "", "Main text.", u + "#:~:text=Main%20text.", 4}},
		},
		{
			name:  "heading anchors: own id, named anchor, permalink, section id, none",
			src:   "<article>\n<h2 id=a>A</h2><p>1</p>\n<h2><a name=b></a>B</h2><p>2 words</p>\n<h2>C<a class=headerlink href=#c>¶</a></h2><p>3 words</p>\n<section id=d><h2>D</h2><p>4 words</p></section>\n<h2>E</h2><p id=own>5 words</p><p>6 words</p>\n</article>",
			title: "P",
			want: []brief{
				{"p.html#b-1", "B", "", "2 words", u + "#b", 3},
				{"p.html#c-1", "C", "", "3 words", u + "#c", 4},
				{"p.html#d-1", "D", "", "4 words", u + "#d", 5},
				{"p.html#e-1", "E", "", "5 words", u + "#own", 6},
				{"p.html#e-2", "E", "", "6 words", u + "#:~:text=6%20words", 6},
			},
		},
		{
			name:  "faq section: questions need a question mark",
			src:   "<main><h1>News</h1>\n<h2>FAQ</h2>\n<h3 id=q1>Is it on?</h3>\n<p>Yes.</p><p>Since May.</p>\n<h3>Schedule</h3>\n<p>Mondays.</p>\n<h3>Empty?</h3>\n<h2>After</h2>\n<h3>Not a question?</h3><p>Text.</p></main>",
			title: "News",
			want: []brief{
				{"p.html#is-it-on", "FAQ", "Is it on?", "Yes.\n\nSince May.", u + "#q1", 3},
				{"p.html#schedule-1", "Schedule", "", "Mondays.", u + "#:~:text=Mondays.", 6},
				{"p.html#not-a-question-1", "Not a question?", "", "Text.", u + "#:~:text=Text.", 9},
			},
		},
		{
			name:  "details, dl and microdata pairs",
			src:   "<main>\n<details id=d1><summary>Raid night?</summary>Thursday.</details>\n<dl><dt>DKP</dt><dt>Points</dt><dd>Loot currency.</dd><dt>Lonely</dt></dl>\n<div itemscope itemtype=\"http://schema.org/Question\"><h3 itemprop=name>Ranks?</h3><div itemprop=acceptedAnswer itemscope itemtype=\"http://schema.org/Answer\"><p itemprop=text>Two weeks.</p></div></div>\n</main>",
			title: "P",
			want: []brief{
				{"p.html#raid-night", "", "Raid night?", "Thursday.", u + "#d1", 2},
				{"p.html#dkp", "", "DKP", "Loot currency.", u + "#:~:text=DKP", 3},
				{"p.html#ranks", "", "Ranks?", "Two weeks.", u + "#:~:text=Ranks%3F", 4},
			},
			notes: []string{`p.html:3: question without an answer: "Lonely"`},
		},
		{
			name:  "junk rules, navigation lists, code kept",
			src:   "<article>\n<p>Advertisement</p>\n<p>https://e.org/x</p>\n<p>2024-05-01</p>\n<ul><li><a href=/a>A page</a></li><li><a href=/b>B page</a></li></ul>\n<ul><li>Share this</li><li>real item</li></ul>\n<p>Use a <code>&lt;div class=\"x\"&gt;</code> here.</p>\n<pre>&lt;br/&gt;</pre>\n</article>",
			title: "P",
			want: []brief{
				{"p.html#p-1", "", "", "- real item", u + "#:~:text=real%20item", 6},
				{"p.html#p-2", "", "", `Use a <div class="x"> here.`, u + "#:~:text=Use%20a%20%3Cdiv%20class%3D%22x%22%3E%20here.", 7},
				{"p.html#p-3", "", "", "```\n<br/>\n```", u + "#:~:text=%3Cbr%2F%3E", 8},
			},
		},
		{
			name:  "tables: data and layout",
			src:   "<main>\n<table><tr><th>Rank</th><th>Needs</th></tr><tr><td>Member</td><td>2 weeks</td></tr><tr><td></td></tr></table>\n<table><tr><td><h2 id=s>Side</h2><p>Laid out text.</p></td></tr></table>\n</main>",
			title: "P",
			want: []brief{
				{"p.html#p-1", "", "", "Rank | Needs\nMember | 2 weeks", u + "#:~:text=Rank", 2},
				{"p.html#side-1", "Side", "", "Laid out text.", u + "#s", 3},
			},
		},
		{
			name:  "json-ld: graph, arrays, html answers, visible copy dropped",
			src:   "<script type=\"application/ld+json\">\n{\"@graph\": [{\"@type\": \"WebSite\"}, {\"@type\": [\"WebPage\", \"FAQPage\"], \"mainEntity\": [{\"@type\": \"Question\", \"name\": \"Refunds?\", \"acceptedAnswer\": [{\"@type\": \"Answer\", \"text\": \"<p>Within <b>14</b> days.</p><ul><li>Keep the receipt.</li></ul>\"}]}, {\"@type\": \"Question\", \"name\": \"Shipping?\", \"suggestedAnswer\": {\"text\": \"Two days.\"}}, {\"@type\": \"Question\", \"name\": \"No answer?\"}]}]}\n</script>\n<script type=\"application/ld+json\">{broken</script>\n<main><h2>Help</h2><p>Refunds?</p><p>Within 14 days.</p><p>Other text.</p></main>",
			title: "P",
			want: []brief{
				{"p.html#refunds", "Help", "Refunds?", "Within 14 days.\n\n- Keep the receipt.", u + "#:~:text=Refunds%3F", 5},
				{"p.html#help-3", "Help", "", "Other text.", u + "#:~:text=Other%20text.", 5},
				{"p.html#shipping", "", "Shipping?", "Two days.", u + "#:~:text=Shipping%3F", 1},
			},
			notes: []string{"p.html:4: structured data (JSON-LD) skipped: not valid JSON: invalid character 'b' looking for beginning of object key string"},
		},
		{
			name:  "faq page: headings with a question mark are questions",
			src:   "<title>Store FAQ</title><main><h2>Billing</h2><h3>Refunds?</h3><p>Yes.</p><h2>Can I pay later?</h2><p>No.</p></main>",
			title: "Store FAQ",
			want: []brief{
				{"p.html#refunds", "Billing", "Refunds?", "Yes.", u + "#:~:text=Refunds%3F", 1},
				{"p.html#can-i-pay-later", "Billing", "Can I pay later?", "No.", u + "#:~:text=Can%20I%20pay%20later%3F", 1},
			},
		},
		{
			name:  "empty page",
			src:   "<html><body><nav>Only navigation</nav></body></html>",
			title: "P",
			notes: []string{"p.html: no text found in the page's main content"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadOne(t, "p.html", tt.src, Options{BaseURL: base})
			if got := briefs(c.Passages); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("passages\n got %+v\nwant %+v", got, tt.want)
			}
			for _, p := range c.Passages {
				if p.Title != tt.title {
					t.Errorf("%s: title %q, want %q", p.ID, p.Title, tt.title)
				}
			}
			if len(c.Problems) > 0 {
				t.Errorf("problems %q", problemStrings(c.Problems))
			}
			if got := problemStrings(c.Warnings); !reflect.DeepEqual(got, tt.notes) {
				t.Errorf("notes\n got %q\nwant %q", got, tt.notes)
			}
		})
	}
}

// TestReadHTMLTooDeep: a page nested past what the HTML parser follows is a
// problem in words, not the parser's error.
func TestReadHTMLTooDeep(t *testing.T) {
	c := loadOne(t, "p.html", strings.Repeat("<div>", 1000)+"hello"+strings.Repeat("</div>", 1000), Options{BaseURL: "https://kb.e.org/"})
	got := problemStrings(c.Problems)
	if len(c.Passages) != 0 || len(got) != 1 || got[0] != "p.html: elements nested too deeply to read (hundreds inside each other): the page is skipped" {
		t.Errorf("passages %d, problems %q", len(c.Passages), got)
	}
}
