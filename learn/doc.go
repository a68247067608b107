// Package learn turns the phrasings members taught the bot into content:
// accepted phrasings (see feedback.Store.Decided) become aliases of their
// FAQ passages before the passages are indexed, matched by passage id, so
// they are searched exactly as aliases written in files are. A phrasing
// whose passage is gone is an orphan: reported, never dropped from the
// store, and applied again should the passage come back. Export writes
// accepted phrasings in the content formats, for moderators to move them
// into their files.
package learn
