package site

import (
	"net/url"
	"path"
	"strings"
)

// scope is the part of a website a fetch stays in: one host, and the
// paths below a prefix.
type scope struct {
	host   string // host[:port], lower case
	prefix string // path prefix, ending in "/"
}

// scopeOf is the scope of a start URL: its host and the directory of its
// path (https://e.org/docs/start and https://e.org/docs/ both give
// e.org/docs/), as wget --no-parent reads it.
func scopeOf(u *url.URL) scope {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	return scope{host: strings.ToLower(u.Host), prefix: p[:strings.LastIndex(p, "/")+1]}
}

// contains reports whether u is in the scope.
func (s scope) contains(u *url.URL) bool {
	if strings.ToLower(u.Host) != s.host || (u.Scheme != "http" && u.Scheme != "https") {
		return false
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	return strings.HasPrefix(p, s.prefix)
}

// inAny reports whether u is in one of the scopes.
func inAny(scopes []scope, u *url.URL) bool {
	for _, s := range scopes {
		if s.contains(u) {
			return true
		}
	}
	return false
}

// normalize is the form of a URL that tells pages apart: no fragment, no
// user info, lower-case scheme and host, no default port, "/" for an empty
// path, no dot segments. It returns nil for anything but an absolute http(s) URL.
func normalize(u *url.URL) *url.URL {
	if u == nil {
		return nil
	}
	n := *u
	n.Scheme = strings.ToLower(n.Scheme)
	if (n.Scheme != "http" && n.Scheme != "https") || n.Host == "" {
		return nil
	}
	n.Fragment, n.RawFragment, n.User, n.Opaque = "", "", nil, ""
	n.Host = strings.ToLower(n.Host)
	if port := n.Port(); port == "80" && n.Scheme == "http" || port == "443" && n.Scheme == "https" {
		n.Host = n.Hostname()
	}
	if n.Path == "" {
		n.Path, n.RawPath = "/", ""
	}
	if strings.Contains(n.Path, "/.") {
		n = *n.ResolveReference(&url.URL{}) // "/a/../b" is "/b", as servers read it
	}
	if n.RawQuery == "" {
		n.ForceQuery = false
	}
	return &n
}

// skippedExts are file types that are never HTML pages: links to them are
// not followed.
var skippedExts = map[string]bool{
	".pdf": true, ".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true,
	".webp": true, ".avif": true, ".ico": true, ".bmp": true, ".zip": true, ".gz": true,
	".tgz": true, ".tar": true, ".7z": true, ".rar": true, ".mp3": true, ".mp4": true,
	".webm": true, ".mov": true, ".avi": true, ".wav": true, ".ogg": true, ".css": true,
	".js": true, ".mjs": true, ".json": true, ".xml": true, ".rss": true, ".atom": true,
	".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true, ".exe": true,
	".dmg": true, ".iso": true, ".apk": true, ".msi": true, ".deb": true, ".rpm": true,
	".csv": true, ".txt": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true,
	".ppt": true, ".pptx": true, ".epub": true,
}

// pageLike reports whether a link may lead to an HTML page, judged by its
// path's extension.
func pageLike(u *url.URL) bool {
	return !skippedExts[strings.ToLower(path.Ext(u.Path))]
}

// sitemapLike reports whether a start URL names a sitemap.
func sitemapLike(u *url.URL) bool {
	p := strings.ToLower(u.Path)
	return strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".xml.gz")
}
