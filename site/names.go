package site

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path"
	"strings"
	"unicode"
)

// maxSegment is the longest name of one directory or file, in bytes.
const maxSegment = 80

// fileName is where the page at u is saved, relative to the fetch
// directory: HOST/PATH.html, with "index.html" for a directory path, a
// short hash of the query in the name when there is one, and every
// segment made safe (no "..", no hidden names, no separators). A folder
// never ends in .html or .htm (a "_" is added), as every page's file
// does: /a.html and /a.html/b are both pages a site may link to, and the
// file of one must not stand where the folder of the other goes.
func fileName(u *url.URL) string {
	host := safeSegment(strings.ReplaceAll(strings.ToLower(u.Host), ":", "_"))
	p := u.EscapedPath()
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range segs {
		if dec, err := url.PathUnescape(s); err == nil {
			s = dec // "a%2Fb" stays one segment
		}
		segs[i] = safeSegment(s)
		if i < len(segs)-1 && pageExt(segs[i]) {
			segs[i] += "_"
		}
	}
	last := segs[len(segs)-1]
	ext := path.Ext(last)
	if !pageExt(last) {
		ext, last = ".html", last+".html"
	}
	stem := strings.TrimSuffix(last, last[len(last)-len(ext):])
	if u.RawQuery != "" {
		stem += "-q" + shortHash(u.RawQuery)
	}
	if len(stem) > maxSegment {
		stem = stem[:maxSegment]
	}
	segs[len(segs)-1] = stem + ext
	return host + "/" + strings.Join(segs, "/")
}

// pageExt reports whether a name ends in .html or .htm, in any case.
func pageExt(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// safeSegment makes one path segment a safe file name: letters, digits,
// '.', '-' and '_' kept, anything else '-'; no leading dot (hidden files
// are not content), never empty, "." or "..".
func safeSegment(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	out := b.String()
	if strings.HasPrefix(out, ".") {
		out = "_" + out[1:]
	}
	if out == "" {
		out = "_"
	}
	if len(out) > maxSegment {
		cut := maxSegment
		for cut > 0 && !utf8Start(out[cut]) {
			cut--
		}
		out = out[:cut]
	}
	return out
}

// utf8Start reports whether b starts a UTF-8 sequence.
func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// shortHash is 8 hex digits of the SHA-256 of s.
func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
}

// uniqueName is name, or name with a hash of the URL in it when another
// page already has that name (e.g. /guide and /guide.html). taken is
// asked with nameKey of a name: names that differ only in case are one
// file on the file systems of macOS and Windows, and a page saved under
// one would overwrite the other.
func uniqueName(name, pageURL string, taken func(string) bool) string {
	if !taken(nameKey(name)) {
		return name
	}
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "-" + shortHash(pageURL) + ext
}

// nameKey is what tells two saved files apart on any file system: their
// names without case.
func nameKey(name string) string { return strings.ToLower(name) }
