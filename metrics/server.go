package metrics

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// Server serves /healthz and /metrics on one address, for probes and
// scrapers. It is meant to listen on a private or loopback address.
type Server struct {
	addr string
	log  *slog.Logger
	srv  *http.Server

	mu   sync.Mutex
	ln   net.Listener  // set by Start
	done chan struct{} // closed when Serve returns
}

// NewServer returns a Server for addr (host:port; port 0 picks a free one)
// exposing m on /metrics and checks on /healthz. m may be nil (then /metrics
// answers 404), checks may be empty (then /healthz always answers ok), and
// log may be nil (then nothing is logged). Nothing listens until Start.
func NewServer(addr string, m *Metrics, checks map[string]Check, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	own := make(map[string]Check, len(checks)) // the caller may reuse its map
	for name, c := range checks {
		own[name] = c
	}
	metricsHandler := m.Handler()
	mux := http.NewServeMux()
	mux.Handle("/healthz", &health{checks: own, timeout: checkTimeout, log: log})
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, r *http.Request) {
		if allowGet(w, r) {
			metricsHandler.ServeHTTP(w, r)
		}
	})
	return &Server{
		addr: addr,
		log:  log,
		srv: &http.Server{
			Handler: mux,
			// Slow or stuck clients must not pile up connections.
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      30 * time.Second, // > checkTimeout and any scrape
			IdleTimeout:       60 * time.Second,
			MaxHeaderBytes:    16 << 10,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
	}
}

// Start binds the address and serves in the background until Shutdown. It
// returns an error if the address cannot be bound or Start was already called.
func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln != nil {
		return fmt.Errorf("metrics: start %s: already started", s.addr)
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("metrics: listen %s: %w", s.addr, err)
	}
	s.ln = ln
	s.done = make(chan struct{})
	s.log.Info("metrics server listening", "addr", ln.Addr().String())
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("metrics server stopped", "addr", ln.Addr().String(), "err", err)
		}
	}()
	return nil
}

// Addr returns the address the server is bound to once started, which tells
// the real port when addr asked for port 0, and the configured addr before.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return s.addr
	}
	return s.ln.Addr().String()
}

// Shutdown stops accepting connections and waits, until ctx ends, for
// in-flight requests and the serving goroutine to finish. It is a no-op on a
// server that was never started.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	started, done := s.ln != nil, s.done
	s.mu.Unlock()
	if !started {
		return nil
	}
	if err := s.srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("metrics: shut down %s: %w", s.Addr(), err)
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("metrics: shut down %s: %w", s.Addr(), ctx.Err())
	}
}
