package metrics

// Label values for the source of a question.
const (
	SourceSlash        = "slash"        // the /ask slash command
	SourceMention      = "mention"      // a message mentioning the bot (its user or its role)
	SourceDM           = "dm"           // a direct message to the bot
	SourceChannel      = "channel"      // a message in a channel the bot answers in
	SourceAutocomplete = "autocomplete" // suggestions while typing /ask
)

// Label values for the Discord event a handler was serving when it panicked.
const (
	EventInteraction = "interaction" // INTERACTION_CREATE: commands, autocomplete, buttons
	EventMessage     = "message"     // MESSAGE_CREATE: mentions and answer channels
	EventReady       = "ready"       // READY: command registration, status
	EventReload      = "reload"      // a content reload outside any Discord event
)

// Label values for the kind of indexed passage.
const (
	KindFAQ     = "faq"     // a question with its answer
	KindPassage = "passage" // a section of a longer document
)

// Label values for the scope of a cooldown.
const (
	ScopeUser    = "user"    // a member asked again before their limit was over
	ScopeChannel = "channel" // a help channel had an unasked answer moments ago
	ScopeRepeat  = "repeat"  // the question was answered publicly in the channel moments ago
	ScopeBusy    = "busy"    // no search slot came free before the question's deadline
)

// Label values for what happened to a learned phrasing.
const (
	LearnChoice   = "choice"   // a member chose a passage for their question
	LearnAccepted = "accepted" // a phrasing became an alias of its passage
	LearnRejected = "rejected" // a phrasing was rejected, or an accepted one removed
)

// Other is the label value recorded for any input outside its fixed set.
const Other = "other"

var (
	sources = []string{SourceSlash, SourceMention, SourceDM, SourceChannel, SourceAutocomplete}
	events  = []string{EventInteraction, EventMessage, EventReady, EventReload}
	kinds   = []string{KindFAQ, KindPassage}
	scopes  = []string{ScopeUser, ScopeChannel, ScopeRepeat, ScopeBusy}

	learnEvents = []string{LearnChoice, LearnAccepted, LearnRejected}
)

// labelled holds one child collector per allowed label value, created up
// front so that every series is exported (as zero) from the first scrape and
// the hot path is a map lookup instead of WithLabelValues hashing.
type labelled[T any] map[string]T

// newLabelled builds a labelled set for known plus Other, calling child once
// per value.
func newLabelled[T any](known []string, child func(value string) T) labelled[T] {
	l := make(labelled[T], len(known)+1)
	for _, v := range known {
		l[v] = child(v)
	}
	l[Other] = child(Other)
	return l
}

// get returns the child for v, or the Other child if v is not in the set.
// Matching is exact ("Slash" is not "slash"): callers use the constants above.
func (l labelled[T]) get(v string) T {
	if c, ok := l[v]; ok {
		return c
	}
	return l[Other]
}
