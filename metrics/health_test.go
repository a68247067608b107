package metrics

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// pass and fail are checks for the tables below.
func pass(context.Context) error { return nil }

func fail(msg string) Check {
	return func(context.Context) error { return errors.New(msg) }
}

func TestHealthz(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	tests := []struct {
		name     string
		checks   map[string]Check
		wantCode int
		want     healthReport
	}{
		{"no checks", nil, http.StatusOK,
			healthReport{Status: "ok", Checks: map[string]string{}}},
		{"all pass", map[string]Check{"gateway": pass, "index": pass}, http.StatusOK,
			healthReport{Status: "ok", Checks: map[string]string{"gateway": "ok", "index": "ok"}}},
		{"one fails", map[string]Check{"gateway": fail("gateway: not connected"), "index": pass},
			http.StatusServiceUnavailable,
			healthReport{Status: "unavailable", Checks: map[string]string{"gateway": "gateway: not connected", "index": "ok"}}},
		{"all fail", map[string]Check{"gateway": fail("down"), "index": fail("empty")},
			http.StatusServiceUnavailable,
			healthReport{Status: "unavailable", Checks: map[string]string{"gateway": "down", "index": "empty"}}},
		{"check panics", map[string]Check{"index": func(context.Context) error { panic("boom") }},
			http.StatusServiceUnavailable,
			healthReport{Status: "unavailable", Checks: map[string]string{"index": "check index panicked: boom"}}},
		{"nil check", map[string]Check{"index": nil},
			http.StatusServiceUnavailable,
			healthReport{Status: "unavailable", Checks: map[string]string{"index": "check index: not set"}}},
		{"check honours deadline", map[string]Check{"index": func(ctx context.Context) error {
			<-ctx.Done()
			return ctx.Err()
		}, "gateway": pass}, http.StatusServiceUnavailable,
			healthReport{Status: "unavailable", Checks: map[string]string{"index": "context deadline exceeded", "gateway": "ok"}}},
		{"check ignores deadline", map[string]Check{"index": func(context.Context) error {
			<-release // wedged until the test ends
			return nil
		}}, http.StatusServiceUnavailable,
			healthReport{Status: "unavailable", Checks: map[string]string{"index": "check index: did not return within 50ms"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &health{checks: tt.checks, timeout: 50 * time.Millisecond, log: slog.New(slog.DiscardHandler)}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
			if rec.Code != tt.wantCode {
				t.Errorf("status %d, want %d", rec.Code, tt.wantCode)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type %q, want application/json", ct)
			}
			var got healthReport
			if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
				t.Fatalf("decode body %q: %v", rec.Body, err)
			}
			if got.Status != tt.want.Status || len(got.Checks) != len(tt.want.Checks) {
				t.Fatalf("body %+v, want %+v", got, tt.want)
			}
			for name, want := range tt.want.Checks {
				if got.Checks[name] != want {
					t.Errorf("check %s = %q, want %q", name, got.Checks[name], want)
				}
			}
		})
	}
}

func TestHealthzBody(t *testing.T) {
	// The exact shape operators and probes are documented to see.
	h := &health{checks: map[string]Check{"index": pass, "gateway": pass}, timeout: time.Second,
		log: slog.New(slog.DiscardHandler)}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	want := `{"status":"ok","checks":{"gateway":"ok","index":"ok"}}` + "\n"
	if got := rec.Body.String(); got != want {
		t.Errorf("body %q, want %q", got, want)
	}
}

func TestHealthzMethods(t *testing.T) {
	tests := []struct {
		method   string
		wantCode int
		wantBody bool
	}{
		{http.MethodGet, http.StatusOK, true},
		{http.MethodHead, http.StatusOK, false},
		{http.MethodPost, http.StatusMethodNotAllowed, true},
		{http.MethodPut, http.StatusMethodNotAllowed, true},
		{http.MethodDelete, http.StatusMethodNotAllowed, true},
		{http.MethodOptions, http.StatusMethodNotAllowed, true},
	}
	srv := httptest.NewServer(NewServer("", New(), map[string]Check{"index": pass}, nil).Handler())
	t.Cleanup(srv.Close)
	for _, path := range []string{"/healthz", "/metrics"} {
		for _, tt := range tests {
			t.Run(tt.method+path, func(t *testing.T) {
				req, err := http.NewRequestWithContext(t.Context(), tt.method, srv.URL+path, nil)
				if err != nil {
					t.Fatal(err)
				}
				resp, err := srv.Client().Do(req)
				if err != nil {
					t.Fatalf("%s %s: %v", tt.method, path, err)
				}
				defer resp.Body.Close()
				if resp.StatusCode != tt.wantCode {
					t.Errorf("status %d, want %d", resp.StatusCode, tt.wantCode)
				}
				if tt.wantCode == http.StatusMethodNotAllowed {
					if allow := resp.Header.Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "HEAD") {
						t.Errorf("Allow %q, want GET and HEAD", allow)
					}
				}
				body, err := io.ReadAll(resp.Body)
				if err != nil {
					t.Fatalf("read body: %v", err)
				}
				if got := len(body) > 0; got != tt.wantBody {
					t.Errorf("body present = %v, want %v", got, tt.wantBody)
				}
			})
		}
	}
}
