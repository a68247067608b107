package content

import (
	"context"
	"reflect"
	"testing"
	"testing/fstest"
)

func TestTags(t *testing.T) {
	type pair struct {
		ID, Question string
		Aliases      []string
		Text         string
	}
	tests := []struct {
		name, path, src string
		want            []pair
		kinds           []Kind // of the passages, when not one FAQ pair
		problems        []string
	}{
		{"embed front matter", "launch-window.md",
			"---\naliases: [\"launchday\", when-launch]\nembed:\n    title: \"Club launch days\"\n---\nFirst Saturday of the month.\n\n**What to bring**\n\n• Igniters\n",
			[]pair{{"launch-window.md#club-launch-days", "Club launch days", []string{"launch window", "launchday", "when-launch"},
				"First Saturday of the month.\n\n**What to bring**\n\n• Igniters"}}, nil, nil},
		{"bold opening line in a tags folder", "bot/resources/tags/motor-classes.md",
			"**Motor classes**\n\nUp to class `G` without a certification.\n```\nA B C\n```\n",
			[]pair{{"bot/resources/tags/motor-classes.md#motor-classes", "Motor classes", nil,
				"Up to class `G` without a certification.\n```\nA B C\n```"}}, nil, nil},
		{"heading opening a tag", "tags/pads.md", "# Booking a pad\nAsk a day ahead.\n",
			[]pair{{"tags/pads.md#booking-a-pad", "Booking a pad", []string{"pads"}, "Ask a day ahead."}}, nil, nil},
		{"name as the title", "tags/dues.md", "Twenty credits a year.\n\nPaid at any launch.\n",
			[]pair{{"tags/dues.md#dues", "Dues", nil, "Twenty credits a year.\n\nPaid at any launch."}}, nil, nil},
		{"front matter title", "tags/recovery.md", "---\ntitle: \"Recovery systems\"\n---\n\nA parachute or a streamer.\n",
			[]pair{{"tags/recovery.md#recovery-systems", "Recovery systems", []string{"recovery"}, "A parachute or a streamer."}}, nil, nil},
		{"bold line other than the front matter title stays", "tags/x.md", "---\nembed:\n  title: T\n---\n**Note**\n\nText.\n",
			[]pair{{"tags/x.md#t", "T", []string{"x"}, "**Note**\n\nText."}}, nil, nil},
		{"a tag named faq is a tag", "tags/faq.md", "## Where is the FAQ?\nOn our site.\n",
			[]pair{{"tags/faq.md#where-is-the-faq", "Where is the FAQ?", []string{"faq"}, "On our site."}}, nil, nil},
		{"kind tag", "notes/ot.md", "---\nkind: tag\ntitle: Off-topic\n---\nChat in #lounge.\n",
			[]pair{{"notes/ot.md#off-topic", "Off-topic", []string{"ot"}, "Chat in #lounge."}}, nil, nil},
		{"emoji in a title", "tags/f.md", "---\nembed:\n  title: \":ocean: Floodgate\"\n---\nText.\n",
			[]pair{{"tags/f.md#floodgate", "Floodgate", []string{"f"}, "Text."}}, nil, nil},
		{"a title without text", "tags/empty.md", "---\nembed:\n  title: Empty\n---\n**Empty**\n", nil, nil,
			[]string{`tags/empty.md:5: tag "Empty" has no text`}},
		{"article with redirect aliases", "history.md", "---\ntitle: Club history\naliases: ['/old/about-us/']\n---\nFounded in 1998.\n\nBy three teachers.\n",
			nil, []Kind{KindPassage, KindPassage}, nil},
		{"article with phrasing aliases", "notes/history.md", "---\naliases: [our history]\n---\nFounded in 1998.\n\nBy three teachers.\n",
			nil, []Kind{KindPassage, KindPassage}, nil},
		{"an article in a tags folder", "tags/guide.md", "---\nkind: article\n---\nOne.\n\nTwo.\n",
			nil, []Kind{KindPassage, KindPassage}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(context.Background(), fstest.MapFS{tt.path: {Data: []byte(tt.src)}}, "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := problemStrings(c.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems %q, want %q", got, tt.problems)
			}
			if tt.kinds != nil {
				var kinds []Kind
				for _, p := range c.Passages {
					kinds = append(kinds, p.Kind)
				}
				if !reflect.DeepEqual(kinds, tt.kinds) {
					t.Errorf("kinds %v, want %v", kinds, tt.kinds)
				}
				return
			}
			var got []pair
			for _, p := range c.Passages {
				if p.Kind != KindFAQ {
					t.Errorf("%s is a %s, want an FAQ pair", p.ID, p.Kind)
				}
				got = append(got, pair{p.ID, p.Question, p.Aliases, p.Text})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
