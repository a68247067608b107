package interactions

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

// Server serves an Endpoint on one address (INTERACTIONS_ADDR), behind the
// TLS-terminating proxy or load balancer that Discord reaches.
type Server struct {
	addr string
	log  *slog.Logger
	srv  *http.Server

	mu   sync.Mutex
	ln   net.Listener  // set by Start
	done chan struct{} // closed when Serve returns
}

// NewServer returns a Server for addr (host:port; port 0 picks a free one)
// that hands every request to e. Nothing listens until Start.
func NewServer(addr string, e *Endpoint, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Server{
		addr: addr,
		log:  log,
		srv: &http.Server{
			Handler: e,
			// Discord sends small requests and waits 3 seconds for each:
			// anything slower is not Discord, or is lost anyway.
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      10 * time.Second,
			IdleTimeout:       120 * time.Second,
			MaxHeaderBytes:    16 << 10,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
	}
}

// Start binds the address and serves in the background until Shutdown.
func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln != nil {
		return fmt.Errorf("interactions: start %s: already started", s.addr)
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("interactions: listen %s: %w", s.addr, err)
	}
	s.ln, s.done = ln, make(chan struct{})
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("interactions endpoint stopped", "addr", ln.Addr().String(), "err", err)
		}
	}()
	return nil
}

// Addr is the address the server is bound to once started (the real port
// when addr asked for port 0), the configured one before.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return s.addr
	}
	return s.ln.Addr().String()
}

// Shutdown stops accepting requests and waits, until ctx ends, for those in
// flight. It does nothing on a server that was never started.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	started, done := s.ln != nil, s.done
	s.mu.Unlock()
	if !started {
		return nil
	}
	if err := s.srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("interactions: shut down %s: %w", s.Addr(), err)
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("interactions: shut down %s: %w", s.Addr(), ctx.Err())
	}
}
