//go:build race

package content

// raceEnabled is true when the tests run with -race, which makes the
// Markdown parser several times slower.
const raceEnabled = true
