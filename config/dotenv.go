package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/joho/godotenv"
)

// maxDotenvSize bounds the .env file read.
const maxDotenvSize = 1 << 20

// ReadDotenv parses a .env file. A malformed file is an error naming the
// line where it goes wrong, without echoing its values (they may be
// secrets).
func ReadDotenv(r io.Reader, name string) (map[string]string, error) {
	src, err := io.ReadAll(io.LimitReader(r, maxDotenvSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(src) > maxDotenvSize {
		return nil, fmt.Errorf("read %s: larger than %d bytes", name, maxDotenvSize)
	}
	// Editors on Windows may save a byte order mark first; it is no part
	// of the first name.
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	env, err := godotenv.UnmarshalBytes(src)
	if err == nil {
		return env, nil
	}
	line, what := locate(src, err)
	return nil, fmt.Errorf("%s:%d: %s", name, line, what)
}

// locate finds the line where a .env file stops parsing: the first line
// from which every longer prefix of the file fails (a prefix may fail only
// because it cuts a quoted value that a later line closes).
func locate(src []byte, err error) (int, string) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) > 2000 {
		lines = lines[:2000]
	}
	bad := len(lines)
	for k := len(lines); k >= 1; k-- {
		if _, e := godotenv.UnmarshalBytes(bytes.Join(lines[:k], nil)); e == nil {
			break
		}
		bad = k
	}
	what := "malformed line (expected NAME=value)"
	if strings.Contains(err.Error(), "unterminated quoted value") {
		what = "unterminated quoted value"
	}
	return bad, what
}

// Lookup combines the environment with a .env file read from path: a
// variable set in the environment wins over the file. A missing file is
// fine; a malformed one is an error.
func Lookup(getenv func(string) string, path string) (func(string) (string, bool), error) {
	file := map[string]string{}
	if path != "" {
		f, err := os.Open(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			return nil, fmt.Errorf("open %s: %w", path, err)
		default:
			file, err = ReadDotenv(f, path)
			_ = f.Close()
			if err != nil {
				return nil, err
			}
		}
	}
	return func(name string) (string, bool) {
		if v := getenv(name); v != "" {
			return v, true
		}
		v, ok := file[name]
		return v, ok
	}, nil
}
