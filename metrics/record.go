package metrics

import "time"

// Question counts a question received from source (one of the Source
// constants; anything else counts as "other").
func (m *Metrics) Question(source string) {
	if m == nil {
		return
	}
	m.questions.get(source).Inc()
}

// Answered counts a question from source that got an answer from the FAQ.
func (m *Metrics) Answered(source string) {
	if m == nil {
		return
	}
	m.answers.get(source).Inc()
}

// Abstained counts a question from source that the bot declined to answer
// because no passage scored confidently enough.
func (m *Metrics) Abstained(source string) {
	if m == nil {
		return
	}
	m.abstentions.get(source).Inc()
}

// Latency records how long a question from source took to answer.
func (m *Metrics) Latency(source string, d time.Duration) {
	if m == nil {
		return
	}
	m.latency.get(source).Observe(d.Seconds())
}

// Feedback counts a member's vote on an answer: up when it helped.
func (m *Metrics) Feedback(up bool) {
	if m == nil {
		return
	}
	if up {
		m.feedbackUp.Inc()
	} else {
		m.feedbackDown.Inc()
	}
}

// Reload counts a content reload and records how long it took, whether it
// succeeded (ok) or left the old index in place.
func (m *Metrics) Reload(ok bool, d time.Duration) {
	if m == nil {
		return
	}
	if ok {
		m.reloadOK.Inc()
	} else {
		m.reloadFailed.Inc()
	}
	m.reloadDuration.Observe(d.Seconds())
}

// Passages sets how many passages of kind (KindFAQ or KindPassage) the live
// index holds. Unknown kinds all share the "other" series, last write wins.
func (m *Metrics) Passages(kind string, n int) {
	if m == nil {
		return
	}
	m.passages.get(kind).Set(float64(n))
}

// Gateway records whether the Discord gateway session is connected.
func (m *Metrics) Gateway(connected bool) {
	if m == nil {
		return
	}
	if connected {
		m.gateway.Set(1)
	} else {
		m.gateway.Set(0)
	}
}

// Cooldown counts a question held back by a limit of scope (ScopeUser,
// ScopeChannel, ScopeRepeat or ScopeBusy).
func (m *Metrics) Cooldown(scope string) {
	if m == nil {
		return
	}
	m.cooldowns.get(scope).Inc()
}

// HandlerPanic counts a panic recovered while handling event (one of the
// Event constants).
func (m *Metrics) HandlerPanic(event string) {
	if m == nil {
		return
	}
	m.panics.get(event).Inc()
}

// Learned counts what happened to a learned phrasing (LearnChoice,
// LearnAccepted or LearnRejected).
func (m *Metrics) Learned(event string) {
	if m == nil {
		return
	}
	m.learned.get(event).Inc()
}
