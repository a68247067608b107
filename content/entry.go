package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
)

// jsonlRecord is one line of a JSON Lines content file (FORMAT.md), or one
// entry of a JSON or YAML file, its keys read through the field
// vocabulary (fieldNames): "answer" or "response" for text, "link" for
// url, in any case.
type jsonlRecord struct {
	// ID may be a number, as exports number their entries ("id": 12).
	ID       scalar
	Kind     string
	Title    string
	Question string
	Aliases  []string
	Text     string
	URL      string
	Section  string
	// Source is informational: the passage's source is this file and line.
	Source string

	unread []string         // the keys that are no field name, at most maxShownNames+1
	read   bool             // some key is a field name
	ranks  [fieldSource]int // 1 + the rank of the name each field was set from
}

// note records that the entry has the key name, read as f or not.
func (r *jsonlRecord) note(name string, f field) {
	if f != fieldNone {
		r.read = true
	} else if len(r.unread) <= maxShownNames {
		r.unread = append(r.unread, name)
	}
}

// take says whether a value of field f under a name of rank rank is to be
// kept: it is not empty, and no name preferred to it gave one. Of two
// values under the same name, the later is kept, as JSON does.
func (r *jsonlRecord) take(f field, rank int, empty bool) bool {
	if empty || r.ranks[f-1] != 0 && r.ranks[f-1] < rank+1 {
		return false
	}
	r.ranks[f-1] = rank + 1
	return true
}

// set keeps text v of field f, read under a name of rank rank.
func (r *jsonlRecord) set(f field, rank int, v string) {
	if !r.take(f, rank, strings.TrimSpace(v) == "") {
		return
	}
	switch f {
	case fieldQuestion:
		r.Question = v
	case fieldAnswer:
		r.Text = v
	case fieldURL:
		r.URL = v
	case fieldTitle:
		r.Title = v
	case fieldSection:
		r.Section = v
	case fieldID:
		r.ID = scalar(v)
	case fieldKind:
		r.Kind = v
	case fieldSource:
		r.Source = v
	}
}

// setAliases keeps the aliases v, read under a name of rank rank.
func (r *jsonlRecord) setAliases(rank int, v []string) {
	if r.take(fieldAliases, rank, len(v) == 0) {
		r.Aliases = v
	}
}

// UnmarshalJSON reads an entry's keys through the field vocabulary, in
// the order they are written. A field under its own name ("question") of
// the wrong type is an error, as FORMAT.md gives its type; under another
// name ("category": {...}) it is some other tool's key, and left out as
// unknown keys are.
func (r *jsonlRecord) UnmarshalJSON(b []byte) error {
	var kv map[string]json.RawMessage
	if err := json.Unmarshal(b, &kv); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return &json.UnmarshalTypeError{Value: jsonKindOf(string(b)), Type: reflect.TypeFor[jsonlRecord]()}
		}
		return err
	}
	for _, name := range keysInOrder(b, kv) {
		raw := kv[name]
		f, rank := lookupField(name, inEntries)
		r.note(name, f)
		if err := r.decodeField(f, rank, raw); err != nil && ownName(name, f) {
			return &json.UnmarshalTypeError{Value: jsonKindOf(string(raw)), Type: err.Type, Field: name}
		}
	}
	return nil
}

// keysInOrder are the keys of kv, decoded from the object b, in the order
// b writes them (a key written with escapes, after the others), so that
// two names of one field of the same rank ("Question", "question") are
// read alike every time.
func keysInOrder(b []byte, kv map[string]json.RawMessage) []string {
	type key struct {
		name string
		at   int
	}
	keys := make([]key, 0, len(kv))
	for name := range kv {
		keys = append(keys, key{name, quotedAt(b, name)})
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].at < keys[j].at || keys[i].at == keys[j].at && keys[i].name < keys[j].name
	})
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.name
	}
	return names
}

