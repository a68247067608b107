package eval

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// keyboardNeighbours are the letters beside each letter on a QWERTY
// keyboard's rows: a finger that slips lands on one of them.
var keyboardNeighbours = func() map[rune]string {
	m := map[rune]string{}
	for _, row := range []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"} {
		for i, r := range row {
			var near []byte
			if i > 0 {
				near = append(near, row[i-1])
			}
			if i+1 < len(row) {
				near = append(near, row[i+1])
			}
			m[r] = string(near)
		}
	}
	return m
}()

// minTypoLen is the shortest word a slip is made in: short words are
// typed with care, or are not words to get right anyway.
const minTypoLen = 4

// Typo is question as a member in a hurry might type it: up to n of its
// words of minTypoLen letters or more (at most a third of its words, and
// at least one) get one slip each — two neighbouring letters swapped, a
// letter dropped, a letter doubled, or a letter replaced by its neighbour
// on the keyboard — mostly after the first letter, where slips are
// commonest. The slips are chosen by a hash of the question, so that every
// run makes the same ones.
func Typo(question string, n int) string {
	words := strings.Fields(question)
	var long []int
	for i, w := range words {
		if utf8.RuneCountInString(w) >= minTypoLen && isLetters(w) {
			long = append(long, i)
		}
	}
	if n <= 0 || len(long) == 0 {
		return question
	}
	h := hash(question)
	r := rand.New(rand.NewPCG(h, h>>32|1))
	n = max(1, min(n, len(words)/3, len(long)))
	r.Shuffle(len(long), func(i, j int) { long[i], long[j] = long[j], long[i] })
	for _, i := range long[:n] {
		words[i] = slip(r, words[i])
	}
	return strings.Join(words, " ")
}

// slip makes one typing slip in w (letters only, minTypoLen or more); a
// swap of two equal letters, which changes nothing, drops one instead.
func slip(r *rand.Rand, w string) string {
	if s := slipOnce(r, w); s != w {
		return s
	}
	rs := []rune(w)
	return string(rs[:len(rs)-1])
}

func slipOnce(r *rand.Rand, w string) string {
	rs := []rune(w)
	i := 1 + r.IntN(len(rs)-1)
	if r.IntN(5) == 0 {
		i = 0
	}
	switch r.IntN(4) {
	case 0: // swap with the next letter (or the one before, at the end)
		j := i + 1
		if j == len(rs) {
			i, j = i-1, i
		}
		rs[i], rs[j] = rs[j], rs[i]
	case 1:
		rs = append(rs[:i], rs[i+1:]...)
	case 2:
		rs = append(rs[:i+1], rs[i:]...)
	default:
		lower := unicode.ToLower(rs[i])
		if near := keyboardNeighbours[lower]; near != "" {
			c := rune(near[r.IntN(len(near))])
			if unicode.IsUpper(rs[i]) {
				c = unicode.ToUpper(c)
			}
			rs[i] = c
		} else {
			rs = append(rs[:i], rs[i+1:]...)
		}
	}
	return string(rs)
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
