package fakediscord

import (
	"net/http"
	"time"
)

// fault is one way the fake misbehaves for the requests that match a method ("" for any) and
// a path pattern ("*" is one segment): the next n of them fail, or all of them are slow.
type fault struct {
	method, pattern string
	n               int           // requests still to fail; 0 for a delay, which never runs out
	status          int           // answer with this status (5xx: Discord's own trouble)
	code            int           // Discord's JSON error code in the answer (0: none)
	drop            bool          // close the connection without an answer
	retryAfter      time.Duration // status 429: the retry_after announced
	global          bool          // status 429: a global rate limit
	delay           time.Duration // answer every matching request this much later
}

// Fail makes the next n requests that match method ("" for any) and pattern (e.g.
// "interactions/*/*/callback") answer status with Discord's JSON error shape, without
// handling them: a 500 or 503 from Discord's side.
func (s *Server) Fail(method, pattern string, status, n int) {
	s.addFault(fault{method: method, pattern: pattern, n: n, status: status})
}

// FailCode makes the next n requests that match method and pattern answer status with
// Discord's JSON error code, without handling them: Discord refusing a request for a reason
// of its own, as 403 with 160002 refuses a reply (a message that references another) in a
// channel where the bot may not read the message history.
func (s *Server) FailCode(method, pattern string, status, code, n int) {
	s.addFault(fault{method: method, pattern: pattern, n: n, status: status, code: code})
}

// Drop makes the next n matching requests lose their connection before any answer, as a
// connection reset in flight would.
func (s *Server) Drop(method, pattern string, n int) {
	s.addFault(fault{method: method, pattern: pattern, n: n, drop: true})
}

// RateLimitFor makes the next n matching requests answer 429 with a retry_after of wait, as
// Discord does when a bucket ran dry, or when global is set, when the bot went over its global
// limit (X-RateLimit-Global, scope "global").
func (s *Server) RateLimitFor(method, pattern string, n int, wait time.Duration, global bool) {
	s.addFault(fault{method: method, pattern: pattern, n: n, status: http.StatusTooManyRequests, retryAfter: wait, global: global})
}

// Slow makes every matching request wait d before it is handled and answered, as a slow
// Discord would (the request is recorded as arriving on time). A client that gives up
// waiting before d has passed gets nothing, and the request is recorded with Status 0, as
// one Drop answers.
func (s *Server) Slow(method, pattern string, d time.Duration) {
	s.addFault(fault{method: method, pattern: pattern, delay: d})
}

func (s *Server) addFault(f fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// takeFault returns the fault that applies to req, if any, and counts it used. A delay is
// returned as a delay alone; a failure takes precedence over it.
func (s *Server) takeFault(req Request) (fail *fault, delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.method != "" && f.method != req.Method {
			continue
		}
		if _, ok := matchPath(f.pattern, req.Path); !ok {
			continue
		}
		switch {
		case f.delay > 0:
			delay = max(delay, f.delay)
		case f.n > 0 && fail == nil:
			f.n--
			fail = f
		}
	}
	return fail, delay
}

// reply is the answer of a failure that has one (not a dropped connection).
func (f *fault) reply(path string) reply {
	if f.status == http.StatusTooManyRequests {
		return rateLimitedFor(path, f.retryAfter, f.global)
	}
	return errorReply(f.status, f.code, http.StatusText(f.status))
}
