package site

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxLinks bounds the links read from one page.
const maxLinks = 5000

// pageInfo is what a page says about crawling it.
type pageInfo struct {
	links    []*url.URL // absolute, normalized, each once, in page order
	noindex  bool       // <meta name="robots" content="noindex">: do not keep it
	nofollow bool       // <meta name="robots" content="nofollow">: do not follow its links
}

// readPage reads the links of an HTML page (<a> and <area>, resolved
// against <base href> or the page's own URL, without those marked
// rel=nofollow) and its robots meta tags.
func readPage(body []byte, pageURL *url.URL) pageInfo {
	var info pageInfo
	base := pageURL
	seen := map[string]bool{}
	var hrefs []string
	z := html.NewTokenizer(bytes.NewReader(body))
	for len(hrefs) < maxLinks {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		t := z.Token()
		switch t.DataAtom {
		case atom.Base:
			if h := attrOf(t, "href"); h != "" && base == pageURL {
				if b, err := pageURL.Parse(h); err == nil {
					base = b
				}
			}
		case atom.Meta:
			name := strings.ToLower(attrOf(t, "name"))
			if name == "robots" || name == "faqbot" {
				for _, d := range strings.FieldsFunc(strings.ToLower(attrOf(t, "content")), func(r rune) bool { return r == ',' || r == ' ' }) {
					switch d {
					case "noindex", "none":
						info.noindex = true
					}
					switch d {
					case "nofollow", "none":
						info.nofollow = true
					}
				}
			}
		case atom.A, atom.Area:
			if rel := " " + strings.ToLower(attrOf(t, "rel")) + " "; strings.Contains(rel, " nofollow ") {
				continue
			}
			if h := strings.TrimSpace(attrOf(t, "href")); h != "" {
				hrefs = append(hrefs, h)
			}
		}
	}
	for _, h := range hrefs {
		u, err := base.Parse(h)
		if err != nil {
			continue
		}
		if u = normalize(u); u == nil || seen[u.String()] {
			continue
		}
		seen[u.String()] = true
		info.links = append(info.links, u)
	}
	return info
}

// attrOf is the value of a token's attribute ("" when absent).
func attrOf(t html.Token, key string) string {
	for _, a := range t.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
