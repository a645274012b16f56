// Package phone normalises phone numbers to E.164 with libphonenumber's rules, so one number has
// one spelling everywhere (duplicate checks, rate limits, opt-outs).
package phone

import (
	"errors"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// ErrInvalid is returned for text that is not a valid phone number.
var ErrInvalid = errors.New("not a valid phone number")

// Normalize parses raw ("+44 20 7946 0958", "(415) 555-0100") and returns it in E.164. Numbers
// without a country code are read in defaultRegion (ISO 3166 alpha-2).
func Normalize(raw, defaultRegion string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > 32 {
		return "", ErrInvalid
	}
	n, err := phonenumbers.Parse(raw, defaultRegion)
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", ErrInvalid
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}

// Region returns the ISO region of an E.164 number ("" when unknown), for checks such as a phone
// country that does not match an address country.
func Region(e164 string) string {
	n, err := phonenumbers.Parse(e164, "")
	if err != nil {
		return ""
	}
	return phonenumbers.GetRegionCodeForNumber(n)
}
