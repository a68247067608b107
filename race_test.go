//go:build race

package main

// raceEnabled reports whether the tests run with -race, which makes the
// bot several times slower: time bounds are widened then.
const raceEnabled = true
