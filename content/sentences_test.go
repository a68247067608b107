package content

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"blank", " \n\t ", nil},
		{"one", "Raids start at eight.", []string{"Raids start at eight."}},
		{"no final period", "Hello there", []string{"Hello there"}},
		{"two", "Raids start at eight. Be early!", []string{"Raids start at eight.", "Be early!"}},
		{"question and exclamation", "Ready? Go! Now.", []string{"Ready?", "Go!", "Now."}},
		{"abbreviation e.g.", "Bring food, e.g. bread. Then log in.", []string{"Bring food, e.g. bread.", "Then log in."}},
		{"initials", "The U.S. server opens first. The EU one follows.", []string{"The U.S. server opens first.", "The EU one follows."}},
		{"title", "Ask Dr. Moss about it. She knows.", []string{"Ask Dr. Moss about it.", "She knows."}},
		{"decimal", "Patch 3.5 is out. Update now.", []string{"Patch 3.5 is out.", "Update now."}},
		{"domain", "See lantern.example.net for news. Thanks.", []string{"See lantern.example.net for news.", "Thanks."}},
		{"closing quote", `He said "stop." Then he left.`, []string{`He said "stop."`, "Then he left."}},
		{"curly quote", "“I agree,” she said. “Me too.” Fine.", []string{"“I agree,” she said.", "“Me too.”", "Fine."}},
		{"lowercase next word", "It costs approx. five gold. Cheap.", []string{"It costs approx. five gold.", "Cheap."}},
		{"ellipsis", "Wait... What happened?", []string{"Wait...", "What happened?"}},
		{"no space after period", "It ended.Then more", []string{"It ended.Then more"}},
		{"blank line", "First part\n\nSecond part", []string{"First part", "Second part"}},
		{"soft wrap", "A sentence that\nwraps over lines. Next.", []string{"A sentence that\nwraps over lines.", "Next."}},
		{"list items", "Steps:\n- Open it\n- Close it", []string{"Steps:", "- Open it", "- Close it"}},
		{"numbered list", "Steps:\n1. Open it\n2. Close it", []string{"Steps:", "1. Open it", "2. Close it"}},
		{"number at sentence end", "We won in 2024. Again soon.", []string{"We won in 2024.", "Again soon."}},
		{"bold end", "This is **important.** Read it.", []string{"This is **important.**", "Read it."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkSentenceWords(t, tt.in, got)
		})
	}
}

// checkSentenceWords checks the promises of Sentences: trimmed, non-empty,
// and the words of the text in order.
func checkSentenceWords(t *testing.T, text string, got []string) {
	t.Helper()
	for _, s := range got {
		if s == "" || s != strings.TrimSpace(s) {
			t.Errorf("sentence %q is empty or not trimmed", s)
		}
	}
	if a, b := strings.Fields(strings.Join(got, " ")), strings.Fields(text); !reflect.DeepEqual(a, b) {
		t.Errorf("words differ:\n got %q\nwant %q", a, b)
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"A. B? C!", "U.S. e.g. 3.5 “x.” y", "- a\n- b\n\n1. c", "…!?.", "a .b . c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkSentenceWords(t, text, Sentences(text))
	})
}

func BenchmarkSentences(b *testing.B) {
	for _, n := range []int{10, 1000} {
		text := strings.Repeat("The quartermaster checks the ledger, e.g. on Sundays. Is it right? Yes! ", n)
		b.Run(fmt.Sprintf("sentences=%d", 3*n), func(b *testing.B) {
			for b.Loop() {
				Sentences(text)
			}
		})
	}
}
