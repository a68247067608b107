package content

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

// Alias tags give the tag they name their own names as other ways to ask
// it, in whatever file and folder either is, as the bot finds tags by name.
func TestAliasTags(t *testing.T) {
	fsys := fstest.MapFS{
		"tags/faq/firmware.ytag": {Data: []byte("type: embed\nembed:\n    title: Updating the firmware\n---\nHold SHIFT while powering on.\n")},
		"tags/faq/fw.ytag":       {Data: []byte("type: alias\ntarget: faq/firmware\n")},
		"tags/faq/Flash.ytag":    {Data: []byte("type: alias\n\nother: FIRMWARE\n")},
		"tags/faq/update.ytag":   {Data: []byte("type: alias\nother: fw\n")},                                // an alias of an alias
		"tags/a-first.ytag":      {Data: []byte("type: alias\nother: Warranty\naliases: [broken synth]\n")}, // read before its tag
		"tags/info/warranty.tag": {Data: []byte("type: text\naliases: repair\n---\nTwo years.\n")},
		"tags/rules.md":          {Data: []byte("# Server rules\nBe kind.\n")}, // a Markdown tag
		"tags/rulez.ytag":        {Data: []byte("type: alias\nother: rules.md\n---\nSee the rules.\n")},
		"tags/x/dup.ytag":        {Data: []byte("type: text\n---\nThe x one.\n")},
		"tags/y/dup.ytag":        {Data: []byte("type: text\n---\nThe y one.\n")},
		"tags/x/near.ytag":       {Data: []byte("type: alias\nother: dup\n")}, // the dup beside it
		"tags/z/far.ytag":        {Data: []byte("type: alias\nother: dup\n")}, // neither is beside it
		"tags/z/exact.ytag":      {Data: []byte("type: alias\nother: y/dup\n")},
		"tags/loop/a.ytag":       {Data: []byte("type: alias\nother: b\n")},
		"tags/loop/b.ytag":       {Data: []byte("type: alias\nother: a\n")},
		"tags/ghost.ytag":        {Data: []byte("type: alias\ntarget: faq/wavetables\n")},
		"tags/broken.ytag":       {Data: []byte("type: text\nembed:\n  title: [x\n---\nLost.\n")},
		"notes.md":               {Data: []byte("An article.\n")},
	}
	c, err := Load(context.Background(), fsys, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range c.Passages {
		got[p.ID] = p.Aliases
	}
	want := map[string][]string{
		"tags/faq/firmware.ytag#updating-the-firmware": {"firmware", "Flash", "fw", "update"},
		"tags/info/warranty.tag#warranty":              {"repair", "a first", "broken synth"},
		"tags/rules.md#server-rules":                   {"rules", "rulez"},
		"tags/x/dup.ytag#dup":                          {"near"},
		"tags/y/dup.ytag#dup":                          {"exact"},
		"notes.md#p-1":                                 nil,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("aliases\n got %q\nwant %q", got, want)
	}
	wantNotes := []string{
		"tags/rulez.ytag:4: the text of an alias tag is not read: it answers as the tag it names",
		"tags/ghost.ytag:2: alias tag names \"faq/wavetables\", which is no tag here: its name is not added to any tag",
		"tags/loop/a.ytag:2: alias tag names \"b\", an alias tag that leads back to it: its name is not added to any tag",
		"tags/loop/b.ytag:2: alias tag names \"a\", an alias tag that leads back to it: its name is not added to any tag",
		"tags/z/far.ytag:2: alias tag names \"dup\", the name of 2 tags (tags/x/dup.ytag, tags/y/dup.ytag): name one with its folder: its name is not added to any tag",
	}
	if got := problemStrings(c.Warnings); !reflect.DeepEqual(got, wantNotes) {
		t.Errorf("notes\n got %q\nwant %q", got, wantNotes)
	}
	wantProblems := []string{"tags/broken.ytag:3: invalid front matter: did not find expected ',' or ']'"}
	if got := problemStrings(c.Problems); !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("problems %q, want %q", got, wantProblems)
	}
}

// Alias tags add no more aliases to a tag than any entry keeps.
func TestAliasTagsLimit(t *testing.T) {
	names := make([]string, maxAliases) // its own name is its question's
	for i := range names {
		names[i] = fmt.Sprintf("n%d", i)
	}
	fsys := fstest.MapFS{
		"tags/full.ytag":  {Data: []byte("type: text\naliases: " + strings.Join(names, ", ") + "\n---\nText.\n")},
		"tags/extra.ytag": {Data: []byte("type: alias\nother: full\n")},
	}
	c, err := Load(context.Background(), fsys, "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Passages) != 1 || len(c.Passages[0].Aliases) != maxAliases {
		t.Fatalf("passages %+v, want one with %d aliases", c.Passages, maxAliases)
	}
	want := []string{fmt.Sprintf("tags/extra.ytag:2: the tag it names (tags/full.ytag) has more than %d aliases with its names: the first %d are kept", maxAliases, maxAliases)}
	if got := problemStrings(c.Problems); !reflect.DeepEqual(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
}
