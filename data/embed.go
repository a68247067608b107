// Package data holds faqbot's default content, built into the binary so
// that it answers questions about itself with no files at all. Moderators
// replace it by setting CONTENT_DIR.
package data

import "embed"

// FS is the default content tree: an FAQ about faqbot, a short article and
// a synonyms list.
//
//go:embed *.md synonyms.txt
var FS embed.FS
