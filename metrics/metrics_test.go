package metrics

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrape fetches h's /metrics output and parses it as Prometheus text, the
// way a scraper would see it.
func scrape(t *testing.T, h http.Handler) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics: status %d, body %q", rec.Code, rec.Body)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("parse /metrics output: %v", err)
	}
	return families
}

// sample returns the value of the series name{labels} in families: the value
// of a counter or gauge, the sample count of a histogram. ok is false when
// the series is absent.
func sample(families map[string]*dto.MetricFamily, name string, labels map[string]string) (v float64, ok bool) {
	mf := families[name]
	if mf == nil {
		return 0, false
	}
	for _, m := range mf.GetMetric() {
		if !hasLabels(m, labels) {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue(), true
		case m.Gauge != nil:
			return m.GetGauge().GetValue(), true
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount()), true
		}
	}
	return 0, false
}

// hasLabels reports whether m carries exactly labels.
func hasLabels(m *dto.Metric, labels map[string]string) bool {
	if len(m.GetLabel()) != len(labels) {
		return false
	}
	for _, lp := range m.GetLabel() {
		if want, ok := labels[lp.GetName()]; !ok || want != lp.GetValue() {
			return false
		}
	}
	return true
}

func TestNew(t *testing.T) {
	// Two values side by side must not clash: no global registry.
	a, b := New(), New()
	a.Question(SourceSlash)
	families := scrape(t, b.Handler())
	for _, name := range []string{
		"go_goroutines", "process_cpu_seconds_total", "promhttp_metric_handler_requests_total",
		"faqbot_questions_total", "faqbot_answers_total", "faqbot_abstentions_total",
		"faqbot_answer_latency_seconds", "faqbot_feedback_total", "faqbot_reloads_total",
		"faqbot_reload_duration_seconds", "faqbot_passages", "faqbot_gateway_connected",
		"faqbot_cooldowns_total", "faqbot_handler_panics_total", "faqbot_learned_total",
	} {
		if families[name] == nil {
			t.Errorf("metric %s not exported", name)
		}
	}
	if v, _ := sample(families, "faqbot_questions_total", map[string]string{"source": "slash"}); v != 0 {
		t.Errorf("recording on one Metrics changed another: got %v, want 0", v)
	}
	if a.Registry() == nil || a.Registry() == b.Registry() {
		t.Errorf("Registry() should be non-nil and distinct per Metrics")
	}
}

func TestZeroSeriesExportedUpFront(t *testing.T) {
	families := scrape(t, New().Handler())
	tests := []struct {
		name   string
		labels map[string]string
	}{
		{"faqbot_questions_total", map[string]string{"source": "autocomplete"}},
		{"faqbot_questions_total", map[string]string{"source": "other"}},
		{"faqbot_answer_latency_seconds", map[string]string{"source": "mention"}},
		{"faqbot_feedback_total", map[string]string{"vote": "down"}},
		{"faqbot_reloads_total", map[string]string{"result": "failed"}},
		{"faqbot_passages", map[string]string{"kind": "passage"}},
		{"faqbot_cooldowns_total", map[string]string{"scope": "channel"}},
		{"faqbot_handler_panics_total", map[string]string{"event": "interaction"}},
		{"faqbot_learned_total", map[string]string{"event": "accepted"}},
		{"faqbot_reload_duration_seconds", nil},
		{"faqbot_gateway_connected", nil},
	}
	for _, tt := range tests {
		if v, ok := sample(families, tt.name, tt.labels); !ok || v != 0 {
			t.Errorf("%s%v = %v (present %v), want 0 present", tt.name, tt.labels, v, ok)
		}
	}
}

