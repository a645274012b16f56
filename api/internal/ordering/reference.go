package ordering

import (
	"crypto/rand"
	"errors"
	"strings"
)

// crockford is Crockford's base-32 alphabet: digits and A–Z without I, L, O and U, so a
// reference read aloud or typed from paper has no look-alike characters.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// ErrBadReference says a string cannot be an order reference.
var ErrBadReference = errors.New("not an order reference (ORD-XXXX-XXXX)")

// NewReference returns a random reference "ORD-XXXX-XXXX": 40 random bits from crypto/rand, so
// references are not guessable and collisions are rare (the insert retries on one).
func NewReference() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("crypto/rand failed: " + err.Error()) // the OS has no randomness: nothing is safe
	}
	out := []byte("ORD-0000-0000")
	pos := []int{4, 5, 6, 7, 9, 10, 11, 12}
	for i, p := range pos {
		out[p] = crockford[b[i]&31]
	}
	return string(out)
}

// ParseReference reads a reference the way people type it: any case, with or without the ORD
// prefix and dashes, spaces around it, and the look-alikes I/L (1) and O (0) mapped as Crockford
// decoding does. It returns the canonical form.
func ParseReference(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "ORD")
	var body []byte
	for _, r := range s {
		switch {
		case r == '-' || r == ' ':
			continue
		case r == 'I' || r == 'L':
			r = '1'
		case r == 'O':
			r = '0'
		}
		if r > 127 || strings.IndexByte(crockford, byte(r)) < 0 {
			return "", ErrBadReference
		}
		body = append(body, byte(r))
	}
	if len(body) != 8 {
		return "", ErrBadReference
	}
	return "ORD-" + string(body[:4]) + "-" + string(body[4:]), nil
}
