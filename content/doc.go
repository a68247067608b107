// Package content reads a community's content files (FAQ pages, articles,
// exports) into passages: the units faqbot indexes and answers with.
//
// Load walks a content tree and dispatches each file by extension:
//
//	.md, .markdown  Markdown articles, FAQ pages (front matter, headings,
//	                Q:/A: pairs) and Discord bots' tags
//	.txt            scraped article text; files named synonyms.txt are synonym lists
//	.jsonl          JSON Lines in the corpus format of the eval tooling
//	.json, .yaml, .yml  lists of FAQ entries with the fields of JSON Lines
//	.csv, .tsv      FAQ spreadsheets (question, answer, url columns)
//	.html, .htm     web pages: main content, <details>/<dl> and schema.org FAQPage pairs
//	.ytag, .tag     Discord bots' tags kept in their own format: a YAML header, "---", the text
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
// Web pages are parsed with golang.org/x/net/html, the HTML5 parser of the
// Go project, which reads every page the way browsers do. The page's main
// content is its <main> (or role=main) or its one <article>, after page
// furniture (navigation, header, footer, asides, scripts, cookie banners)
// is removed by tag, role and class. Only pages that mark neither are
// handed to codeberg.org/readeck/go-readability, a maintained port of
// Firefox's Readability.js (the go-shiori/go-readability it was forked from
// is archived and points there). Readability alone was not enough: it is
// built for news articles, so on short docs and FAQ pages below its 500
// characters it returns the whole body, navigation included, and on long
// ones it may drop short lists and link-rich blocks; pages that name their
// main content are read more faithfully from it. Readability's own
// reading of schema.org data gives a title and byline but no FAQ pairs,
// so FAQPage JSON-LD and microdata are read here.
//
// The package knows files and formats only: nothing about the search index
// or Discord.
package content
