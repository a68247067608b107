package metrics

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// Check reports whether one part of the bot is healthy: nil when it is, an
// error saying what is wrong otherwise. It must respect ctx's deadline.
type Check func(ctx context.Context) error

// checkTimeout bounds every check so that a wedged dependency makes /healthz
// answer "unavailable" quickly instead of hanging the prober.
const checkTimeout = 2 * time.Second

// healthReport is the JSON body of /healthz.
type healthReport struct {
	Status string            `json:"status"` // "ok" or "unavailable"
	Checks map[string]string `json:"checks"` // name → "ok" or the error message
}

// health serves /healthz by running every check concurrently.
type health struct {
	checks  map[string]Check
	timeout time.Duration
	log     *slog.Logger
}

// checkResult is one finished check.
type checkResult struct {
	name string
	err  error
}

// ServeHTTP answers 200 when every check passes and 503 otherwise.
func (h *health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !allowGet(w, r) {
		return
	}
	report := h.run(r.Context())
	code := http.StatusOK
	if report.Status != "ok" {
		code = http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if err := json.NewEncoder(w).Encode(report); err != nil {
		h.log.DebugContext(r.Context(), "write healthz response", "err", err)
	}
}

// run executes the checks and waits for them. Checks get ctx with the
// timeout; the wait lasts a quarter longer so that a check honouring its
// deadline reports its own error, while one ignoring it is reported as not
// having returned and left to finish on its own.
func (h *health) run(ctx context.Context) healthReport {
	checkCtx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	wait := time.NewTimer(h.timeout + h.timeout/4)
	defer wait.Stop()

	results := make(chan checkResult, len(h.checks)) // buffered: late checks never block
	for name, check := range h.checks {
		go func() { results <- checkResult{name, runCheck(checkCtx, name, check)} }()
	}

	report := healthReport{Status: "ok", Checks: make(map[string]string, len(h.checks))}
collect:
	for range h.checks {
		select {
		case res := <-results:
			report.Checks[res.name] = "ok"
			if res.err != nil {
				report.Checks[res.name] = res.err.Error()
			}
		case <-wait.C:
			break collect
		case <-ctx.Done(): // the prober gave up; nobody will read the answer
			break collect
		}
	}
	for name := range h.checks {
		if _, done := report.Checks[name]; !done {
			report.Checks[name] = fmt.Sprintf("check %s: did not return within %v", name, h.timeout)
		}
	}
	for name, msg := range report.Checks {
		if msg != "ok" {
			report.Status = "unavailable"
			h.log.WarnContext(ctx, "health check failed", "check", name, "err", msg)
		}
	}
	return report
}

// runCheck calls check, turning a panic into an error so one faulty check
// cannot take the metrics server down.
func runCheck(ctx context.Context, name string, check Check) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("check %s panicked: %v", name, p)
		}
	}()
	if check == nil {
		return fmt.Errorf("check %s: not set", name)
	}
	return check(ctx)
}

// allowGet answers 405 and reports false unless r is a GET or HEAD.
func allowGet(w http.ResponseWriter, r *http.Request) bool {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return true
	}
	w.Header().Set("Allow", "GET, HEAD")
	http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
	return false
}
