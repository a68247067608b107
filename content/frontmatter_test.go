package content

import (
	"reflect"
	"testing"
)

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		want     frontMatter
		body     string
		offset   int
		ok       bool
		problems []string
	}{
		{"none", "# Hi\n", frontMatter{}, "# Hi\n", 0, true, nil},
		{"thematic break later is not front matter", "Text\n---\n", frontMatter{}, "Text\n---\n", 0, true, nil},
		{"good", "---\ntitle: Raids\nurl: https://e.org/raids\nkind: FAQ\n---\nBody\n",
			frontMatter{Title: "Raids", URL: "https://e.org/raids", Kind: "faq"}, "Body\n", 5, true, nil},
		{"empty", "---\n---\nBody", frontMatter{}, "Body", 2, true, nil},
		{"unknown keys ignored", "---\ndate: 2024-01-01\ntags: [a, b]\ntitle: T\n---\n",
			frontMatter{Title: "T"}, "", 5, true, nil},
		{"null title", "---\ntitle:\n---\n", frontMatter{}, "", 3, true, nil},
		{"trailing spaces on fences", "---  \ntitle: T\n--- \nB", frontMatter{Title: "T"}, "B", 3, true, nil},
		{"invalid yaml", "---\ntitle: T\nurl: a: b\n---\n", frontMatter{}, "", 0, false,
			[]string{"f.md:3: invalid front matter: mapping values are not allowed in this context"}},
		{"unclosed flow", "---\ntitle: T\nkind: [faq\n---\n", frontMatter{}, "", 0, false,
			[]string{"f.md:3: invalid front matter: did not find expected ',' or ']'"}},
		{"unterminated", "---\ntitle: T\n\nBody\n", frontMatter{}, "", 0, false,
			[]string{"f.md:1: unterminated front matter: no closing --- line"}},
		{"not a mapping", "---\n- a\n- b\n---\n", frontMatter{}, "", 0, false,
			[]string{"f.md:2: invalid front matter: want key: value lines"}},
		{"title not text", "---\ntitle:\n  - a\n---\n", frontMatter{}, "", 0, false,
			[]string{"f.md:3: invalid front matter: title must be text"}},
		{"bad kind", "---\ntitle: T\nkind: wiki\n---\n", frontMatter{}, "", 0, false,
			[]string{`f.md:3: invalid front matter: kind "wiki", want faq, article or tag`}},
		{"embed title", "---\naliases: [\"envs\", venv]\nembed:\n    title: \"Python environments\"\n---\nB",
			frontMatter{Title: "Python environments", Aliases: []string{"envs", "venv"}, embed: true, embedTitle: "Python environments"}, "B", 5, true, nil},
		{"own title before embed title", "---\nembed:\n    title: E\ntitle: T\n---\n",
			frontMatter{Title: "T", embed: true, embedTitle: "E"}, "", 5, true, nil},
		{"aliases in one text", "---\naliases: padbooking, reservepad\n---\n",
			frontMatter{Aliases: []string{"padbooking", "reservepad"}}, "", 3, true, nil},
		{"paths and links are no phrasings", "---\naliases: ['/old/about/', 'https://e.org/a', about us]\n---\n",
			frontMatter{Aliases: []string{"about us"}}, "", 3, true, nil},
		{"another tool's embed", "---\nembed: video.mp4\n---\n", frontMatter{}, "", 3, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &file{rel: "f.md", name: "f.md", src: tt.src}
			fm, body, offset, ok := splitFrontMatter(f)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (problems %q)", ok, tt.ok, problemStrings(f.problems))
			}
			if !reflect.DeepEqual(problemStrings(f.problems), tt.problems) {
				t.Errorf("problems %q, want %q", problemStrings(f.problems), tt.problems)
			}
			if !ok {
				return
			}
			if !reflect.DeepEqual(fm, tt.want) || body != tt.body || offset != tt.offset {
				t.Errorf("got %+v, body %q, offset %d; want %+v, %q, %d", fm, body, offset, tt.want, tt.body, tt.offset)
			}
		})
	}
}
