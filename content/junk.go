package content

import (
	"regexp"
	"strings"
	"unicode"
)

// Scraped pages carry leftovers of the web page around the article: markup,
// navigation, share buttons, image names. These patterns recognise such
// lines so that only the article's own text becomes passages.
var (
	// htmlRE matches markup: a complete tag, a closing tag, an opening tag
	// cut off after an attribute, or a self-closing end.
	htmlRE = regexp.MustCompile(`</[A-Za-z][\w-]*\s*>|<[A-Za-z][\w-]*(\s+[\w:-]+(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?)*\s*/?>|<[A-Za-z][\w-]*\s+[\w:-]+\s*=\s*["']|/>`)
	// bareURLRE matches a line that is only a link or a domain name.
	bareURLRE = regexp.MustCompile(`(?i)^(https?://\S+|www\.\S+|[\w-]+(\.[\w-]+)*\.[a-z]{2,}(/\S*)?)$`)
	// imageRE matches an image file name.
	imageRE = regexp.MustCompile(`(?i)\S+\.(jpe?g|png|gif|webp|svg|bmp|avif|tiff?)(\?\S*)?\b`)
	// bylineRE matches a short author or date line above the article.
	bylineRE = regexp.MustCompile(`(?i)^(by|posted by|written by|published|updated|last updated)\b`)
)

// boilerplate lines, compared lowercased and without surrounding punctuation.
var boilerplate = map[string]bool{
	"table of contents": true, "contents": true, "advertisement": true,
	"advertisements": true, "ad": true, "sponsored": true, "sponsored content": true,
	"share": true, "share this": true, "share this article": true, "share this post": true,
	"share on facebook": true, "share on twitter": true, "share on x": true, "tweet": true,
	"skip to content": true, "skip to main content": true, "read more": true,
	"read next": true, "continue reading": true, "related": true, "related articles": true,
	"related posts": true, "related stories": true, "you may also like": true,
	"recommended": true, "recommended for you": true, "more stories": true,
	"subscribe": true, "subscribe to our newsletter": true, "sign up for our newsletter": true,
	"click here": true, "print": true, "email": true, "comments": true,
	"leave a comment": true, "leave a reply": true, "menu": true, "home": true,
	"back to top": true, "image": true, "photo": true, "video": true, "loading": true,
	"accept cookies": true, "follow us": true, "newsletter": true, "trending": true,
}

// boilerplatePrefixes start short navigation lines ("Read more: ...").
var boilerplatePrefixes = []string{
	"read more", "read also", "see also", "related:", "share this", "follow us",
	"subscribe to", "sign up for", "click here", "image:", "photo:", "image credit",
	"photo credit", "source:", "advertisement",
}

// isJunk reports whether a trimmed line of scraped text is page debris
// rather than article text.
func isJunk(line string) bool {
	if line == "" {
		return true
	}
	if strings.Contains(line, `">`) || htmlRE.MatchString(line) {
		return true
	}
	if !strings.ContainsFunc(line, unicode.IsLetter) {
		return true // punctuation, digits, dates like 12/03/2024
	}
	if bareURLRE.MatchString(line) {
		return true
	}
	lower := strings.ToLower(line)
	if strings.Contains(lower, "[image") || strings.Contains(lower, "[img") || strings.Contains(lower, "[photo") {
		return true
	}
	words := len(strings.Fields(line))
	if imageRE.MatchString(line) && (words <= 6 || strings.Contains(lower, "placeholder")) {
		return true
	}
	bare := strings.TrimFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	if boilerplate[bare] {
		return true
	}
	if words <= 8 {
		for _, p := range boilerplatePrefixes {
			if strings.HasPrefix(lower, p) {
				return true
			}
		}
		if words <= 6 && bylineRE.MatchString(line) && !strings.ContainsAny(line[len(line)-1:], ".!?") {
			return true
		}
	}
	return false
}
