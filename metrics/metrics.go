package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// namespace prefixes every faqbot metric name.
const namespace = "faqbot"

// Histogram buckets. Answers come from an in-memory index, so most take
// milliseconds; the top buckets catch the slow tail that endangers Discord's
// 3 s response deadline. Reloads read files and rebuild the index, so they
// are measured in seconds.
var (
	latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5}
	reloadBuckets  = []float64{0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}
)

// Metrics holds faqbot's Prometheus collectors on its own registry, so that
// any number of values can coexist (one per test, say) without clashing in a
// process-wide default registry.
//
// The zero value is not usable; call New. A nil *Metrics is: every method
// then does nothing, which lets callers and tests skip metrics entirely.
type Metrics struct {
	reg     *prometheus.Registry
	handler http.Handler

	questions   labelled[prometheus.Counter]
	answers     labelled[prometheus.Counter]
	abstentions labelled[prometheus.Counter]
	latency     labelled[prometheus.Observer]
	cooldowns   labelled[prometheus.Counter]
	panics      labelled[prometheus.Counter]
	passages    labelled[prometheus.Gauge]
	learned     labelled[prometheus.Counter]

	feedbackUp, feedbackDown prometheus.Counter
	reloadOK, reloadFailed   prometheus.Counter
	reloadDuration           prometheus.Observer
	gateway                  prometheus.Gauge
}

// New returns Metrics registered on a fresh registry together with the Go
// runtime and process collectors. Every labelled series starts at zero so that
// dashboards and rate() see it from the first scrape.
func New() *Metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	// MustRegister cannot panic below: the registry is new and every name
	// is distinct, which TestNew checks.
	counterVec := func(name, help, label string) *prometheus.CounterVec {
		v := prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: name, Help: help}, []string{label})
		reg.MustRegister(v)
		return v
	}

	questions := counterVec("questions_total", "Questions received, by where they were asked.", "source")
	answers := counterVec("answers_total", "Questions answered from the FAQ, by source.", "source")
	abstentions := counterVec("abstentions_total", "Questions the bot declined to answer for lack of confidence, by source.", "source")
	cooldowns := counterVec("cooldowns_total", "Questions held back by a limit, by scope: user, channel, repeat or busy.", "scope")
	panics := counterVec("handler_panics_total", "Panics recovered in event handlers, by event.", "event")
	feedback := counterVec("feedback_total", "Votes on answers, by direction.", "vote")
	reloads := counterVec("reloads_total", "Content reloads, by result.", "result")
	learned := counterVec("learned_total", "Learned phrasings: members' choices recorded, and phrasings accepted (by moderators or LEARN_AUTO_ACCEPT) or rejected.", "event")

	latency := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Namespace: namespace, Name: "answer_latency_seconds",
		Help:    "Time from receiving a question to having its reply ready, by source.",
		Buckets: latencyBuckets,
	}, []string{"source"})
	reloadDuration := prometheus.NewHistogram(prometheus.HistogramOpts{
		Namespace: namespace, Name: "reload_duration_seconds",
		Help:    "Time taken by content reloads, successful or not.",
		Buckets: reloadBuckets,
	})
	passages := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Namespace: namespace, Name: "passages",
		Help: "Passages in the live index, by kind.",
	}, []string{"kind"})
	gateway := prometheus.NewGauge(prometheus.GaugeOpts{
		Namespace: namespace, Name: "gateway_connected",
		Help: "1 while the Discord gateway session is connected, 0 otherwise.",
	})
	reg.MustRegister(latency, reloadDuration, passages, gateway)

	counter := func(v *prometheus.CounterVec) func(string) prometheus.Counter {
		return func(value string) prometheus.Counter { return v.WithLabelValues(value) }
	}
	m := &Metrics{
		reg:            reg,
		questions:      newLabelled(sources, counter(questions)),
		answers:        newLabelled(sources, counter(answers)),
		abstentions:    newLabelled(sources, counter(abstentions)),
		cooldowns:      newLabelled(scopes, counter(cooldowns)),
		panics:         newLabelled(events, counter(panics)),
		learned:        newLabelled(learnEvents, counter(learned)),
		latency:        newLabelled(sources, func(v string) prometheus.Observer { return latency.WithLabelValues(v) }),
		passages:       newLabelled(kinds, func(v string) prometheus.Gauge { return passages.WithLabelValues(v) }),
		feedbackUp:     feedback.WithLabelValues("up"),
		feedbackDown:   feedback.WithLabelValues("down"),
		reloadOK:       reloads.WithLabelValues("ok"),
		reloadFailed:   reloads.WithLabelValues("failed"),
		reloadDuration: reloadDuration,
		gateway:        gateway,
	}
	// InstrumentMetricHandler adds promhttp_metric_handler_* so operators can
	// see scrape failures; it is built once because it registers collectors.
	m.handler = promhttp.InstrumentMetricHandler(reg, promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		Registry:      reg,
		ErrorHandling: promhttp.ContinueOnError,
	}))
	return m
}

// Handler returns the HTTP handler exposing this registry in the Prometheus
// exposition format. For a nil *Metrics it returns a handler answering 404.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return m.handler
}

// Registry returns the registry the collectors live on, for callers that want
// to add their own collectors or gather directly. It is nil for a nil *Metrics.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.reg
}
