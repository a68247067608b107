package index

import (
	"github.com/blevesearch/bleve/v2/analysis"
)

// chatFormsName names the token filter that reads words as members type
// them in chat as the words they stand for: contractions without their
// apostrophe ("whats", "dont", "im") and everyday shorthands ("u", "pls",
// "ppl", "vc" for a voice channel). Without it they count as rare words
// the content never uses, so "whats the date" seemed to hold half as much
// of an answer as "what's the date". It runs after the lower-case filter; a form whose word ends in
// "'s" maps to what the possessive filter leaves of it ("whats": "what").
const chatFormsName = "faqbot_chat_forms"

// chatForms maps a typed form (lower case) to the word it stands for. Forms
// that are also everyday words are left out ("ill", "id", "well", "were",
// "shell", "lets").
var chatForms = map[string]string{
	"whats": "what", "hows": "how", "whos": "who", "wheres": "where", "whens": "when", "whys": "why",
	"thats": "that", "theres": "there", "heres": "here",
	"dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "isnt": "isn't", "arent": "aren't",
	"wasnt": "wasn't", "werent": "weren't", "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't",
	"cant": "can't", "couldnt": "couldn't", "shouldnt": "shouldn't", "wouldnt": "wouldn't",
	"wont": "won't", "mustnt": "mustn't",
	"im": "i'm", "ive": "i've", "youre": "you're", "youve": "you've", "youll": "you'll",
	"theyre": "they're", "theyve": "they've", "weve": "we've",
	"u": "you", "ur": "your", "pls": "please", "plz": "please", "thx": "thanks",
	"wanna": "want", "gonna": "going", "gotta": "got", "abt": "about", "cuz": "because",
	"ppl": "people", "pic": "picture", "pics": "pictures", "msg": "message", "msgs": "messages",
	"tmrw": "tomorrow", "tmr": "tomorrow", "vc": "voice", "vcs": "voice",
}

func init() { registerTokenFilter(chatFormsName, chatFormsFilter{}) }

// chatFormsFilter replaces chat forms (see chatForms) by their words.
type chatFormsFilter struct{}

// Filter replaces each token that is a chat form, in place, and reads a
// version written with a "v" as the version ("v3" is "3", as in "3.x";
// "v1.2" is "1.2").
func (chatFormsFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, t := range in {
		if w, ok := chatForms[string(t.Term)]; ok {
			t.Term = []byte(w)
		} else if isVersion(t.Term) {
			t.Term = t.Term[1:]
		}
	}
	return in
}

// isVersion reports whether term is "v" and a version number: digits, with
// dots between them.
func isVersion(term []byte) bool {
	if len(term) < 2 || term[0] != 'v' {
		return false
	}
	for i, c := range term[1:] { // term[i] is the byte before c
		switch {
		case c >= '0' && c <= '9':
		case c == '.' && i > 0 && i < len(term)-2 && term[i] != '.':
		default:
			return false
		}
	}
	return true
}
