package content

import (
	"reflect"
	"testing"
)

func TestIsJunk(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{`guildsite.example">`, true},
		{`<div class="banner">`, true},
		{`</section>`, true},
		{`<img src="x.png"/>`, true},
		{`<span data-id="4"`, true},
		{"Table of Contents", true},
		{"Advertisement", true},
		{"Share this article", true},
		{"Skip to content", true},
		{"Read more", true},
		{"Read more: patch notes", true},
		{"[image]", true},
		{"[Image: the guild hall]", true},
		{"cdn.example.net/img/placeholder.jpg", true},
		{"guild-hall-banner.png", true},
		{"https://lantern.example.net/news/raid", true},
		{"www.example.org", true},
		{"lantern.example.net", true},
		{"* * *", true},
		{"2024-05-01", true},
		{"By Moss Keeper", true},
		{"Updated 3 May 2024", true},
		{"The guild hall <3 is open late on Fridays.", false},
		{"Upload your avatar.png in #settings so officers recognise you in raids and events.", false},
		{"Read the rules before posting.", false},
		{"By the numbers, this was our best season yet.", false},
		{"What Changed This Week", false},
		{"Mossbot answers questions in 3.5 seconds on average.", false},
	}
	for _, tt := range tests {
		if got := isJunk(tt.line); got != tt.want {
			t.Errorf("isJunk(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestTitleLike(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"What Changed This Week", true},
		{"Raid Night Recap", true},
		{"A sentence that ends properly.", false},
		{"Is this a question?", false},
		{"Note:", false},
		{"“Quoted words”", false},
		{"- a list item", false},
		{"This line has far too many words to be a heading in any article we scrape", false},
	}
	for _, tt := range tests {
		if got := titleLike(tt.line); got != tt.want {
			t.Errorf("titleLike(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestReadScraped(t *testing.T) {
	const base = "https://kb.e.org"
	tests := []struct {
		name     string
		src      string
		title    string
		want     []brief
		problems []string
	}{
		{
			name:  "header block and title line",
			src:   "title: Guild News\nURL: https://news.e.org/1\n\nGuild News\nThe hall reopened today.\n",
			title: "Guild News",
			want:  []brief{{"n.txt#p-1", "", "", "The hall reopened today.", "https://news.e.org/1#:~:text=The%20hall%20reopened%20today.", 5}},
		},
		{
			name:  "first line as title, sections",
			src:   "Weekly Digest\nFirst paragraph here.\n\nSecond paragraph here.\nEvents Ahead\nA quiz on Friday.\n",
			title: "Weekly Digest",
			want: []brief{
				{"n.txt#p-1", "", "", "First paragraph here.", base + "/n.txt#:~:text=First%20paragraph%20here.", 2},
				{"n.txt#p-2", "", "", "Second paragraph here.", base + "/n.txt#:~:text=Second%20paragraph%20here.", 4},
				{"n.txt#events-ahead-1", "Events Ahead", "", "A quiz on Friday.", base + "/n.txt#:~:text=A%20quiz%20on%20Friday.", 6},
			},
		},
		{
			name:  "no title line",
			src:   "This article starts with a sentence.\n",
			title: "N",
			want:  []brief{{"n.txt#p-1", "", "", "This article starts with a sentence.", base + "/n.txt#:~:text=This%20article%20starts%20with%20a%20sentence.", 1}},
		},
		{
			name:  "faq section with dashes and an odd one out",
			src:   "News\nFAQs\n- Is it on?\n- Yes.\n- Who won?\n- Team Ember,\n  by a mile.\n- Orphan question?\nAfter The FAQ\nBack to text.\n",
			title: "News",
			want: []brief{
				{"n.txt#is-it-on", "FAQs", "Is it on?", "Yes.", base + "/n.txt#:~:text=Is%20it%20on%3F", 3},
				{"n.txt#who-won", "FAQs", "Who won?", "Team Ember,\nby a mile.", base + "/n.txt#:~:text=Who%20won%3F", 5},
				{"n.txt#after-the-faq-1", "After The FAQ", "", "Back to text.", base + "/n.txt#:~:text=Back%20to%20text.", 10},
			},
			problems: []string{`n.txt:8: question without an answer: "Orphan question?"`},
		},
		{
			name:     "q and a lines anywhere",
			src:      "Notes\nQ: Is it open?\nA: Yes.\nIt is open late too.\nQ:\nA: Orphan answer.\n",
			title:    "Notes",
			want:     []brief{{"n.txt#is-it-open", "", "Is it open?", "Yes.\nIt is open late too.", base + "/n.txt#:~:text=Is%20it%20open%3F", 2}},
			problems: []string{"n.txt:5: Q: without a question", "n.txt:6: A: without Q:"},
		},
		{
			name:  "dash lines outside an faq are paragraphs",
			src:   "Notes\n- first note.\n- second note.\n",
			title: "Notes",
			want: []brief{
				{"n.txt#p-1", "", "", "- first note.", base + "/n.txt#:~:text=%2D%20first%20note.", 2},
				{"n.txt#p-2", "", "", "- second note.", base + "/n.txt#:~:text=%2D%20second%20note.", 3},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadOne(t, "n.txt", tt.src, Options{BaseURL: base})
			if got := briefs(c.Passages); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("passages\n got %+v\nwant %+v", got, tt.want)
			}
			for _, p := range c.Passages {
				if p.Title != tt.title {
					t.Errorf("%s: title %q, want %q", p.ID, p.Title, tt.title)
				}
			}
			if got := problemStrings(c.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}
