package content

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
)

// seedPath is a real scraped article shared by the project (outside the
// module); the test skips when it is not there.
const seedPath = "../../shared/seeds/kremlin-us-russia-talks.txt"

func TestScrapedSeed(t *testing.T) {
	if _, err := os.Stat(seedPath); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("seed article %s not present (the shared/ folder is not beside the repository)", seedPath)
	}
	c, err := LoadPath(context.Background(), seedPath, Options{BaseURL: "https://news.example.com/articles"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Err(); err != nil {
		t.Fatalf("problems: %v", err)
	}
	var paras, faqs []Passage
	for _, p := range c.Passages {
		switch p.Kind {
		case KindPassage:
			paras = append(paras, p)
		case KindFAQ:
			faqs = append(faqs, p)
		}
		for _, junk := range []string{`">`, "Table of Contents", "placeholder"} {
			if strings.Contains(p.Text, junk) || strings.Contains(p.Question, junk) || strings.Contains(p.Section, junk) {
				t.Errorf("%s: junk %q in passage: %q", p.Source(), junk, p.Text)
			}
		}
		if p.Title == "" {
			t.Errorf("%s: no title", p.Source())
		}
		if !strings.HasPrefix(p.URL, "https://news.example.com/articles/kremlin-us-russia-talks.txt#:~:text=") {
			t.Errorf("%s: URL %q, want a text fragment link", p.Source(), p.URL)
		}
	}
	if len(paras) != 8 || len(faqs) != 6 {
		t.Fatalf("got %d paragraphs and %d FAQ pairs, want 8 and 6", len(paras), len(faqs))
	}
	sub := paras[4].Section
	if sub == "" {
		t.Errorf("paragraph 5 has no section, want the article's subheading")
	}
	for i, p := range paras {
		want := ""
		if i >= 4 {
			want = sub
		}
		if p.Section != want {
			t.Errorf("paragraph %d (%s): section %q, want %q", i+1, p.Source(), p.Section, want)
		}
	}
	for _, p := range faqs {
		if p.Question == "" || p.Text == "" || p.Section != "Frequently Asked Questions" {
			t.Errorf("%s: bad FAQ pair %+v", p.Source(), p)
		}
		if strings.HasPrefix(p.Question, "-") || strings.HasPrefix(p.Text, "-") {
			t.Errorf("%s: list dash kept: %q / %q", p.Source(), p.Question, p.Text)
		}
	}
}
