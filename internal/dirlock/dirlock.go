// Package dirlock makes one process at a time the owner of a directory
// (INDEX_DIR, DATA_DIR): a lock file inside it, held with flock(2) while
// the owner runs and released by the kernel when it exits, however it
// exits. The file also says who holds it (pid, command, start time), so
// that another process can say so in one line instead of waiting.
package dirlock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// Holder is the process that holds a lock.
type Holder struct {
	PID     int
	Command string // the faqbot command it runs, e.g. "serve"
	Since   time.Time
}

// Who names the holder for people: "the bot" for faqbot serve, else
// "faqbot COMMAND", with its pid and start time when known.
func (h Holder) Who() string {
	who := "another faqbot process"
	switch {
	case h.Command == "serve":
		who = "the bot"
	case h.Command != "":
		who = "faqbot " + h.Command
	}
	if h.PID > 0 {
		who += fmt.Sprintf(" (pid %d", h.PID)
		if !h.Since.IsZero() {
			who += ", running since " + h.Since.Format("2006-01-02 15:04:05")
		}
		who += ")"
	}
	return who
}

// HeldError is returned when another process holds the lock.
type HeldError struct {
	Dir    string // the directory the lock is for
	Holder Holder
}

// Error says who holds which directory, in one line.
func (e *HeldError) Error() string {
	return fmt.Sprintf("%s holds %s", e.Holder.Who(), e.Dir)
}

// Lock is a lock this process holds.
type Lock struct {
	f *flock.Flock
}

// Acquire takes the lock file name in dir for command, without waiting: a
// *HeldError when another process holds it.
func Acquire(dir, name, command string) (*Lock, error) {
	path := dir + string(os.PathSeparator) + name
	f := flock.New(path, flock.SetPermissions(0o644))
	ok, err := f.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if !ok {
		return nil, &HeldError{Dir: dir, Holder: read(path)}
	}
	h := Holder{PID: os.Getpid(), Command: command, Since: time.Now()}
	if err := os.WriteFile(path, []byte(h.encode()), 0o644); err != nil {
		_ = f.Unlock()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &Lock{f: f}, nil
}

// AcquireWait takes the lock like Acquire, waiting while another process
// holds it until ctx ends; then it returns that process's *HeldError.
// waiting is called once, when it starts to wait.
func AcquireWait(ctx context.Context, dir, name, command string, waiting func(*HeldError)) (*Lock, error) {
	for first := true; ; first = false {
		l, err := Acquire(dir, name, command)
		var held *HeldError
		if !errors.As(err, &held) {
			return l, err
		}
		if first && waiting != nil {
			waiting(held)
		}
		select {
		case <-ctx.Done():
			return nil, held
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Release gives the lock up.
func (l *Lock) Release() error {
	if err := l.f.Unlock(); err != nil {
		return fmt.Errorf("unlock %s: %w", l.f.Path(), err)
	}
	return nil
}

// encode writes the holder as the lock file's text.
func (h Holder) encode() string {
	return fmt.Sprintf("pid=%d\ncommand=%s\nsince=%s\n", h.PID, h.Command, h.Since.UTC().Format(time.RFC3339))
}

// read reads who holds the lock file at path; fields it cannot read stay
// zero (the holder may be writing it right now).
func read(path string) Holder {
	var h Holder
	b, err := os.ReadFile(path)
	if err != nil {
		return h
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(line, "=")
		switch k {
		case "pid":
			h.PID, _ = strconv.Atoi(v)
		case "command":
			h.Command = v
		case "since":
			if t, err := time.Parse(time.RFC3339, v); err == nil {
				h.Since = t.Local()
			}
		}
	}
	return h
}
