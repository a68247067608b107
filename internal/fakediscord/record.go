package fakediscord

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Request is one REST call the server received, recorded before it was answered.
type Request struct {
	Method  string
	Path    string         // relative to the API root, without query: "channels/1/messages"
	Version string         // API version from the URL, e.g. "9"
	Query   url.Values     // e.g. wait=true on a followup
	Header  http.Header    // as sent, including Authorization
	Body    []byte         // raw body
	JSON    map[string]any // the JSON object sent (multipart: payload_json); nil for arrays, see Decode
	Status  int            // the status the server answered with
	At      time.Time      // when the request arrived
	Reply   map[string]any // the JSON object the server answered with (a message's "id", say); nil if none

	// payload is the JSON document: the body, or a multipart body's payload_json part.
	payload []byte
}

// Decode unmarshals the request's JSON document (for multipart bodies, the payload_json part)
// into v, e.g. a *discordgo.InteractionResponse or a *[]discordgo.ApplicationCommand.
func (r Request) Decode(v any) error {
	if len(r.payload) == 0 {
		return fmt.Errorf("decode %s %s: no JSON body", r.Method, r.Path)
	}
	if err := json.Unmarshal(r.payload, v); err != nil {
		return fmt.Errorf("decode %s %s: %w", r.Method, r.Path, err)
	}
	return nil
}

// Button is one button of a message or an interaction response.
type Button struct {
	Label    string `json:"label"`
	CustomID string `json:"custom_id"`
}

// Buttons are the buttons of the message the request sends (an
// interaction response's data, or a message itself), row by row.
func (r Request) Buttons() ([]Button, error) {
	type rows struct {
		Components []struct {
			Components []Button `json:"components"`
		} `json:"components"`
	}
	var msg struct {
		rows
		Data *rows `json:"data"`
	}
	if err := r.Decode(&msg); err != nil {
		return nil, err
	}
	from := msg.rows
	if msg.Data != nil {
		from = *msg.Data
	}
	var out []Button
	for _, row := range from.Components {
		out = append(out, row.Components...)
	}
	return out, nil
}

// Field walks the decoded JSON body: each key picks an object member, or an array element
// when the key is an index. Field("data", "embeds", "0", "title") reads the first embed's
// title. It reports whether the field is present (a present null gives nil, true).
func (r Request) Field(keys ...string) (any, bool) {
	var v any
	if r.JSON != nil {
		v = r.JSON
	} else if json.Unmarshal(r.payload, &v) != nil {
		return nil, false
	}
	for _, k := range keys {
		switch node := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = node[k]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(node) {
				return nil, false
			}
			v = node[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// String summarises the request for failure messages: method, path, status and body.
func (r Request) String() string {
	line := fmt.Sprintf("%s %s", r.Method, r.Path)
	if len(r.Query) > 0 {
		line += "?" + r.Query.Encode()
	}
	line += fmt.Sprintf(" -> %d", r.Status)
	if len(r.payload) > 0 {
		body := string(r.payload)
		if len(body) > 300 {
			body = body[:300] + "..."
		}
		line += " " + body
	}
	return line
}

// Match returns a matcher for WaitRequest and NoRequest: the method (any if "") and the path
// pattern, where "*" stands for one segment, e.g. Match("POST", "interactions/*/*/callback").
func Match(method, pattern string) func(Request) bool {
	return func(r Request) bool {
		_, ok := matchPath(pattern, r.Path)
		return ok && (method == "" || method == r.Method)
	}
}

// Requests returns every recorded REST request, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// ClearRequests forgets the recorded requests, so later waits only see what comes next.
func (s *Server) ClearRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
	s.notifyLocked()
}

// WaitRequest returns the oldest recorded request that matches, waiting up to timeout for
// one to arrive. On timeout it fails the test with a list of what was received.
func (s *Server) WaitRequest(t testing.TB, timeout time.Duration, match func(Request) bool) Request {
	t.Helper()
	var found Request
	ok := s.await(timeout, func() bool {
		var hit bool
		found, hit = s.Find(match)
		return hit
	})
	if !ok {
		t.Fatalf("fakediscord: no matching request within %v; %s", timeout, s.dump())
	}
	return found
}

// NoRequest fails the test if a matching request is recorded, or arrives within wait.
// Use ClearRequests first to ignore earlier traffic.
func (s *Server) NoRequest(t testing.TB, wait time.Duration, match func(Request) bool) {
	t.Helper()
	var found Request
	if s.await(wait, func() bool {
		var hit bool
		found, hit = s.Find(match)
		return hit
	}) {
		t.Fatalf("fakediscord: unexpected request %s; %s", found, s.dump())
	}
}

// Find returns the oldest recorded request that matches, without waiting.
func (s *Server) Find(match func(Request) bool) (Request, bool) {
	for _, r := range s.Requests() {
		if match(r) {
			return r, true
		}
	}
	return Request{}, false
}

func (s *Server) dump() string {
	reqs := s.Requests()
	var b strings.Builder
	fmt.Fprintf(&b, "received %d request(s)", len(reqs))
	for _, r := range reqs {
		b.WriteString("\n\t" + r.String())
	}
	return b.String()
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
	s.notifyLocked()
}

// readRequest captures an HTTP request; version and path are already split off the URL.
func readRequest(r *http.Request, version, path string) Request {
	body, _ := io.ReadAll(r.Body) // a short read leaves a short body, which the test will show
	req := Request{
		At:      time.Now(),
		Method:  r.Method,
		Path:    path,
		Version: version,
		Query:   r.URL.Query(),
		Header:  r.Header.Clone(),
		Body:    body,
		payload: jsonPayload(r.Header.Get("Content-Type"), body),
	}
	_ = json.Unmarshal(req.payload, &req.JSON) // stays nil unless the document is an object
	return req
}

// jsonPayload returns the JSON document of a body: the body itself, or for multipart bodies
// (discordgo's way of sending files) the part named payload_json.
func jsonPayload(contentType string, body []byte) []byte {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil || mediaType != "multipart/form-data" {
		return body
	}
	mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
	for {
		part, err := mr.NextPart()
		if err != nil {
			return nil
		}
		if part.FormName() == "payload_json" {
			payload, _ := io.ReadAll(part)
			return payload
		}
	}
}