func TestRecording(t *testing.T) {
	tests := []struct {
		name   string
		record func(m *Metrics)
		metric string
		labels map[string]string
		want   float64
	}{
		{"question slash", func(m *Metrics) { m.Question(SourceSlash); m.Question(SourceSlash) },
			"faqbot_questions_total", map[string]string{"source": "slash"}, 2},
		{"question unknown source", func(m *Metrics) { m.Question("webhook"); m.Question("Slash") },
			"faqbot_questions_total", map[string]string{"source": "other"}, 2},
		{"answered mention", func(m *Metrics) { m.Answered(SourceMention) },
			"faqbot_answers_total", map[string]string{"source": "mention"}, 1},
		{"abstained channel", func(m *Metrics) { m.Abstained(SourceChannel) },
			"faqbot_abstentions_total", map[string]string{"source": "channel"}, 1},
		{"latency autocomplete", func(m *Metrics) {
			m.Latency(SourceAutocomplete, 3*time.Millisecond)
			m.Latency(SourceAutocomplete, 40*time.Millisecond)
		}, "faqbot_answer_latency_seconds", map[string]string{"source": "autocomplete"}, 2},
		{"latency unknown source", func(m *Metrics) { m.Latency("", time.Millisecond) },
			"faqbot_answer_latency_seconds", map[string]string{"source": "other"}, 1},
		{"feedback up", func(m *Metrics) { m.Feedback(true); m.Feedback(true); m.Feedback(false) },
			"faqbot_feedback_total", map[string]string{"vote": "up"}, 2},
		{"feedback down", func(m *Metrics) { m.Feedback(false) },
			"faqbot_feedback_total", map[string]string{"vote": "down"}, 1},
		{"reload ok", func(m *Metrics) { m.Reload(true, time.Second) },
			"faqbot_reloads_total", map[string]string{"result": "ok"}, 1},
		{"reload failed", func(m *Metrics) { m.Reload(false, time.Second) },
			"faqbot_reloads_total", map[string]string{"result": "failed"}, 1},
		{"reload duration counts both", func(m *Metrics) { m.Reload(true, time.Second); m.Reload(false, 2*time.Second) },
			"faqbot_reload_duration_seconds", nil, 2},
		{"passages faq, last write wins", func(m *Metrics) { m.Passages(KindFAQ, 10); m.Passages(KindFAQ, 42) },
			"faqbot_passages", map[string]string{"kind": "faq"}, 42},
		{"passages unknown kind", func(m *Metrics) { m.Passages("wiki", 7) },
			"faqbot_passages", map[string]string{"kind": "other"}, 7},
		{"gateway connected", func(m *Metrics) { m.Gateway(true) },
			"faqbot_gateway_connected", nil, 1},
		{"gateway disconnected", func(m *Metrics) { m.Gateway(true); m.Gateway(false) },
			"faqbot_gateway_connected", nil, 0},
		{"cooldown user", func(m *Metrics) { m.Cooldown(ScopeUser) },
			"faqbot_cooldowns_total", map[string]string{"scope": "user"}, 1},
		{"cooldown unknown scope", func(m *Metrics) { m.Cooldown("guild") },
			"faqbot_cooldowns_total", map[string]string{"scope": "other"}, 1},
		{"panic message", func(m *Metrics) { m.HandlerPanic(EventMessage) },
			"faqbot_handler_panics_total", map[string]string{"event": "message"}, 1},
		{"panic unknown event", func(m *Metrics) { m.HandlerPanic("GUILD_CREATE") },
			"faqbot_handler_panics_total", map[string]string{"event": "other"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New()
			tt.record(m)
			got, ok := sample(scrape(t, m.Handler()), tt.metric, tt.labels)
			if !ok {
				t.Fatalf("%s%v not in /metrics output", tt.metric, tt.labels)
			}
			if got != tt.want {
				t.Errorf("%s%v = %v, want %v", tt.metric, tt.labels, got, tt.want)
			}
		})
	}
}

func TestUnknownLabelsStayBounded(t *testing.T) {
	m := New()
	for i := range 1000 {
		junk := string(rune('a'+i%26)) + time.Duration(i).String()
		m.Question(junk)
		m.HandlerPanic(junk)
		m.Cooldown(junk)
		m.Learned(junk)
		m.Passages(junk, i)
		m.Latency(junk, time.Millisecond)
	}
	families := scrape(t, m.Handler())
	limits := map[string]int{
		"faqbot_questions_total":        len(sources) + 1,
		"faqbot_handler_panics_total":   len(events) + 1,
		"faqbot_cooldowns_total":        len(scopes) + 1,
		"faqbot_learned_total":          len(learnEvents) + 1,
		"faqbot_passages":               len(kinds) + 1,
		"faqbot_answer_latency_seconds": len(sources) + 1,
	}
	for name, limit := range limits {
		if n := len(families[name].GetMetric()); n != limit {
			t.Errorf("%s has %d series, want %d", name, n, limit)
		}
	}
	if v, _ := sample(families, "faqbot_questions_total", map[string]string{"source": Other}); v != 1000 {
		t.Errorf("other questions = %v, want 1000", v)
	}
}

func TestNilMetricsIsSafe(t *testing.T) {
	var m *Metrics
	m.Question(SourceSlash)
	m.Answered(SourceSlash)
	m.Abstained(SourceSlash)
	m.Latency(SourceSlash, time.Millisecond)
	m.Feedback(true)
	m.Reload(false, time.Second)
	m.Passages(KindFAQ, 3)
	m.Gateway(true)
	m.Cooldown(ScopeUser)
	m.HandlerPanic(EventReady)
	if m.Registry() != nil {
		t.Errorf("nil Metrics: Registry() should be nil")
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("nil Metrics handler: status %d, want 404", rec.Code)
	}
}

func TestConcurrentRecording(t *testing.T) {
	m := New()
	const workers, each = 8, 500
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				m.Question(SourceMention)
				m.Latency(SourceMention, time.Millisecond)
				m.Gateway(true)
				m.Passages(KindFAQ, 1)
			}
		})
	}
	wg.Go(func() { // scraping while recording; t.Fatal is not allowed off the test goroutine
		rec := httptest.NewRecorder()
		m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
		if rec.Code != http.StatusOK {
			t.Errorf("concurrent scrape: status %d", rec.Code)
		}
	})
	wg.Wait()
	got, _ := sample(scrape(t, m.Handler()), "faqbot_questions_total", map[string]string{"source": "mention"})
	if got != workers*each {
		t.Errorf("questions = %v, want %d", got, workers*each)
	}
}

func BenchmarkRecord(b *testing.B) {
	m := New()
	benchmarks := []struct {
		name string
		fn   func()
	}{
		{"Question/known", func() { m.Question(SourceSlash) }},
		{"Question/unknown", func() { m.Question("webhook") }},
		{"Latency", func() { m.Latency(SourceSlash, 3*time.Millisecond) }},
		{"Feedback", func() { m.Feedback(true) }},
		{"Nil", func() { (*Metrics)(nil).Question(SourceSlash) }},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					bm.fn()
				}
			})
		})
	}
}
