package content

import (
	"reflect"
	"strings"
	"testing"
)

func TestTagFiles(t *testing.T) {
	type pair struct {
		ID, Question string
		Aliases      []string
		Text         string
		Line         int
	}
	tests := []struct {
		name, path, src string
		want            []pair
		problems        []string
		notes           []string
	}{
		{"embed with its title in the header", "tags/faq/firmware.ytag",
			"type: embed\n\ncolour: blurple\nembed:\n    title: Updating the firmware\n    footer:\n        text: Loomwave club\n\n---\n\nHold **SHIFT** while powering on.\nThen drag the file onto the drive.\n\nNever unplug it while the light blinks.\n",
			[]pair{{"tags/faq/firmware.ytag#updating-the-firmware", "Updating the firmware", []string{"firmware"},
				"Hold **SHIFT** while powering on.\nThen drag the file onto the drive.\n\nNever unplug it while the light blinks.", 11}}, nil, nil},
		{"text with a bold first line", "tags/presets.ytag",
			"type: text\n\n---\n**Backing up your presets**\n\nOpen the Librarian.\nPress *Export bank*.\n",
			[]pair{{"tags/presets.ytag#backing-up-your-presets", "Backing up your presets", []string{"presets"},
				"Open the Librarian.\nPress *Export bank*.", 4}}, nil, nil},
		{"text named by its file", "midi-channel.ytag",
			"type: text\n---\nChannel 1 out of the box.\n-# Kept across power cycles.\n",
			[]pair{{"midi-channel.ytag#midi-channel", "Midi channel", nil, "Channel 1 out of the box.\n-# Kept across power cycles.", 3}}, nil, nil},
		{"header of key: value lines that YAML refuses", "errors/usbnotfound.tag",
			"type: text\naliases: usb, nodevice\ntitle: :x: USB device not found\nissues: BOOT not found || descriptor failed\nbutton: [Manual](https://example.org/manual)\nbutton: [Shop](https://example.org/shop)\n\n---\n\nUse the cable from the box.\n",
			[]pair{{"errors/usbnotfound.tag#usb-device-not-found", "USB device not found", []string{"usbnotfound", "usb", "nodevice"},
				"Use the cable from the box.", 10}}, nil, nil},
		{"header opened by --- as front matter is", "info/warranty.tag",
			"---\ntype: text\naliases: [repair]\n---\nTwo years.\n",
			[]pair{{"info/warranty.tag#warranty", "Warranty", []string{"repair"}, "Two years.", 5}}, nil, nil},
		{"no header", "tags/dues.ytag", "---\nTwenty credits a year.\n",
			[]pair{{"tags/dues.ytag#dues", "Dues", nil, "Twenty credits a year.", 2}}, nil, nil},
		{"header that is not YAML", "tags/filter.ytag",
			"type: embed\nembed:\n    title: [Filter modes\n---\nThree modes.\n", nil,
			[]string{"tags/filter.ytag:3: invalid front matter: did not find expected ',' or ']'"}, nil},
		{"header of neither YAML nor key: value lines", "tags/filter.tag",
			"type: text\ntitle: Filter: modes\n  colour: red\n---\nThree modes.\n", nil,
			[]string{"tags/filter.tag:2: invalid front matter: mapping values are not allowed in this context"}, nil},
		{"header that is not a mapping", "tags/x.ytag", "just words\n---\nText.\n", nil,
			[]string{"tags/x.ytag:1: invalid front matter: want key: value lines"}, nil},
		{"no --- line", "tags/power.ytag", "type: text\n\nThe synth runs on 12 V.\n", nil,
			[]string{"tags/power.ytag:3: no --- line between the tag's header and its text: the tag is not read"}, nil},
		{"no --- line nor text", "tags/power.ytag", "type: text\n", nil,
			[]string{"tags/power.ytag:1: no --- line between the tag's header and its text: the tag is not read"}, nil},
		{"no text after the header", "tags/empty.ytag", "type: embed\nembed:\n  title: Empty\n---\n\n", nil,
			[]string{`tags/empty.ytag:5: tag "Empty" has no text`}, nil},
		{"alias without a --- line", "tags/fw.ytag", "type: alias\nother: firmware\n", nil, nil,
			[]string{`tags/fw.ytag:2: alias tag names "firmware", which is no tag here: its name is not added to any tag`}},
		{"alias naming no tag", "tags/fw.ytag", "type: alias\n", nil,
			[]string{"tags/fw.ytag:1: alias tag names no tag: give its name as other: NAME"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadOne(t, tt.path, tt.src, Options{})
			if got := problemStrings(c.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems %q, want %q", got, tt.problems)
			}
			if got := problemStrings(c.Warnings); !reflect.DeepEqual(got, tt.notes) {
				t.Errorf("notes %q, want %q", got, tt.notes)
			}
			var got []pair
			for _, p := range c.Passages {
				if p.Kind != KindFAQ {
					t.Errorf("%s is a %s, want an FAQ pair", p.ID, p.Kind)
				}
				got = append(got, pair{p.ID, p.Question, p.Aliases, p.Text, p.Line})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// A tag file is Markdown after its header, and is held to the Markdown
// limits: its size, and its questions and aliases.
func TestTagFileLimits(t *testing.T) {
	if got := MaxFileBytes("tags/faq/big.YTAG"); got != maxMarkdownBytes {
		t.Errorf("MaxFileBytes(.YTAG) = %d, want %d", got, maxMarkdownBytes)
	}
	if got := MaxFileBytes("errors/big.tag"); got != maxMarkdownBytes {
		t.Errorf("MaxFileBytes(.tag) = %d, want %d", got, maxMarkdownBytes)
	}
	big := "type: text\n---\n" + strings.Repeat("Word ", maxMarkdownBytes/5+1)
	c := loadOne(t, "big.tag", big, Options{})
	if len(c.Passages) != 0 || !hasProblem(c.Problems, "big.tag: file too large") {
		t.Errorf("a tag over %d bytes: passages %d, problems %q", maxMarkdownBytes, len(c.Passages), problemStrings(c.Problems))
	}
	long := strings.Repeat("x", maxInlineRunes+1)
	c = loadOne(t, "tags/a.ytag", "type: embed\nembed:\n  title: "+long+"\n---\nText.\n", Options{})
	if len(c.Passages) != 0 || !hasProblem(c.Problems, "tags/a.ytag:5: question longer than") {
		t.Errorf("a title of %d characters: passages %d, problems %q", maxInlineRunes+1, len(c.Passages), problemStrings(c.Problems))
	}
	c = loadOne(t, "tags/b.ytag", "type: alias\nother: a\naliases: ["+long+"]\n", Options{})
	if !hasProblem(c.Problems, "tags/b.ytag:2: alias longer than") {
		t.Errorf("an alias tag's alias of %d characters: problems %q", maxInlineRunes+1, problemStrings(c.Problems))
	}
}
