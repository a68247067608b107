// Package feedback is the bot's memory of what members asked and how its
// answers were received, so that moderators know what to write next: the
// questions that got no confident answer (grouped, most frequent first) and
// the passages members voted down. It also learns phrasings: the passage a
// member chose for their question (a "did you mean" click, a 👍) is a
// suggestion that moderators accept as an alias of the passage, or reject.
//
// # Storage
//
// The store is one bbolt file, DATA_DIR/feedback.db. bbolt was chosen over
// SQLite because it is a small pure-Go dependency (no cgo, no SQL layer, a
// static binary stays static), the data is a few key-value buckets read by
// simple ordered scans, and a single file with ACID transactions and a file
// lock is all the durability and exclusion the bot needs. The file lock is
// taken with a timeout, so a second bot started on the same directory fails
// at once with ErrLocked instead of hanging.
//
// Layout (all integers big-endian):
//
//	meta         "schema" → version; "salt" → hex voter salt;
//	             "n_unanswered", "n_votes", "n_choices" → record counts
//	unanswered   time key → JSON {"q": question, "best": passage id}
//	votes        passage id 0x00 voter → 1 byte (1 up, 0 down) + time key
//	votes_time   time key → votes key (the index that makes pruning cheap)
//	choices      passage id 0x00 group key 0x00 voter → time key + question
//	choices_time time key → choices key
//	learned      passage id 0x00 group key → JSON {"q", "accepted", "by", "at"}
//
// The group key is the question in lower case without punctuation (see
// Unanswered), so wordings that differ only in those are one phrasing.
// Schema 1 files from before learned phrasings lack the last three
// buckets; opening one adds them.
//
// A time key is 8 bytes of unix nanoseconds (sign bit flipped, so that the
// byte order is the time order) followed by an 8-byte bucket sequence: a
// cursor walks records oldest first, and both "since" queries and pruning
// are a Seek plus a short walk.
//
// # Bounded growth
//
// A flood of questions or votes must not grow the file without bound. Records
// older than the retention are deleted when the store opens, at most once an
// hour while questions are recorded, and on Prune; reads ignore expired
// records even before they are deleted. Independently of time, the store
// keeps at most MaxUnanswered questions, MaxVotes votes and MaxChoices
// choices, dropping the oldest. Decided phrasings (learned) do not expire:
// an accepted one is content, a rejected one must stay rejected; at most
// MaxLearned are kept, after which deciding fails with ErrTooManyLearned. Inputs are capped too: questions at MaxQuestionRunes, passage ids
// at MaxPassageIDBytes. bbolt reuses freed pages, so a store at its caps
// stops growing.
//
// # Privacy
//
// Only the question text (normalised) and its time are stored, never who
// asked. Votes are keyed by an opaque voter key, VoterKey(salt, userID), a
// salted SHA-256 of the member's id; RecordVote accepts nothing else, so a
// raw id cannot be stored by mistake. Choices are keyed the same way, and a
// decided phrasing keeps only its words, never who chose it. The salt is made at random when the
// store is created and kept in it (Store.Salt).
//
// # Memory only
//
// Open with dir "" gives a store with the same code and behaviour, backed by
// a bbolt file in a fresh temporary directory that Close removes. Writes are
// not synced to disk there, since the file dies with the store.
package feedback
