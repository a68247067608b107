// Package index turns passages into a Bleve index and answers questions
// from it.
//
// Retrieval runs in two stages. Bleve (scorch engine, English analyzer, BM25)
// finds candidates with term queries over the passage body, the FAQ question
// and its aliases, and the title; misspelt words are corrected against the
// index's own term dictionary first, and the moderators' synonyms expand the
// terms. The candidates are then re-ranked with features that predict a good
// answer to a short question: BM25 with true passage lengths, how much of the
// question one sentence covers, query word pairs found close together, and
// coverage of the question by title and text. A small logistic model turns
// the same signals into a confidence in [0,1]. Search does not decide
// whether to answer: a Policy does, in one place for every caller, because
// a wrong answer is worse than none.
//
// Index knows Bleve and ranking; it knows nothing about Discord.
package index
