package main

import (
	"fmt"
	"io"
)

// output is a command's standard output, remembering the first write that
// failed: a command prints its results with fmt and carries on, and a
// full disk or a closed file under `faqbot check > report.txt` must not
// end in "ok" and exit status 0 with nothing written.
type output struct {
	w   io.Writer
	err error
}

// Write writes p, or fails at once after a write failed.
func (o *output) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err != nil {
		o.err = err
	}
	return n, err
}

// check is err, or else the error of the first failed write.
func (o *output) check(err error) error {
	if err == nil && o.err != nil {
		return fmt.Errorf("write output: %w", o.err)
	}
	return err
}
