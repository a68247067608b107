package index

// Policy decides whether a search result is given as the answer. It is the
// one place where the confidence threshold is applied: the bot, `faqbot
// ask` and `faqbot eval` all pass Search's results through a Policy.
type Policy struct {
	// MinConfidence is the confidence (0-1) an answer needs.
	MinConfidence float64
}

// Apply decides r: Answered when it has a best passage whose confidence
// reaches the threshold, else Reason says why not. Search leaves results
// undecided, so the same result can be judged at several thresholds.
func (p Policy) Apply(r Result) Result {
	r.Answered = false
	switch {
	case r.Reason == ReasonNoTerms || r.Reason == ReasonNoMatch || len(r.Hits) == 0:
		if r.Reason == ReasonNone || r.Reason == ReasonLowConfidence {
			r.Reason = ReasonNoMatch
		}
	case r.Confidence >= p.MinConfidence:
		r.Answered, r.Reason = true, ReasonNone
	default:
		r.Reason = ReasonLowConfidence
	}
	return r
}
