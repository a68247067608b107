package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names in the Bleve documents.
const (
	fieldBody     = "body"     // FAQ question, aliases and answer, or the paragraph
	fieldQuestion = "question" // FAQ question and aliases only
	fieldTitle    = "title"    // title and section heading
	fieldKind     = "kind"

	analyzerName      = en.AnalyzerName
	synonymSource     = "moderator-synonyms"
	synonymCollection = "synonyms"
)

// schemaVersion changes whenever the mapping or the document shape changes,
// so that an index built by an older faqbot is never reused.
const schemaVersion = "faqbot-index-v2"

// document is what one passage looks like to Bleve.
type document struct {
	Body     string   `json:"body"`
	Question []string `json:"question,omitempty"`
	Title    string   `json:"title"`
	Kind     string   `json:"kind"`
}

// newMapping builds the index mapping: English analysis with BM25 on every
// text field, moderator synonyms on each, nothing stored (passages are kept
// in memory and looked up by ID), no term vectors (proximity is scored by the
// re-ranker), so that building stays fast and the index small.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = analyzerName
	m.ScoringModel = "bm25"
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	if err := m.AddSynonymSource(synonymSource, map[string]any{
		"collection": synonymCollection,
		"analyzer":   analyzerName,
	}); err != nil {
		return nil, fmt.Errorf("add synonym source: %w", err)
	}

	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerName
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		f.SynonymSource = synonymSource
		return f
	}
	kind := bleve.NewKeywordFieldMapping()
	kind.Store = false
	kind.IncludeInAll = false
	kind.DocValues = false
	kind.IncludeTermVectors = false

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldBody, text())
	doc.AddFieldMappingsAt(fieldQuestion, text())
	doc.AddFieldMappingsAt(fieldTitle, text())
	doc.AddFieldMappingsAt(fieldKind, kind)
	m.DefaultMapping = doc
	return m, nil
}
