package metrics

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// startServer starts a Server on a free loopback port and shuts it down when
// the test ends.
func startServer(t *testing.T, m *Metrics, checks map[string]Check) *Server {
	t.Helper()
	s := NewServer("127.0.0.1:0", m, checks, nil)
	if err := s.Start(); err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	})
	return s
}

// get fetches url and returns the status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read %s: %v", url, err)
	}
	return resp.StatusCode, string(body)
}

func TestServerRoutes(t *testing.T) {
	m := New()
	m.Question(SourceSlash)
	m.Gateway(true)
	healthy := startServer(t, m, map[string]Check{"gateway": pass, "index": pass})
	sick := startServer(t, nil, map[string]Check{"gateway": fail("gateway: session closed"), "index": pass})

	tests := []struct {
		name     string
		url      string
		wantCode int
		wantBody []string
	}{
		{"metrics", "http://" + healthy.Addr() + "/metrics", http.StatusOK,
			[]string{`faqbot_questions_total{source="slash"} 1`, "faqbot_gateway_connected 1", "go_goroutines"}},
		{"healthz ok", "http://" + healthy.Addr() + "/healthz", http.StatusOK,
			[]string{`{"status":"ok","checks":{"gateway":"ok","index":"ok"}}`}},
		{"unknown path", "http://" + healthy.Addr() + "/debug/pprof/", http.StatusNotFound, nil},
		{"healthz unavailable", "http://" + sick.Addr() + "/healthz", http.StatusServiceUnavailable,
			[]string{`"status":"unavailable"`, `"gateway":"gateway: session closed"`, `"index":"ok"`}},
		{"nil metrics", "http://" + sick.Addr() + "/metrics", http.StatusNotFound, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := get(t, tt.url)
			if code != tt.wantCode {
				t.Errorf("status %d, want %d (body %q)", code, tt.wantCode, body)
			}
			for _, want := range tt.wantBody {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q:\n%s", want, body)
				}
			}
		})
	}
}

func TestServerStartErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { busy.Close() })

	tests := []struct {
		name string
		addr string
	}{
		{"address in use", busy.Addr().String()},
		{"malformed address", "127.0.0.1:notaport"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewServer(tt.addr, nil, nil, nil)
			err := s.Start()
			if err == nil {
				s.Shutdown(context.Background())
				t.Fatalf("Start(%s) succeeded, want an error", tt.addr)
			}
			if !strings.Contains(err.Error(), tt.addr) {
				t.Errorf("error %q does not name the address %s", err, tt.addr)
			}
			if err := s.Shutdown(context.Background()); err != nil {
				t.Errorf("Shutdown after failed Start: %v", err)
			}
		})
	}

	t.Run("started twice", func(t *testing.T) {
		s := startServer(t, nil, nil)
		if err := s.Start(); err == nil {
			t.Errorf("second Start succeeded, want an error")
		}
	})
}

func TestServerAddr(t *testing.T) {
	s := NewServer("127.0.0.1:0", nil, nil, nil)
	if got := s.Addr(); got != "127.0.0.1:0" {
		t.Errorf("Addr before Start = %q, want the configured address", got)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(context.Background()) })
	host, port, err := net.SplitHostPort(s.Addr())
	if err != nil || host != "127.0.0.1" || port == "0" || port == "" {
		t.Errorf("Addr after Start = %q, want 127.0.0.1 with a real port", s.Addr())
	}
}

func TestServerShutdown(t *testing.T) {
	t.Run("never started", func(t *testing.T) {
		if err := NewServer("127.0.0.1:0", nil, nil, nil).Shutdown(context.Background()); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	})

	t.Run("stops serving", func(t *testing.T) {
		s := NewServer("127.0.0.1:0", New(), nil, nil)
		if err := s.Start(); err != nil {
			t.Fatal(err)
		}
		addr := s.Addr()
		if code, _ := get(t, "http://"+addr+"/healthz"); code != http.StatusOK {
			t.Fatalf("healthz before Shutdown: %d", code)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Fatalf("Shutdown: %v", err)
		}
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			conn.Close()
			t.Errorf("still accepting connections on %s after Shutdown", addr)
		}
		if err := s.Start(); err == nil {
			t.Errorf("Start after Shutdown succeeded, want an error")
		}
	})

	t.Run("waits for in-flight request", func(t *testing.T) {
		entered, release := make(chan struct{}), make(chan struct{})
		slow := func(context.Context) error {
			close(entered)
			<-release
			return nil
		}
		s := NewServer("127.0.0.1:0", nil, map[string]Check{"slow": slow}, nil)
		if err := s.Start(); err != nil {
			t.Fatal(err)
		}
		codes := make(chan int, 1)
		go func() {
			resp, err := http.Get("http://" + s.Addr() + "/healthz")
			if err != nil {
				codes <- 0
				return
			}
			resp.Body.Close()
			codes <- resp.StatusCode
		}()
		<-entered

		shut := make(chan error, 1)
		go func() { shut <- s.Shutdown(context.Background()) }()
		select {
		case err := <-shut:
			t.Fatalf("Shutdown returned %v with a request in flight", err)
		case <-time.After(50 * time.Millisecond):
		}
		close(release)
		if err := <-shut; err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		if code := <-codes; code != http.StatusOK {
			t.Errorf("in-flight request got %d, want 200", code)
		}
	})

	t.Run("context expires", func(t *testing.T) {
		entered, release := make(chan struct{}), make(chan struct{})
		t.Cleanup(func() { close(release) })
		s := NewServer("127.0.0.1:0", nil, map[string]Check{"slow": func(context.Context) error {
			close(entered)
			<-release
			return nil
		}}, nil)
		if err := s.Start(); err != nil {
			t.Fatal(err)
		}
		go func() {
			if resp, err := http.Get("http://" + s.Addr() + "/healthz"); err == nil {
				resp.Body.Close()
			}
		}()
		<-entered
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		if err := s.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Shutdown = %v, want DeadlineExceeded", err)
		}
	})
}
