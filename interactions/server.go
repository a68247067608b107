package interactions

import (
	"log/slog"
	"net/http"
	"time"

	"faqbot/internal/httpserver"
)

// Server serves an Endpoint on one address (INTERACTIONS_ADDR), behind the
// TLS-terminating proxy or load balancer that Discord reaches. Start, Addr
// and Shutdown are httpserver.Server's.
type Server struct {
	*httpserver.Server
}

// NewServer returns a Server for addr (host:port; port 0 picks a free one)
// that hands every request to e. Nothing listens until Start.
func NewServer(addr string, e *Endpoint, log *slog.Logger) *Server {
	return &Server{httpserver.New("interactions", addr, &http.Server{
		Handler: e,
		// Discord sends small requests and waits 3 seconds for each:
		// anything slower is not Discord, or is lost anyway.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}, log)}
}
