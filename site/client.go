package site

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"golang.org/x/net/html/charset"

	"faqbot/content"
)

// maxRedirects is how many redirects one request follows.
const maxRedirects = 5

// response is one page's answer.
type response struct {
	url          *url.URL // after redirects
	code         int
	contentType  string
	etag         string
	lastModified string
	encoding     string // a Content-Encoding left undecoded: the body is not readable
	body         []byte
}

// client makes the fetch's requests: one at a time, each bounded in time
// and size.
type client struct {
	http      *http.Client
	userAgent string
	timeout   time.Duration
	maxBytes  int64
	log       *slog.Logger // gets the errors behind failures
}

// errOffSite stops a redirect that leaves the site.
type errOffSite struct{ to string }

func (e *errOffSite) Error() string { return "redirected off the site to " + e.to }

// get requests u. stay says which URLs a redirect may lead to. prev, when
// not nil, makes the request conditional. Failures to get any response
// are *failure; the status is the caller's to judge.
func (c *client) get(ctx context.Context, u *url.URL, prev *record, stay func(*url.URL) bool) (response, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return response{}, &failure{failNetwork, err.Error()}
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5")
	if prev != nil {
		if prev.ETag != "" {
			req.Header.Set("If-None-Match", prev.ETag)
		}
		if prev.LastModified != "" {
			req.Header.Set("If-Modified-Since", prev.LastModified)
		}
	}
	hc := *c.http
	hc.CheckRedirect = func(r *http.Request, via []*http.Request) error {
		if len(via) >= maxRedirects {
			return errTooManyRedirects
		}
		if n := normalize(r.URL); n == nil || !stay(n) {
			return &errOffSite{to: r.URL.String()}
		}
		return nil
	}
	resp, err := hc.Do(req)
	if err != nil {
		return response{}, c.transportFailure(ctx, err)
	}
	defer resp.Body.Close()
	out := response{
		url:          resp.Request.URL,
		code:         resp.StatusCode,
		contentType:  resp.Header.Get("Content-Type"),
		etag:         resp.Header.Get("ETag"),
		lastModified: resp.Header.Get("Last-Modified"),
	}
	if ce := strings.TrimSpace(resp.Header.Get("Content-Encoding")); ce != "" && !resp.Uncompressed && !strings.EqualFold(ce, "identity") {
		out.encoding = ce // the transport decodes the gzip it asked for, and nothing else
	}
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return out, nil
	}
	if resp.ContentLength > c.maxBytes {
		return out, c.tooLarge()
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBytes+1))
	if err != nil {
		return out, c.transportFailure(ctx, err)
	}
	if int64(len(body)) > c.maxBytes {
		return out, c.tooLarge()
	}
	out.body = body
	return out, nil
}

func (c *client) tooLarge() error {
	return &failure{failTooLarge, fmt.Sprintf("larger than the limit of %s", content.SizeText(c.maxBytes))}
}

// transportFailure names what went wrong with a request.
func (c *client) transportFailure(ctx context.Context, err error) error {
	var off *errOffSite
	var ne net.Error
	switch {
	case errors.As(err, &off):
		return &failure{failOffSite, off.Error()}
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return &failure{failTimeout, fmt.Sprintf("no answer within %s", c.timeout)}
	}
	c.log.Debug("fetch: request failed", "err", err)
	return &failure{failNetwork, networkReason(err)}
}

// errTooManyRedirects stops a chain of redirects.
var errTooManyRedirects = fmt.Errorf("more than %d redirects", maxRedirects)

// networkReason says in words why a request got no answer. The error
// itself names addresses, ports and system calls ("dial tcp 10.0.0.5:443:
// connect: connection refused", "lookup docs.example.org on
// 127.0.0.53:53: no such host"), which are for the log, not for a
// moderator reading the reload report in Discord.
func networkReason(err error) string {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var hostErr x509.HostnameError
	var authErr x509.UnknownAuthorityError
	var invalidErr x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	switch {
	case errors.Is(err, errTooManyRedirects):
		return errTooManyRedirects.Error()
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return "the host name was not found"
		}
		return "the host name could not be looked up"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "the server refused the connection"
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return "the server could not be reached"
	case errors.As(err, &certErr), errors.As(err, &hostErr), errors.As(err, &authErr), errors.As(err, &invalidErr):
		return "the site's HTTPS certificate is not valid"
	case errors.As(err, &recordErr), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"): // net/http's words for the same
		return "the server did not answer in HTTPS"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "the server closed the connection before its answer was complete"
	}
	return "the server's answer could not be read"
}

// mediaType is the media type of a Content-Type header, lower case; when
// the server names none, it is sniffed from the body.
func mediaType(contentType string, body []byte) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil && mt != "" {
		return strings.ToLower(mt)
	}
	mt, _, _ := mime.ParseMediaType(http.DetectContentType(body))
	return mt
}

// isHTML reports whether a media type is an HTML page.
func isHTML(mt string) bool {
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// readHTML is a response's page converted to UTF-8, or why it is not an
// HTML page faqbot can read. The Content-Type is not taken on trust: a
// PDF, an image or an archive served as text/html (a misconfigured
// server, a download link) is judged by its bytes, and a body in a
// compression faqbot cannot undo, or with NUL bytes once converted, is no
// page either; saved, each would only be a content problem ("contains
// NUL bytes") at the next reload.
func readHTML(resp response) ([]byte, *failure) {
	if resp.encoding != "" {
		// Probably a page, but one that cannot be read: its links are
		// not known.
		return nil, &failure{failStatus, "compressed in a form faqbot cannot read (only gzip is)"}
	}
	mt := mediaType(resp.contentType, resp.body)
	if !isHTML(mt) {
		return nil, &failure{failNotHTML, fmt.Sprintf("not an HTML page (%s)", mt)}
	}
	if sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(resp.body)); !strings.HasPrefix(sniffed, "text/") && sniffed != "application/octet-stream" {
		return nil, &failure{failNotHTML, fmt.Sprintf("not an HTML page (%s, served as %s)", sniffed, mt)}
	}
	body := toUTF8(resp.body, resp.contentType)
	if bytes.IndexByte(body, 0) >= 0 {
		return nil, &failure{failNotHTML, fmt.Sprintf("not an HTML page (binary data, served as %s)", mt)}
	}
	return body, nil
}

// toUTF8 converts a page to UTF-8, from the charset its Content-Type or
// its <meta charset> names (or that its bytes show).
func toUTF8(body []byte, contentType string) []byte {
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		return body
	}
	out, err := io.ReadAll(r)
	if err != nil {
		return body
	}
	return out
}
