//go:build race

package eval

// raceEnabled is true when the tests run with -race, which makes searching
// too slow for the full quality gate.
const raceEnabled = true