// decodeField reads raw as field f, under a name of rank rank.
func (r *jsonlRecord) decodeField(f field, rank int, raw json.RawMessage) *json.UnmarshalTypeError {
	switch f {
	case fieldNone:
	case fieldAliases:
		var v []string
		if json.Unmarshal(raw, &v) != nil {
			return &json.UnmarshalTypeError{Type: reflect.TypeFor[[]string]()}
		}
		r.setAliases(rank, v)
	case fieldID:
		var v scalar
		if v.UnmarshalJSON(raw) != nil {
			return &json.UnmarshalTypeError{Type: reflect.TypeFor[string]()}
		}
		r.set(f, rank, string(v))
	default:
		if plain, ok := plainJSONString(raw); ok {
			r.set(f, rank, plain)
			return nil
		}
		var v *string
		if json.Unmarshal(raw, &v) != nil {
			return &json.UnmarshalTypeError{Type: reflect.TypeFor[string]()}
		}
		if v != nil {
			r.set(f, rank, *v)
		}
	}
	return nil
}

// quotedAt is where "name" first stands in b, quotes and all; len(b) when
// it does not.
func quotedAt(b []byte, name string) int {
	for from := 0; from < len(b); {
		i := bytes.Index(b[from:], []byte(name))
		if i < 0 {
			break
		}
		at := from + i
		if at > 0 && b[at-1] == '"' && at+len(name) < len(b) && b[at+len(name)] == '"' {
			return at - 1
		}
		from = at + 1
	}
	return len(b)
}

// plainJSONString is the text of raw, a valid JSON string without escapes,
// read without decoding it; ok is false for any other value.
func plainJSONString(raw json.RawMessage) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || bytes.IndexByte(raw, '\\') >= 0 {
		return "", false
	}
	return string(raw[1 : len(raw)-1]), true
}

// scalar is a field read as text: a JSON string, or a number or true or
// false as written ("id": 12); null is empty.
type scalar string

// UnmarshalJSON reads a string, a number, true, false or null.
func (s *scalar) UnmarshalJSON(b []byte) error {
	switch v := strings.TrimSpace(string(b)); {
	case v == "null":
		return nil
	case strings.HasPrefix(v, `"`):
		var str string
		if err := json.Unmarshal(b, &str); err != nil {
			return err
		}
		*s = scalar(str)
	case v == "true" || v == "false":
		*s = scalar(v)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return &json.UnmarshalTypeError{Value: jsonKindOf(v), Type: reflect.TypeFor[string]()}
		}
		*s = scalar(n)
	}
	return nil
}

// jsonKindOf names the kind of the JSON value v.
func jsonKindOf(v string) string {
	switch v = strings.TrimSpace(v); {
	case strings.HasPrefix(v, "["):
		return "array"
	case strings.HasPrefix(v, "{"):
		return "object"
	case strings.HasPrefix(v, `"`):
		return "string"
	case v == "true" || v == "false":
		return "bool"
	case v == "null":
		return "null"
	}
	return "number"
}

// unreadEntries holds back, over one file's entries, those none of whose
// keys is read: when no entry of the file has a key that is read, the file
// was written for another tool, and one problem on its first entry says
// which names it uses and which it should; otherwise each such entry is a
// problem on its own line.
type unreadEntries struct {
	read    bool // an entry had a key that is read
	entries []unreadEntry
}

// unreadEntry is an entry none of whose keys is read.
type unreadEntry struct {
	line  int
	names []string
}

// entry notes an entry at line with the given keys, some of which are
// read or not; it reports whether the entry is read on (it is not when
// it has keys and none is read).
func (u *unreadEntries) entry(line int, names []string, read bool) bool {
	if read || len(names) == 0 {
		u.read = u.read || read
		return true
	}
	u.entries = append(u.entries, unreadEntry{line, names})
	return false
}

// report records the problems of the entries held back, once the file is
// read.
func (u *unreadEntries) report(f *file) {
	if len(u.entries) == 0 {
		return
	}
	if u.read {
		for _, e := range u.entries {
			f.problemf(e.line, "%s", unreadProblem("field", e.names))
		}
		return
	}
	var names []string
	seen := map[string]bool{}
	for _, e := range u.entries {
		for _, n := range e.names {
			if !seen[n] && len(names) <= maxShownNames {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	f.problemf(u.entries[0].line, "%s", unreadProblem("field", names))
}
