package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
)

// maxSitemapURLs is the most URLs one sitemap may list (the sitemap
// protocol's own limit).
const maxSitemapURLs = 50000

// sitemap is what a sitemap.xml lists: pages (<urlset>) or other sitemaps
// (<sitemapindex>).
type sitemap struct {
	pages, sitemaps []*url.URL
}

// parseSitemap reads a sitemap or sitemap index. Locations that are not
// absolute http(s) URLs are left out.
func parseSitemap(body []byte) (sitemap, error) {
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
		Sitemaps []struct {
			Loc string `xml:"loc"`
		} `xml:"sitemap"`
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	if err := dec.Decode(&doc); err != nil {
		return sitemap{}, fmt.Errorf("not a sitemap: %w", err)
	}
	if doc.XMLName.Local != "urlset" && doc.XMLName.Local != "sitemapindex" {
		return sitemap{}, fmt.Errorf("not a sitemap: the document is <%s>, not <urlset> or <sitemapindex>", doc.XMLName.Local)
	}
	var sm sitemap
	add := func(dst *[]*url.URL, loc string) {
		u, err := url.Parse(strings.TrimSpace(loc))
		if err != nil || len(*dst) >= maxSitemapURLs {
			return
		}
		if u = normalize(u); u != nil {
			*dst = append(*dst, u)
		}
	}
	for _, e := range doc.URLs {
		add(&sm.pages, e.Loc)
	}
	for _, e := range doc.Sitemaps {
		add(&sm.sitemaps, e.Loc)
	}
	return sm, nil
}
