// Package metrics is what operators see of a running faqbot: Prometheus
// counters, gauges and histograms on a registry of their own, and a small HTTP
// server exposing them on /metrics next to a /healthz endpoint.
//
// Every recording method is safe for concurrent use and accepts a nil
// *Metrics, so code under test can pass nil instead of building a registry.
// Label values come from small fixed sets (see the Source, Event, Kind and
// Scope constants); anything else is recorded as "other" so that a typo or an
// unexpected input can never grow the number of time series without bound.
package metrics
