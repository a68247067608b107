package feedback

import "errors"

var (
	// ErrLocked means another process holds the store file open.
	ErrLocked = errors.New("store file is locked by another process")
	// ErrClosed means the store was used after Close.
	ErrClosed = errors.New("store is closed")
	// ErrEmptyQuestion means the question was empty once normalised.
	ErrEmptyQuestion = errors.New("empty question")
	// ErrInvalidPassageID means a passage id was empty, too long or held
	// a NUL byte.
	ErrInvalidPassageID = errors.New("invalid passage id")
	// ErrInvalidVoter means the voter was not a key made by VoterKey.
	ErrInvalidVoter = errors.New("invalid voter key (want VoterKey output)")
	// ErrNotPlain means a question cannot be a learned phrasing: it holds
	// a mention, a link or Markdown, or is empty or too long.
	ErrNotPlain = errors.New("not a plain phrasing")
	// ErrUnknownPhrasing means no phrasing has the id given.
	ErrUnknownPhrasing = errors.New("no such phrasing")
	// ErrTooManyLearned means MaxLearned phrasings are decided already.
	ErrTooManyLearned = errors.New("too many learned phrasings")
)
