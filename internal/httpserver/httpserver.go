// Package httpserver is the life of one of faqbot's HTTP servers (metrics
// and health, the interactions endpoint): bind an address, serve in the
// background, tell the address bound, shut down.
package httpserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
)

// Server serves one handler on one address.
type Server struct {
	name string // what it serves, for logs and errors: "metrics", "interactions"
	addr string
	log  *slog.Logger
	srv  *http.Server

	mu   sync.Mutex
	ln   net.Listener  // set by Start
	done chan struct{} // closed when Serve returns
}

// New returns a Server named name for addr (host:port; port 0 picks a free
// one) with srv's handler and limits; srv's ErrorLog is set to log. Nothing
// listens until Start.
func New(name, addr string, srv *http.Server, log *slog.Logger) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	srv.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelWarn)
	return &Server{name: name, addr: addr, log: log, srv: srv}
}

// Start binds the address and serves in the background until Shutdown. It
// returns an error if the address cannot be bound or Start was already
// called.
func (s *Server) Start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln != nil {
		return fmt.Errorf("%s: start %s: already started", s.name, s.addr)
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("%s: listen %s: %w", s.name, s.addr, err)
	}
	s.ln, s.done = ln, make(chan struct{})
	s.log.Info(s.name+" server listening", "addr", ln.Addr().String())
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error(s.name+" server stopped", "addr", ln.Addr().String(), "err", err)
		}
	}()
	return nil
}

// Addr returns the address the server is bound to once started, which
// tells the real port when addr asked for port 0, and the configured addr
// before.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ln == nil {
		return s.addr
	}
	return s.ln.Addr().String()
}

// Shutdown stops accepting connections and waits, until ctx ends, for
// in-flight requests and the serving goroutine to finish. It is a no-op on
// a server that was never started.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	started, done := s.ln != nil, s.done
	s.mu.Unlock()
	if !started {
		return nil
	}
	if err := s.srv.Shutdown(ctx); err != nil {
		return fmt.Errorf("%s: shut down %s: %w", s.name, s.Addr(), err)
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%s: shut down %s: %w", s.name, s.Addr(), ctx.Err())
	}
}

// Handler is what the server serves.
func (s *Server) Handler() http.Handler { return s.srv.Handler }
