package content

import (
	"bytes"
	"errors"
	"testing"
)

func TestWriteJSONL(t *testing.T) {
	ps := []Passage{
		{ID: "faq.md#why", Kind: KindFAQ, Title: "FAQ", Question: "Why?", Aliases: []string{"how come"}, Text: "Because <b> & so.", URL: "https://e.org/faq#why", Section: "Basics", File: "content/faq.md", Line: 4},
		{ID: "a.md#p-1", Kind: KindPassage, Text: "Plain."},
	}
	var b bytes.Buffer
	if err := WriteJSONL(&b, ps); err != nil {
		t.Fatal(err)
	}
	want := `{"id":"faq.md#why","kind":"faq","title":"FAQ","question":"Why?","aliases":["how come"],"text":"Because <b> & so.","url":"https://e.org/faq#why","section":"Basics","source":"content/faq.md:4"}
{"id":"a.md#p-1","kind":"passage","title":"","text":"Plain.","url":""}
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteJSONLError(t *testing.T) {
	err := WriteJSONL(failingWriter{}, []Passage{{ID: "x", Kind: KindPassage, Text: "t"}})
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("disk full")) {
		t.Errorf("err = %v, want the write error", err)
	}
}
