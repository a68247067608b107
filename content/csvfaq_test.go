package content

import (
	"reflect"
	"testing"
)

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		want     []brief
		problems []string
	}{
		{
			name: "columns in any order and case",
			src:  " URL , Answer,QUESTION\nhttps://e.org/a,Yes.,Can I?\n",
			want: []brief{{"s.csv#can-i", "", "Can I?", "Yes.", "https://e.org/a", 2}},
		},
		{
			name: "quoted multi-line answer and line numbers",
			src:  "question,answer,url,section\n\"Q1?\",\"Line one\nline two\",,Basics\nQ2?,A2,,\n",
			want: []brief{
				{"s.csv#q1", "Basics", "Q1?", "Line one\nline two", "https://kb.e.org/s.csv", 2},
				{"s.csv#q2", "", "Q2?", "A2", "https://kb.e.org/s.csv", 4},
			},
		},
		{
			name:     "missing columns",
			src:      "question,notes\nQ?,A\n",
			problems: []string{`s.csv:1: missing column "answer", "url"; columns not read: "notes"`},
		},
		{
			name:     "short and long rows",
			src:      "question,answer,url\nQ1?,A1\nQ2?,A2,,extra\nQ3?,A3,\n",
			want:     []brief{{"s.csv#q3", "", "Q3?", "A3", "https://kb.e.org/s.csv", 4}},
			problems: []string{"s.csv:2: row has 2 fields, header has 3", "s.csv:3: row has 4 fields, header has 3"},
		},
		{
			name:     "empty cells",
			src:      "question,answer,url\n,A,\nQ?,,\n,,\n",
			problems: []string{"s.csv:2: empty question", `s.csv:3: question without an answer: "Q?"`},
		},
		{
			name:     "empty file",
			src:      "",
			problems: []string{"s.csv:1: empty file: want a header row with question, answer, url"},
		},
		{
			name: "unclosed quote: reported where it opens, the next rows still read",
			src:  "question,answer,url\n\"Q1?,A1,\nQ2?,A2,\nQ3?,A3,\n",
			want: []brief{
				{"s.csv#q2", "", "Q2?", "A2", "https://kb.e.org/s.csv", 3},
				{"s.csv#q3", "", "Q3?", "A3", "https://kb.e.org/s.csv", 4},
			},
			problems: []string{`s.csv:2: invalid CSV: extraneous or missing " in quoted-field`},
		},
		{
			name:     "text after a closing quote",
			src:      "question,answer,url\nQ1?,\"A1 \"x\" y\",\nQ2?,A2,\n",
			want:     []brief{{"s.csv#q2", "", "Q2?", "A2", "https://kb.e.org/s.csv", 3}},
			problems: []string{`s.csv:2: invalid CSV: extraneous or missing " in quoted-field`},
		},
		{
			name: "unclosed quote after a multi-line row",
			src:  "question,answer,url\n\"Q1?\",\"two\nlines\",\nQ2?,\"open,\nQ3?,A3,\n",
			want: []brief{
				{"s.csv#q1", "", "Q1?", "two\nlines", "https://kb.e.org/s.csv", 2},
				{"s.csv#q3", "", "Q3?", "A3", "https://kb.e.org/s.csv", 5},
			},
			problems: []string{`s.csv:4: invalid CSV: extraneous or missing " in quoted-field`},
		},
		{
			name:     "bare quote",
			src:      "question,answer,url\nQ1 \"x\"?,A1,\nQ2?,A2,\n",
			want:     []brief{{"s.csv#q2", "", "Q2?", "A2", "https://kb.e.org/s.csv", 3}},
			problems: []string{`s.csv:2: invalid CSV: bare " in non-quoted-field`},
		},
		{
			name:     "unclosed quote in the header",
			src:      "\"question,answer,url\nQ1?,A1,\n",
			problems: []string{`s.csv:1: invalid CSV header: extraneous or missing " in quoted-field`},
		},
		{
			name: "semicolons, a comma quoted in the header",
			src:  "question;answer;url;\"notes, internal\"\nHow?;\"This; then that\";;x\n",
			want: []brief{{"s.csv#how", "", "How?", "This; then that", "https://kb.e.org/s.csv", 2}},
		},
		{
			name:     "duplicate questions",
			src:      "question,answer,url\nSame?,One,\nSame?,Two,\n",
			want:     []brief{{"s.csv#same", "", "Same?", "One", "https://kb.e.org/s.csv", 2}},
			problems: []string{"s.csv:3: duplicate id s.csv#same, first at s.csv:2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := loadOne(t, "s.csv", tt.src, Options{BaseURL: "https://kb.e.org"})
			if got := briefs(c.Passages); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("passages\n got %+v\nwant %+v", got, tt.want)
			}
			if got := problemStrings(c.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}

func TestReadCSVAliasesAndTitle(t *testing.T) {
	c := loadOne(t, "guild_faq.csv", "question,answer,url,aliases,title\nQ?,A,, one | two ||,\nR?,B,,,Custom\n", Options{})
	if len(c.Passages) != 2 {
		t.Fatalf("got %d passages, want 2 (problems %q)", len(c.Passages), problemStrings(c.Problems))
	}
	if got := c.Passages[0].Aliases; !reflect.DeepEqual(got, []string{"one", "two"}) {
		t.Errorf("aliases %q", got)
	}
	if c.Passages[0].Title != "Guild FAQ" || c.Passages[1].Title != "Custom" {
		t.Errorf("titles %q, %q", c.Passages[0].Title, c.Passages[1].Title)
	}
}

// TestReadCSVFieldNames: the columns' other names (fieldNames), as help
// desks and other bots export them, in any case and with any separators.
func TestReadCSVFieldNames(t *testing.T) {
	const none = `no column read (found "Frage", "Antwort", "Notiz"): name them question, answer, aliases, url, title, section or id`
	runFieldNames(t, "s.csv", []fieldNamesCase{
		{name: "a help desk's names",
			src:  "Q,Reply,Source_URL,Topic,Other-Phrasings\nCan I?,Yes.,https://e.org/a,Basics,may I|could I\n",
			want: []entryView{{"s.csv#can-i", "S", "Basics", "Can I?", []string{"may I", "could I"}, "Yes.", "https://e.org/a", 2}}},
		{name: "a QnA Maker export, its own id kept within the file",
			src:  "Question,Answer,Source,Metadata,SuggestedQuestions,IsContextOnly,Prompts,QnaId\nCan I?,Yes.,https://e.org/a,,[],false,[],12\n",
			want: []entryView{{"s.csv#12", "S", "", "Can I?", nil, "Yes.", "https://e.org/a", 2}}},
		{name: "the preferred column's empty cell gives way",
			src: "question,response,answer,link,url\nCan I?,Maybe.,Yes.,https://e.org/l,\nMay I?,No.,,https://e.org/l,https://e.org/u\n",
			want: []entryView{
				{"s.csv#can-i", "S", "", "Can I?", nil, "Yes.", "https://e.org/l", 2},
				{"s.csv#may-i", "S", "", "May I?", nil, "No.", "https://e.org/u", 3},
			}},
		{name: "an answer column preferred to a text column",
			src:  "question,text,answer,url\nCan I?,see notes,Yes.,\n",
			want: []entryView{{"s.csv#can-i", "S", "", "Can I?", nil, "Yes.", "https://kb.e.org/s.csv", 2}}},
		{name: "no column read", src: "Frage,Antwort,Notiz\nKann ich?,Ja.,\n", problems: []string{"s.csv:1: " + none}},
		{name: "some columns read", src: "Frage,Answer,Link\nKann ich?,Ja.,\n",
			problems: []string{`s.csv:1: missing column "question"; columns not read: "Frage"`}},
	})
}
