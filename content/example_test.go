package content_test

import (
	"context"
	"fmt"
	"testing/fstest"

	"faqbot/content"
)

func ExampleLoad() {
	fsys := fstest.MapFS{
		"faq.md": {Data: []byte(`# Guild FAQ

## How do I join?
Also: how to apply

Post in #apply and an officer will reply.

## Is voice chat required?
`)},
		"synonyms.txt": {Data: []byte("join, apply, sign up\n")},
	}
	c, err := content.Load(context.Background(), fsys, "content", content.Options{BaseURL: "https://kb.example.org"})
	if err != nil {
		fmt.Println("load:", err)
		return
	}
	for _, p := range c.Passages {
		fmt.Printf("%s [%s] %q -> %q\n  %s\n", p.ID, p.Kind, p.Question, p.Text, p.URL)
	}
	fmt.Println("synonyms:", c.Synonyms[0].Terms)
	fmt.Println(c.Err())
	// Output:
	// faq.md#how-do-i-join [faq] "How do I join?" -> "Post in #apply and an officer will reply."
	//   https://kb.example.org/faq.md#how-do-i-join
	// synonyms: [join apply sign up]
	// content/faq.md:8: question without an answer: "Is voice chat required?"
}
