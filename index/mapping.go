package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Field names in the Bleve documents.
const (
	fieldBody     = "body"     // FAQ question, aliases and answer, or the paragraph
	fieldQuestion = "question" // FAQ question and aliases only
	fieldTitle    = "title"    // title and section heading
	fieldKind     = "kind"

	analyzerName = "faqbot_en"
)

// schemaVersion changes whenever the mapping or the document shape changes,
// so that an index built by an older faqbot is never reused.
const schemaVersion = "faqbot-index-v8"

// document is what one passage looks like to Bleve.
type document struct {
	Body     string   `json:"body"`
	Question []string `json:"question,omitempty"`
	Title    string   `json:"title"`
	Kind     string   `json:"kind"`
}

// newMapping builds the index mapping: English analysis with BM25 on every
// text field, nothing stored (passages are kept
// in memory and looked up by ID), no term vectors (proximity is scored by the
// re-ranker), so that building stays fast and the index small.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := addAnalyzer(m); err != nil {
		return nil, err
	}
	m.DefaultAnalyzer = analyzerName
	m.ScoringModel = "bm25"
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerName
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
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

// extraStopWords join Bleve's English stop words: modal verbs that open
// members' questions ("can I ...") and match answers everywhere without
// saying what they are about. (Phrasings are also compared word for word,
// stop words included, so they still tell "who can" from "how do".)
var extraStopWords = []string{"can"}

// addAnalyzer registers the analyser every text field uses: Bleve's English
// analyser (Unicode words, possessives, lower case, stop words, Porter
// stemming) with extraStopWords, after folding look-alike letters (see
// foldName), with compounds written in two read as one (see compoundsName)
// and chat forms as their words (see chatFormsName).
func addAnalyzer(m *mapping.IndexMappingImpl) error {
	tm := analysis.NewTokenMap()
	if err := tm.LoadBytes(en.EnglishStopWords); err != nil {
		return fmt.Errorf("stop words: %w", err)
	}
	tokens := make([]any, 0, len(tm)+len(extraStopWords))
	for t := range tm {
		tokens = append(tokens, t)
	}
	for _, t := range extraStopWords {
		tokens = append(tokens, t)
	}
	if err := m.AddCustomTokenMap("faqbot_stop_words", map[string]any{"type": tokenmap.Name, "tokens": tokens}); err != nil {
		return fmt.Errorf("stop words: %w", err)
	}
	if err := m.AddCustomTokenFilter("faqbot_stop", map[string]any{"type": stop.Name, "stop_token_map": "faqbot_stop_words"}); err != nil {
		return fmt.Errorf("stop filter: %w", err)
	}
	err := m.AddCustomAnalyzer(analyzerName, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{foldName, en.PossessiveName, lowercase.Name, compoundsName, chatFormsName, "faqbot_stop", porter.Name},
	})
	if err != nil {
		return fmt.Errorf("analyzer: %w", err)
	}
	return nil
}

// registerTokenFilter registers a token filter that takes no settings with
// Bleve under name, so that an index opened from disk, whose mapping names
// it, finds it again.
func registerTokenFilter(name string, f analysis.TokenFilter) {
	err := registry.RegisterTokenFilter(name, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return f, nil
	})
	if err != nil {
		panic(fmt.Sprintf("register token filter %s: %v", name, err))
	}
}
