package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// compoundsName names the token filter that reads a word written in two
// ("log in", "sign-up", "wi-fi", "user name") as the compound written in
// one ("login", "signup", "wifi", "username") too, in content and
// questions alike: moderators and members write them either way, and
// apart they share no term with the compound. It runs after the lower-case
// filter.
const compoundsName = "faqbot_compounds"

func init() { registerTokenFilter(compoundsName, compoundsFilter{}) }

// compounds maps the two halves of a compound (lower case) to the compound.
// Only pairs that mean the compound wherever they stand side by side are
// here ("check out" a video is no checkout).
var compounds = func() map[[2]string]string {
	m := map[[2]string]string{}
	for _, pair := range strings.Fields("log+in log+out sign+up sign+in sign+out set+up wi+fi e+mail user+name " +
		"pass+word screen+shot mod+pack back+up time+zone add+on plug+in key+bind hot+key short+cut " +
		"web+site home+page live+stream game+play walk+through play+through work+around " +
		"touch+screen head+set head+phones lap+top on+line off+line up+load down+load shut+down start+up") {
		a, b, _ := strings.Cut(pair, "+")
		m[[2]string{a, b}] = a + b
	}
	return m
}()

// compoundsFilter adds compounds after their first halves (see
// compounds).
type compoundsFilter struct{}

// Filter adds, after the first of two neighbouring tokens one space or
// hyphen apart that are the halves of a compound, the compound as a token
// of its own at the same position. The halves stay: "set up a reminder"
// still matches "set a reminder".
func (compoundsFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	var out analysis.TokenStream // nil until a compound is found
	for i, t := range in {
		if out != nil {
			out = append(out, t)
		}
		if i+1 == len(in) {
			break
		}
		next := in[i+1]
		if next.Position != t.Position+1 || next.Start-t.End > 1 {
			continue
		}
		w, ok := compounds[[2]string{string(t.Term), string(next.Term)}]
		if !ok {
			continue
		}
		if out == nil {
			out = append(make(analysis.TokenStream, 0, len(in)+2), in[:i+1]...)
		}
		out = append(out, &analysis.Token{Term: []byte(w), Start: t.Start, End: next.End, Position: t.Position, Type: t.Type})
	}
	if out == nil {
		return in
	}
	return out
}
