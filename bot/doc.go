// Package bot is faqbot in Discord: it turns slash commands, autocomplete,
// button clicks, mentions and help-channel messages into questions, and
// answers into messages.
//
// Every question takes one path, whatever brought it: it is read into a
// question (question.go), searched with at most one search per core at a
// time (gate.go), and decide (decide.go) turns the question, the judged
// search result and the limits state (members' and help channels' limits,
// answers posted moments ago) into a decision: a message, public or
// private, or silence. The senders for interactions (ask.go) and messages
// (messages.go) only carry decisions out.
//
// It depends on small interfaces it declares itself (something that
// answers, something that reloads, something that records feedback), so
// the real wiring lives in main and tests can use the real parts against a
// fake Discord. Every message it sends allows no mentions, every handler
// runs with a timeout and recovers from panics, and Run waits for handlers
// in flight before closing the gateway.
package bot
