package content

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// goldenBaseURL is CONTENT_BASE_URL for golden inputs, except those whose
// name starts with "nobase-".
const goldenBaseURL = "https://lantern.example.net/kb/"

// TestGolden reads each input under testdata/<format>/ alone and compares
// its passages (as JSON Lines), synonyms, problems and warnings with
// NAME.golden beside it. Run `go test ./content -update` to rewrite them.
func TestGolden(t *testing.T) {
	for _, format := range []string{"md", "txt", "jsonl", "csv", "synonyms", "html"} {
		inputs, err := filepath.Glob(filepath.Join("testdata", format, "*"))
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range inputs {
			if strings.HasSuffix(in, ".golden") {
				continue
			}
			t.Run(format+"/"+filepath.Base(in), func(t *testing.T) {
				opts := Options{BaseURL: goldenBaseURL}
				if strings.HasPrefix(filepath.Base(in), "nobase-") {
					opts.BaseURL = ""
				}
				c, err := LoadPath(context.Background(), filepath.ToSlash(in), opts)
				if err != nil {
					t.Fatal(err)
				}
				got := goldenText(t, c)
				golden := strings.TrimSuffix(in, filepath.Ext(in)) + ".golden"
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./content -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("output differs from %s (run with -update and review the diff):\n%s", golden, got)
				}
			})
		}
	}
}

// goldenText renders a collection: the passages as JSON Lines, then one
// line per synonym, problem and warning.
func goldenText(t *testing.T, c *Collection) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSONL(&b, c.Passages); err != nil {
		t.Fatal(err)
	}
	for _, s := range c.Synonyms {
		line, err := json.Marshal(struct {
			Input  []string `json:"input,omitempty"`
			Terms  []string `json:"terms"`
			Source string   `json:"source"`
		}{s.Input, s.Terms, Passage{File: s.File, Line: s.Line}.Source()})
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString("synonym: ")
		b.Write(line)
		b.WriteByte('\n')
	}
	for _, p := range c.Problems {
		b.WriteString("problem: " + p.Error() + "\n")
	}
	for _, w := range c.Warnings {
		b.WriteString("warning: " + w.Error() + "\n")
	}
	return b.Bytes()
}
