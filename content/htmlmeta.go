package content

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// savedFromRE matches the comment browsers put at the top of a page they
// save ("mark of the web"), which faqbot fetch writes too:
// <!-- saved from url=(0026)https://example.org/faq -->.
var savedFromRE = regexp.MustCompile(`^\s*saved from url=\(\d{4}\)(\S+)\s*$`)

// SavedFromComment is the comment that records where a saved page came
// from, in the form browsers write it; the HTML reader links to that URL
// when the page names no canonical one.
func SavedFromComment(pageURL string) string {
	return fmt.Sprintf("<!-- saved from url=(%04d)%s -->", len(pageURL), pageURL)
}

// pageMeta is what a page says about itself.
type pageMeta struct {
	ogTitle, title, siteName string // og:title, <title>, og:site_name
	url                      string // absolute http(s) URL of the page, "" when unknown
}

// readPageMeta reads the title and address of a page from its head: the
// Open Graph tags, <title>, <link rel=canonical> and the saved-from
// comment.
func readPageMeta(doc *html.Node) pageMeta {
	var ogTitle, ogURL, siteName, title, canonical, savedFrom string
	for c := doc.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.CommentNode && savedFrom == "" {
			if m := savedFromRE.FindStringSubmatch(c.Data); m != nil {
				savedFrom = m[1]
			}
		}
	}
	first := func(dst *string, v string) {
		if *dst == "" {
			*dst = strings.Join(strings.Fields(v), " ")
		}
	}
	for _, n := range findAll(doc, func(n *html.Node) bool {
		return isElement(n, atom.Title, atom.Meta, atom.Link)
	}) {
		switch n.DataAtom {
		case atom.Title:
			first(&title, textContent(n))
		case atom.Meta:
			prop := strings.ToLower(attr(n, "property"))
			if prop == "" {
				prop = strings.ToLower(attr(n, "name"))
			}
			switch prop {
			case "og:title":
				first(&ogTitle, attr(n, "content"))
			case "og:url":
				first(&ogURL, attr(n, "content"))
			case "og:site_name":
				first(&siteName, attr(n, "content"))
			}
		case atom.Link:
			for _, rel := range strings.Fields(strings.ToLower(attr(n, "rel"))) {
				if rel == "canonical" {
					first(&canonical, attr(n, "href"))
				}
			}
		}
	}
	return pageMeta{ogTitle: ogTitle, title: title, siteName: siteName, url: pageURL(canonical, ogURL, savedFrom)}
}

// titleSeparators part a page's own title from the site's name in
// <title>: "Guild FAQ | Lantern", "Install – Docs".
var titleSeparators = []string{" | ", " – ", " — ", " - ", " · ", " :: ", " » "}

// pageTitle picks a page's title: og:title, which sites set for sharing
// and keep free of the site's name; else <title> without a trailing site
// name (the part after a separator, when the page's <h1> or og:site_name
// shows which part is the page's); else the first <h1>.
func pageTitle(ogTitle, title, h1, siteName string) string {
	if ogTitle != "" {
		return ogTitle
	}
	if title == "" {
		return h1
	}
	for _, sep := range titleSeparators {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if strings.EqualFold(head, h1) || siteName != "" && strings.EqualFold(tail, siteName) {
			return head
		}
	}
	return title
}

// pageURL picks a page's address: its canonical link, else og:url, else
// the saved-from URL; relative ones are resolved against the saved-from
// URL. Anything but an absolute http(s) URL is ignored.
func pageURL(canonical, ogURL, savedFrom string) string {
	var base *url.URL
	if u, err := url.Parse(savedFrom); err == nil && absoluteHTTP(u) {
		base = u
	}
	for _, cand := range []string{canonical, ogURL, savedFrom} {
		cand = strings.TrimSpace(cand)
		if cand == "" {
			continue
		}
		u, err := url.Parse(cand)
		if err != nil {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if absoluteHTTP(u) {
			return u.String()
		}
	}
	return ""
}

// absoluteHTTP reports whether u is an absolute http or https URL.
func absoluteHTTP(u *url.URL) bool {
	return (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
