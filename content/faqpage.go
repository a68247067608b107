package content

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxFAQItems bounds the pairs read from one page's structured data.
const maxFAQItems = 1000

// maxJSONDepth bounds how deep the reader looks into JSON-LD for FAQPage
// objects.
const maxJSONDepth = 16

// faqItem is one question of a page's schema.org FAQPage data.
type faqItem struct {
	q, a string
	line int // of the <script> that holds it
}

// faqPageData reads the schema.org FAQPage objects of a page's JSON-LD
// (<script type="application/ld+json">): every Question with its
// acceptedAnswer (or first suggestedAnswer), answer HTML turned into text.
// FAQPage data in microdata is part of the page's text and is read with
// it. Scripts that are not valid JSON are noted and skipped.
func faqPageData(doc *html.Node) ([]faqItem, []Problem) {
	var items []faqItem
	var notes []Problem
	scripts := findAll(doc, func(n *html.Node) bool {
		return n.DataAtom == atom.Script && strings.EqualFold(strings.TrimSpace(strings.Split(attr(n, "type"), ";")[0]), "application/ld+json")
	})
	for _, s := range scripts {
		raw := strings.TrimSpace(textContent(s))
		raw = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(raw, "<!--"), "-->"))
		if raw == "" {
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			notes = append(notes, Problem{Line: nodeLine(s), Msg: "structured data (JSON-LD) skipped: not valid JSON: " + err.Error()})
			continue
		}
		line := nodeLine(s)
		walkJSONLD(v, 0, func(q, a string) {
			if len(items) < maxFAQItems {
				items = append(items, faqItem{q: q, a: a, line: line})
			}
		})
	}
	return items, notes
}

// walkJSONLD finds FAQPage objects anywhere in a JSON-LD value (alone, in
// an array, in @graph, or as another object's mainEntity) and calls found
// with each of their questions that has an answer.
func walkJSONLD(v any, depth int, found func(q, a string)) {
	if depth > maxJSONDepth {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			walkJSONLD(e, depth+1, found)
		}
	case map[string]any:
		if hasType(v, "FAQPage") {
			for _, q := range asList(v["mainEntity"]) {
				if qm, ok := q.(map[string]any); ok && hasType(qm, "Question") {
					question := oneLine(htmlToText(jsonString(qm["name"])))
					answer := questionAnswer(qm)
					if question != "" && answer != "" {
						found(question, answer)
					}
				}
			}
			return
		}
		for _, e := range v {
			walkJSONLD(e, depth+1, found)
		}
	}
}

// questionAnswer is the text of a Question's acceptedAnswer, else of its
// first suggestedAnswer.
func questionAnswer(q map[string]any) string {
	for _, key := range []string{"acceptedAnswer", "suggestedAnswer"} {
		for _, a := range asList(q[key]) {
			if am, ok := a.(map[string]any); ok {
				if t := htmlToText(jsonString(am["text"])); t != "" {
					return t
				}
			}
		}
	}
	return ""
}

// hasType reports whether a JSON-LD object's @type is (or includes) t, with
// or without the schema.org prefix.
func hasType(m map[string]any, t string) bool {
	for _, v := range asList(m["@type"]) {
		s, _ := v.(string)
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https://schema.org/"), "http://schema.org/")
		if strings.EqualFold(strings.TrimPrefix(s, "schema:"), t) {
			return true
		}
	}
	return false
}

// asList is v as a list: itself when it is one, else a list of v.
func asList(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	default:
		return []any{v}
	}
}

// jsonString is v when it is a string, else "".
func jsonString(v any) string {
	s, _ := v.(string)
	return s
}

// htmlToText is the text of an HTML snippet (answers in structured data
// may hold paragraphs, lists and links), blocks apart by blank lines.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return tidyLines(s)
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		return tidyLines(s)
	}
	return answerText(nodes, 0)
}

// newFAQItems are the structured items whose question is not among the
// FAQ pairs read from the page's text, each question once.
func newFAQItems(drafts []draft, items []faqItem) []faqItem {
	seen := map[string]bool{}
	for _, d := range drafts {
		if d.Kind == KindFAQ {
			seen[normText(d.Question)] = true
		}
	}
	var out []faqItem
	for _, it := range items {
		k := normText(it.q)
		if !seen[k] {
			seen[k] = true
			out = append(out, it)
		}
	}
	return out
}

// minRepeatRunes is the shortest paragraph dropped for standing inside a
// structured answer: shorter ones ("Yes.") may be a text of their own.
const minRepeatRunes = 40

// repeatsFAQ returns the index of the structured item a paragraph only
// repeats (it is the question, the answer, or a long part of the answer),
// or -1.
func repeatsFAQ(text string, items []faqItem) int {
	t := normText(text)
	if t == "" {
		return -1
	}
	for k, it := range items {
		a := normText(it.a)
		if t == normText(it.q) || t == a || len([]rune(t)) >= minRepeatRunes && strings.Contains(a, t) {
			return k
		}
	}
	return -1
}

// continuesAnswer reports whether a paragraph that follows a repeat of
// the item is a further part of its answer.
func continuesAnswer(text string, it faqItem) bool {
	t := normText(text)
	return t != "" && strings.Contains(normText(it.a), t)
}

// normText is text for comparing: lower case, white space collapsed, no
// closing punctuation.
func normText(s string) string {
	return strings.TrimRight(strings.ToLower(oneLine(s)), " ?.!:;")
}
