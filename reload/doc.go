// Package reload replaces the live index with one built from the content
// as it is now, without ever breaking the bot: content is read and
// validated, a new index is built beside the live one and smoke-checked,
// and only then swapped in; searches in flight finish on the old index,
// which is closed and removed after. Any problem leaves the old index
// serving and is reported with file and line.
//
// Every trigger (the /faq reload command, SIGHUP, the file watcher) goes
// through Manager.Reload, so they behave the same.
package reload
