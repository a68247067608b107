// Package content reads a community's content files (FAQ pages, articles,
// exports) into passages: the units faqbot indexes and answers with.
//
// Load walks a content tree and dispatches each file by extension:
//
//	.md, .markdown  Markdown articles and FAQ pages (front matter, headings, Q:/A: pairs)
//	.txt            scraped article text; files named synonyms.txt are synonym lists
//	.jsonl          JSON Lines in the corpus format of the eval tooling
//	.csv            FAQ spreadsheets (question, answer, url columns)
//
// Only regular files inside the content directory are read: LoadPath opens
// it as an os.Root, follows a symbolic link only while it stays inside,
// and reports FIFOs, devices, sockets and links that lead out without
// opening them. Reads are bounded (Limits, and per file) and stop when the
// context ends. Markdown is checked for nesting before the parser sees it
// and read within a time budget, so no file can make a load slow.
//
// Reading never stops at the first bad file: every problem is collected with
// its file and line in Collection.Problems, and the good files' passages are
// still returned, so a moderator sees all mistakes at once and the caller
// decides whether to keep the old index.
//
// Passage IDs are derived from the content itself (file path relative to the
// content root, heading slugs, question slugs, paragraph ordinals) so that the
// same content read again yields the same IDs, wherever the tree is mounted.
// Long texts are cut at sentence boundaries into parts no longer than
// MaxTextRunes; later parts carry a "~N" suffix.
//
// The package knows files and formats only: nothing about the search index
// or Discord.
package content
