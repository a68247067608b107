package fakediscord

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"
)

// rateLimitRetry is how long a rate-limited client is told to wait; short, so tests stay fast.
const rateLimitRetry = 50 * time.Millisecond

// route maps a method and a path pattern ("*" is one segment) to a handler, which gets the
// request and the segments the stars matched.
type route struct {
	method  string
	pattern string
	handle  func(req Request, params []string) reply
}

// reply is a handler's answer; a nil body sends no body.
type reply struct {
	status int
	body   any
	header http.Header
}

// RateLimit makes the next n requests with this method ("" for any) and path (relative to the
// API root, without query, e.g. "channels/1/messages") answer 429 with Discord's headers and
// a retry_after of 50ms, as a bucket that ran dry would.
func (s *Server) RateLimit(method, path string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateLimits[method+" "+path] += n
}

func (s *Server) serveREST(w http.ResponseWriter, r *http.Request) {
	version, path, ok := splitAPIPath(r.URL.Path)
	req := readRequest(r, version, path)
	var fail *fault
	if ok {
		var delay time.Duration
		if fail, delay = s.takeFault(req); delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				// The client gave up waiting (its timeout): the request is
				// recorded without an answer, and not handled.
				req.Status = 0
				s.record(req)
				return
			}
		}
	}
	var rep reply
	switch {
	case !ok:
		rep = errorReply(http.StatusNotFound, 0, "404: Not Found")
	case !s.authorized(req):
		rep = errorReply(http.StatusUnauthorized, 0, "401: Unauthorized")
	case fail != nil && fail.drop:
		req.Status = 0 // no answer at all
		s.record(req)
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
		}
		return
	case fail != nil:
		rep = fail.reply(path)
	case s.takeRateLimit(req):
		rep = rateLimited(path)
	default:
		rep = s.handle(req)
	}
	req.Status = rep.status
	var body []byte
	if rep.body != nil {
		var err error
		if body, err = json.Marshal(rep.body); err != nil {
			http.Error(w, fmt.Sprintf("fakediscord: encode reply: %v", err), http.StatusInternalServerError)
			return
		}
		_ = json.Unmarshal(body, &req.Reply) // stays nil unless the reply is an object
	}
	// Record before answering, so a client that has its answer always finds it recorded.
	s.record(req)

	for k, v := range rep.header {
		w.Header()[k] = v
	}
	if rep.body == nil {
		w.WriteHeader(rep.status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	_, _ = w.Write(body)
}

// splitAPIPath splits "/api/v9/users/@me" into "9" and "users/@me".
func splitAPIPath(p string) (version, path string, ok bool) {
	rest, ok := strings.CutPrefix(p, "/api/v")
	if !ok {
		return "", "", false
	}
	version, path, ok = strings.Cut(rest, "/")
	return version, path, ok && version != ""
}

// authorized reports whether the request carries the bot token. GET gateway is public on
// Discord, which is why a bad token surfaces on the gateway as close code 4004.
func (s *Server) authorized(req Request) bool {
	if req.Method == http.MethodGet && req.Path == "gateway" {
		return true
	}
	return req.Header.Get("Authorization") == "Bot "+s.cfg.token
}

func (s *Server) takeRateLimit(req Request) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, key := range []string{req.Method + " " + req.Path, " " + req.Path} {
		if s.rateLimits[key] > 0 {
			s.rateLimits[key]--
			return true
		}
	}
	return false
}

func rateLimited(path string) reply { return rateLimitedFor(path, rateLimitRetry, false) }

// rateLimitedFor is Discord's 429 for a bucket (or, global, for the whole bot) that is free
// again after wait.
func rateLimitedFor(path string, wait time.Duration, global bool) reply {
	retry := wait.Seconds()
	reset := float64(time.Now().Add(wait).UnixMilli()) / 1000
	header := http.Header{
		"Retry-After":             {fmt.Sprint(int(math.Ceil(retry)))}, // whole seconds, rounded up, as Discord sends it
		"X-Ratelimit-Limit":       {"5"},
		"X-Ratelimit-Remaining":   {"0"},
		"X-Ratelimit-Reset":       {fmt.Sprintf("%.3f", reset)},
		"X-Ratelimit-Reset-After": {fmt.Sprintf("%.3f", retry)},
		"X-Ratelimit-Bucket":      {"fake-" + path},
		"X-Ratelimit-Scope":       {"user"},
	}
	if global {
		header.Set("X-Ratelimit-Global", "true")
		header.Set("X-Ratelimit-Scope", "global")
	}
	return reply{
		status: http.StatusTooManyRequests,
		header: header,
		body: map[string]any{
			"message":     "You are being rate limited.",
			"retry_after": retry,
			"global":      global,
		},
	}
}

func (s *Server) handle(req Request) reply {
	for _, rt := range s.routes {
		if rt.method != req.Method {
			continue
		}
		if params, ok := matchPath(rt.pattern, req.Path); ok {
			return rt.handle(req, params)
		}
	}
	return errorReply(http.StatusNotFound, 0, "404: Not Found")
}

// matchPath matches a path against a pattern whose "*" segments match any one segment, and
// returns what they matched.
func matchPath(pattern, path string) ([]string, bool) {
	want, got := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(want) != len(got) {
		return nil, false
	}
	var params []string
	for i := range want {
		switch want[i] {
		case "*":
			params = append(params, got[i])
		case got[i]:
		default:
			return nil, false
		}
	}
	return params, true
}

// errorReply is Discord's JSON error shape.
func errorReply(status, code int, message string) reply {
	return reply{status: status, body: map[string]any{"message": message, "code": code}}
}

func noContent() reply { return reply{status: http.StatusNoContent} }

func jsonReply(body any) reply { return reply{status: http.StatusOK, body: body} }
