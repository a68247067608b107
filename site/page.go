package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"time"

	"faqbot/content"
)

// allowed checks robots.txt for u; a page it does not allow is reported
// skipped (and, when saved before, removed).
func (f *fetch) allowed(ctx context.Context, u *url.URL) (bool, error) {
	r, err := f.robots.rulesFor(ctx, u)
	if err != nil {
		return false, err
	}
	f.delay[u.Host] = r.crawlDelay()
	ok, why := r.allowed(u)
	if ok {
		return true, nil
	}
	if r.group == nil { // robots.txt unreadable: a failure of the site, shown as one
		f.fail(u.String(), &failure{failNetwork, why})
		return false, nil
	}
	if _, known := f.m.Pages[u.String()]; known {
		f.remove(u.String(), why)
		return false, nil
	}
	f.report(Page{URL: u.String(), Status: Skipped, Reason: why})
	return false, nil
}

// read is what page learned of a page.
type read struct {
	ok    bool // the page was read (fetched, or found unchanged): its links are known
	links int  // how many of its links lead to pages in the fetch's scope
}

// page fetches one page, saves it when it is new or changed, and queues
// its links.
func (f *fetch) page(ctx context.Context, it item) (read, error) {
	u := it.u
	if ok, err := f.allowed(ctx, u); !ok || err != nil {
		return read{}, err
	}
	if fl := f.down(u.Host); fl != nil {
		f.fail(u.String(), fl)
		return read{}, nil
	}
	done, err := f.wait(ctx, u.Host)
	if err != nil {
		return read{}, err
	}
	key := u.String()
	prev, known := f.m.Pages[key]
	var cond *record
	if known {
		cond = &prev
	}
	f.requests++
	resp, err := f.c.get(ctx, u, cond, func(to *url.URL) bool { return inAny(f.scopes, to) })
	done()
	if ctx.Err() != nil {
		return read{}, ctx.Err()
	}
	f.answered(u.Host, err)
	var fl *failure
	if errors.As(err, &fl) {
		f.fail(key, fl)
		return read{}, nil
	}
	if final := normalize(resp.url); final != nil && final.String() != key {
		// Redirected within the site: the page is its final URL's.
		if f.seen[final.String()] {
			// The page is read, or to be read, at that URL, and its
			// links with it.
			return read{ok: true, links: 1}, nil
		}
		f.seen[final.String()] = true
		u, key = final, final.String()
		prev, known = f.m.Pages[key]
	}
	verdict, fl := judge(resp.code, cond != nil)
	var body []byte
	switch verdict {
	case pageGone:
		if known {
			f.remove(key, fl.reason)
		} else {
			f.fail(key, fl)
		}
		return read{}, nil
	case pageRejected:
		f.fail(key, fl)
		return read{}, nil
	case pageSame:
		body, err = f.dir.read(prev.File, content.MaxFileBytes(prev.File))
		if err != nil { // the saved copy is gone or unusable: fetch it whole next time
			f.opts.Log.Debug("fetch: read saved page", "file", prev.File, "err", err)
			delete(f.m.Pages, key)
			f.fail(key, &failure{failNetwork, "unchanged on the site, but its saved copy is missing or cannot be read; it is fetched again next time"})
			return read{}, nil
		}
		if first, dup := f.sameAs(key, prev.SHA256); dup {
			f.duplicate(key, true, first)
			break
		}
		prev.Fetched = time.Now().UTC()
		f.m.Pages[key] = prev
		f.report(Page{URL: key, File: prev.File, Status: Unchanged})
	case pageOK:
		if body, fl = readHTML(resp); fl != nil {
			f.fail(key, fl)
			return read{}, nil
		}
		if readPage(body, u).noindex {
			if known {
				f.remove(key, "the page asks not to be indexed (noindex)")
			} else {
				f.report(Page{URL: key, Status: Skipped, Reason: "the page asks not to be indexed (noindex)"})
			}
		} else if err := f.save(key, u, prev, known, body, resp); err != nil {
			return read{}, err
		}
	}
	r := read{ok: true}
	if it.depth < f.opts.Depth {
		info := readPage(body, u)
		if !info.nofollow {
			for _, l := range info.links {
				if inAny(f.scopes, l) && pageLike(l) {
					f.enqueue(item{u: l, depth: it.depth + 1})
					r.links++
				}
			}
		}
	}
	return r, nil
}

// save records a page read whole and writes its file when it is new or
// changed. Only a failure to write is an error: the fetch cannot go on.
func (f *fetch) save(key string, u *url.URL, prev record, known bool, body []byte, resp response) error {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	if first, dup := f.sameAs(key, hash); dup {
		f.duplicate(key, known, first)
		return nil
	}
	status := changeOf(prev, known, hash)
	name := prev.File
	if !known {
		taken := map[string]bool{}
		for k, r := range f.m.Pages {
			if k != key {
				taken[nameKey(r.File)] = true
			}
		}
		name = uniqueName(fileName(u), key, func(n string) bool { return taken[n] })
	}
	if status != Unchanged {
		page := append([]byte(content.SavedFromComment(key)+"\n"), body...)
		if limit := content.MaxFileBytes(name); int64(len(page)) > limit {
			// Converted to UTF-8, the page grew past what the content
			// loader reads: saved, it would only be a problem there.
			f.fail(key, &failure{failTooLarge, fmt.Sprintf("larger than the content's limit of %s a file once converted to UTF-8", content.SizeText(limit))})
			return nil
		}
		if err := f.dir.write(name, page); err != nil {
			return fmt.Errorf("fetch: save %s: %w", key, err)
		}
	}
	f.m.Pages[key] = record{File: name, ETag: resp.etag, LastModified: resp.lastModified, SHA256: hash, Fetched: time.Now().UTC()}
	f.report(Page{URL: key, File: name, Status: status})
	return nil
}

// remove deletes a page the site no longer has, and its record.
func (f *fetch) remove(key, why string) {
	r := f.m.Pages[key]
	delete(f.m.Pages, key)
	if err := f.dir.remove(r.File); err != nil && !errors.Is(err, fs.ErrNotExist) {
		f.opts.Log.Warn("fetch: remove page", "file", r.File, "err", err)
	}
	f.report(Page{URL: key, File: r.File, Status: Removed, Reason: why})
}

// sameAs is the page read earlier in this fetch with the same text as
// the page at key, if any. A site serves one page under many URLs (with
// and without a slash, with session ids or tracking parameters in the
// query): saved under each, it would be one answer many times over.
func (f *fetch) sameAs(key, hash string) (first string, dup bool) {
	if first, ok := f.sums[hash]; ok && first != key {
		return first, true
	}
	f.sums[hash] = key
	return "", false
}

// duplicate reports a page with the same text as first, and removes the
// copy saved before, if any; its links are followed still.
func (f *fetch) duplicate(key string, known bool, first string) {
	why := "the same page as " + first
	if known {
		f.remove(key, why)
		return
	}
	f.report(Page{URL: key, Status: Skipped, Reason: why})
}
