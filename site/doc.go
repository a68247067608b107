// Package site fetches a website's pages into a content directory, so that
// faqbot can answer from a docs site, a help centre or a wiki.
//
// Fetch starts from the URLs it is given (a page, or a sitemap.xml whose
// pages it reads), follows links that stay on the same host and below the
// start's path (like wget --no-parent), and saves each HTML page as one
// .html file under DIR/HOST/, with the page's URL in the comment browsers
// write when they save a page (<!-- saved from url=(NNNN)URL -->), which
// the content reader links to. Pages are converted to UTF-8 on the way.
//
// It is a polite client: it reads robots.txt (with
// github.com/temoto/robotstxt, the parser Go crawlers commonly use) and
// obeys its rules and Crawl-delay for the "faqbot" user agent, sends one
// request at a time with a pause between requests to a host, bounds each
// request's time and size, the number of pages and the link depth, and
// skips pages marked noindex and links marked nofollow.
//
// Run again, it sends conditional requests (If-None-Match,
// If-Modified-Since) from what it recorded in DIR/.faqbot-fetch.json (a
// hidden file, which the content loader skips), and reports every page as
// added, changed, unchanged, removed, failed or skipped. A page that fails
// (an HTTP error, too large, not HTML, a redirect off the site, a timeout)
// is reported and keeps its old copy; it never stops the other pages. A
// saved page is removed only when the site says it is gone (404 or 410),
// or when a crawl that read its start pages and sitemaps, and every page
// it found without failures that could hide links, no longer finds it.
//
// The fetch directory is opened as an os.Root, like the content directory
// the loader reads: no name, symbolic link or ".." leads a write or a
// removal out of it, and the saved copies it reads back (for their links)
// must be regular files within the loader's limit on a file. A page that
// would be larger than that limit once converted to UTF-8 is reported, not
// saved. The saved pages are then read by the content loader like any
// other file, through the same root and within MAX_CONTENT_MB and
// MAX_PASSAGES.
//
// The decisions (what is in scope, what a file is called, what changed,
// what is removed) are plain functions; Fetch carries them out over HTTP
// and on disk.
package site
