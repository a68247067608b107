package metrics

import (
	"log/slog"
	"net/http"
	"time"

	"faqbot/internal/httpserver"
)

// Server serves /healthz and /metrics on one address, for probes and
// scrapers. It is meant to listen on a private or loopback address. Start,
// Addr and Shutdown are httpserver.Server's.
type Server struct {
	*httpserver.Server
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
	return &Server{httpserver.New("metrics", addr, &http.Server{
		Handler: mux,
		// Slow or stuck clients must not pile up connections.
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second, // > checkTimeout and any scrape
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}, log)}
}
