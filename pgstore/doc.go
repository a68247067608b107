// Package pgstore keeps faqbot's state in PostgreSQL, for more than one
// process: the feedback, unanswered questions and learned phrasings that
// package feedback keeps in a bbolt file (which one process at a time can
// open), the questions behind replies' buttons (so that a click reaching
// another replica than the question still teaches), and notices that pass
// reloads and learned phrasings from one replica to the others.
//
// Store behaves as feedback.Store does, through the same methods, with the
// same limits and the same order of every list (feedback's own functions
// decide them); the bot cannot tell them apart. Records expire after the
// retention; expired records are deleted when a store opens and hourly
// while questions are recorded, and so are the oldest beyond
// feedback.MaxUnanswered, MaxVotes and MaxChoices (between two prunes a
// store can hold an hour's records more). Reads ignore expired records.
//
// The schema is versioned by the migrations embedded in this package
// (migrations/NNN_name.sql), applied in order when a store opens, one
// replica at a time (an advisory lock); a database a newer build migrated
// further is refused. Tables are named faqbot_*, so the database may be
// shared with other applications.
//
// Notices travel by LISTEN/NOTIFY on the channel faqbot_content (see
// Publish and Listen); the latest is also kept in faqbot_meta, so that a
// replica that was disconnected catches up when it listens again.
package pgstore
