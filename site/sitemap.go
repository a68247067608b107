package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"faqbot/content"
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

// sitemap reads a sitemap (or sitemap index) and queues its pages that are
// on the sitemap's site. A sitemap that cannot be read leaves the fetch
// incomplete: the pages it lists are not known to be gone.
func (f *fetch) sitemap(ctx context.Context, u *url.URL) error {
	read, err := f.readSitemap(ctx, u)
	if !read {
		f.incomplete = true
	}
	return err
}

// readSitemap does the work of sitemap, and reports whether the sitemap
// was read.
func (f *fetch) readSitemap(ctx context.Context, u *url.URL) (read bool, err error) {
	if f.sitemapsRead[u.String()] {
		return true, nil // an index that lists itself, or two that list each other
	}
	if len(f.sitemapsRead) >= maxSitemaps {
		return false, nil
	}
	f.sitemapsRead[u.String()] = true
	if ok, err := f.allowed(ctx, u); !ok || err != nil {
		return false, err
	}
	if fl := f.down(u.Host); fl != nil {
		f.fail(u.String(), fl)
		return false, nil
	}
	done, err := f.wait(ctx, u.Host)
	if err != nil {
		return false, err
	}
	sc := scopeOf(u)
	resp, err := f.c.get(ctx, u, nil, sc.contains)
	done()
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	f.answered(u.Host, err)
	var fl *failure
	if errors.As(err, &fl) {
		f.fail(u.String(), fl)
		return false, nil
	}
	if _, fl := judge(resp.code, false); fl != nil {
		f.fail(u.String(), &failure{failStatus, fl.reason})
		return false, nil
	}
	body := resp.body
	if len(body) > 2 && body[0] == 0x1f && body[1] == 0x8b {
		limit := f.opts.MaxBytes * 4
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err == nil {
			body, err = io.ReadAll(io.LimitReader(zr, limit+1))
		}
		if err != nil {
			f.opts.Log.Debug("fetch: read gzipped sitemap", "url", u.String(), "err", err)
			f.fail(u.String(), &failure{failStatus, "not a readable gzip file"})
			return false, nil
		}
		if int64(len(body)) > limit { // cut short, it would be reported as broken XML
			f.fail(u.String(), &failure{failTooLarge, fmt.Sprintf("larger than the limit of %s once decompressed", content.SizeText(limit))})
			return false, nil
		}
	}
	sm, err := parseSitemap(body)
	if err != nil {
		f.fail(u.String(), &failure{failStatus, err.Error()})
		return false, nil
	}
	if len(sm.pages) == 0 && len(sm.sitemaps) == 0 {
		// A site being rebuilt or down may serve its sitemap empty: that
		// the pages it listed are gone is not known, so none is removed.
		f.fail(u.String(), &failure{failStatus, "lists no pages; the pages saved from it before are kept"})
		return false, nil
	}
	n := 0
	for _, p := range sm.pages {
		if sc.contains(p) && pageLike(p) {
			f.enqueue(item{u: p})
			n++
		}
	}
	f.report(Page{URL: u.String(), Status: Sitemap, Reason: fmt.Sprintf("%d pages on the site, %d sitemaps", n, len(sm.sitemaps))})
	for _, s := range sm.sitemaps {
		if sc.contains(s) {
			if err := f.sitemap(ctx, s); err != nil {
				return true, err
			}
		}
	}
	return true, nil
}
