// Package bot is faqbot in Discord: it turns slash commands, autocomplete,
// button clicks, mentions and help-channel messages into questions, and
// answers into messages.
//
// It depends on small interfaces it declares itself (something that
// answers, something that reloads, something that records feedback), so
// the real wiring lives in main and tests can use the real parts against a
// fake Discord. Every message it sends allows no mentions, every handler
// runs with a timeout and recovers from panics, and Run waits for handlers
// in flight before closing the gateway.
package bot
