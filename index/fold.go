package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"golang.org/x/text/unicode/norm"
)

// foldName names the token filter that reads letters which look and mean
// the same as one: compatibility forms (full-width "ｒｅｌｏａｄ", the
// ligature in "ﬁle") become their plain letters, and accents on Latin
// letters are dropped ("café" is "cafe", "résumé" is "resume"), in content
// and questions alike. Marks of other scripts are kept: there they make
// different letters, not accented ones.
const foldName = "faqbot_fold"

func init() { registerTokenFilter(foldName, foldFilter{}) }

// foldFilter applies fold to every token.
type foldFilter struct{}

// Filter folds each token's term in place.
func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		t.Term = fold(t.Term)
	}
	return in
}

// fold is term in compatibility form (NFKC) with the accents of Latin
// letters left out. Plain ASCII, nearly every term, is returned as is.
func fold(term []byte) []byte {
	if isASCII(term) {
		return term
	}
	d := norm.NFKD.Bytes(term)
	out := make([]byte, 0, len(d))
	var base rune
	for i := 0; i < len(d); {
		r, n := utf8.DecodeRune(d[i:])
		i += n
		if unicode.Is(unicode.Mn, r) {
			if unicode.Is(unicode.Latin, base) {
				continue
			}
		} else {
			base = r
		}
		out = utf8.AppendRune(out, r)
	}
	return norm.NFC.Bytes(out)
}

// isASCII reports whether b is all ASCII.
func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
