package content

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// Record is a passage as one line of JSON Lines: the corpus schema of
// FORMAT.md plus section and source, so content read from any format can be
// exported, diffed and read back.
type Record struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"`
	Title    string   `json:"title"`
	Question string   `json:"question,omitempty"`
	Aliases  []string `json:"aliases,omitempty"`
	Text     string   `json:"text"`
	URL      string   `json:"url"`
	Section  string   `json:"section,omitempty"`
	Source   string   `json:"source,omitempty"`
}

// Record returns the passage as a JSON Lines record.
func (p Passage) Record() Record {
	return Record{
		ID:       p.ID,
		Kind:     string(p.Kind),
		Title:    p.Title,
		Question: p.Question,
		Aliases:  p.Aliases,
		Text:     p.Text,
		URL:      p.URL,
		Section:  p.Section,
		Source:   p.Source(),
	}
}

// WriteJSONL writes the passages to w as JSON Lines, one Record a line.
func WriteJSONL(w io.Writer, passages []Passage) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false) // keep "<", ">" and "&" readable in answers
	for _, p := range passages {
		if err := enc.Encode(p.Record()); err != nil {
			return fmt.Errorf("write jsonl %s: %w", p.ID, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write jsonl: %w", err)
	}
	return nil
}
