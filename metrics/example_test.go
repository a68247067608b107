package metrics_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"faqbot/metrics"
)

func Example() {
	m := metrics.New()
	start := time.Now()
	m.Question(metrics.SourceSlash)
	m.Answered(metrics.SourceSlash)
	m.Latency(metrics.SourceSlash, time.Since(start))

	connected := true
	checks := map[string]metrics.Check{
		"gateway": func(context.Context) error {
			if !connected {
				return errors.New("gateway: not connected")
			}
			return nil
		},
	}
	srv := metrics.NewServer("127.0.0.1:0", m, checks, nil)
	if err := srv.Start(); err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Shutdown(context.Background())

	resp, err := http.Get("http://" + srv.Addr() + "/healthz")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(resp.StatusCode, " ", string(body))
	// Output: 200 {"status":"ok","checks":{"gateway":"ok"}}
}
