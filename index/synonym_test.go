package index

import (
	"context"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"

	"faqbot/content"
)

// TestSynonymsDoNotAddUp checks the synonym query on a real index: a
// passage with the member's own word scores exactly what it would with no
// synonyms, however many synonyms other passages use; a passage with only a
// synonym is still found; and the query works inside a conjunction, which
// skips ahead through its matches.
func TestSynonymsDoNotAddUp(t *testing.T) {
	ctx := context.Background()
	passages := []content.Passage{
		{ID: "own", Kind: content.KindPassage, Title: "Lists", Text: "Moderators can reload the list with one command.", URL: "https://example.org/a"},
		{ID: "all", Kind: content.KindPassage, Title: "Lists", Text: "Reload, refresh or update the list whenever you like.", URL: "https://example.org/b"},
		{ID: "syn", Kind: content.KindPassage, Title: "Pages", Text: "Refresh the page to see new posts.", URL: "https://example.org/c"},
		{ID: "none", Kind: content.KindPassage, Title: "Pages", Text: "Nothing about it here at all.", URL: "https://example.org/d"},
	}
	syns := []content.Synonym{{Terms: []string{"reload", "refresh", "update"}}}
	ix, err := Build(ctx, passages, Options{Synonyms: syns})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	q, err := ix.parse(ctx, "reload")
	if err != nil {
		t.Fatal(err)
	}
	if len(q.terms) != 1 {
		t.Fatalf("terms %+v, want one", q.terms)
	}
	term := query.NewTermQuery(q.terms[0].term)
	term.SetField(fieldBody)
	synonym := &synonymTerm{term: q.terms[0].term, synonyms: ix.equivalents[q.terms[0].term], field: fieldBody, boost: 1}
	if len(synonym.synonyms) != 2 {
		t.Fatalf("synonyms of %q: %v, want two", synonym.term, synonym.synonyms)
	}

	got, plain := hitMap(bleveHits(t, ix, query.NewDisjunctionQuery([]query.Query{synonym}))), hitMap(bleveHits(t, ix, query.NewDisjunctionQuery([]query.Query{term})))
	if got["own"] != plain["own"] {
		t.Errorf("own word scored %v with synonyms, %v without: synonyms changed it", got["own"], plain["own"])
	}
	for _, id := range []string{"own", "all", "syn"} {
		if _, ok := got[id]; !ok {
			t.Errorf("%s not found: %v", id, got)
		}
	}
	if _, ok := got["none"]; ok {
		t.Errorf("passage with none of the words found: %v", got)
	}
	if _, ok := plain["syn"]; ok {
		t.Fatalf("plain term query found the synonym-only passage: the test compares nothing")
	}

	list := query.NewTermQuery("list")
	list.SetField(fieldBody)
	var ids []string
	for _, h := range bleveHits(t, ix, query.NewConjunctionQuery([]query.Query{synonym, list})) {
		ids = append(ids, h.id)
	}
	slices.Sort(ids)
	if !slices.Equal(ids, []string{"all", "own"}) {
		t.Errorf("reload-or-synonym AND list found %v, want [all own]", ids)
	}
}

func hitMap(hits []scoredHit) map[string]uint64 {
	m := map[string]uint64{}
	for _, h := range hits {
		m[h.id] = h.score
	}
	return m
}

// TestSynonymsRankOwnWordFirst asks the built-in content, whose synonyms
// make "reload", "refresh" and "update" one word, who may reload: the entry
// that asks exactly that ranks first, ahead of the one whose aliases use
// all three words.
func TestSynonymsRankOwnWordFirst(t *testing.T) {
	ctx := context.Background()
	c, err := content.LoadPath(ctx, "../data", content.Options{})
	if err != nil || c.Err() != nil {
		t.Fatalf("load built-in content: %v %v", err, c.Err())
	}
	if len(c.Synonyms) == 0 {
		t.Fatal("built-in content has no synonyms: the test compares nothing")
	}
	ix, err := Build(ctx, c.Passages, Options{Synonyms: c.Synonyms})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	res, err := ix.Search(ctx, "who can reload")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].Passage.ID != "faq.md#who-can-reload-the-content" {
		t.Fatalf("best hit %+v, want faq.md#who-can-reload-the-content", res.Hits)
	}
}
