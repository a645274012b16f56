package pricing

import (
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// mulDiv returns a×b/c rounded down and the remainder, for a, b ≥ 0 and c > 0, with a 128-bit
// intermediate product so large amounts never overflow; a quotient beyond int64 saturates.
func mulDiv(a, b, c int64) (q, rem int64) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(c) {
		return math.MaxInt64, 0
	}
	qu, r := bits.Div64(hi, lo, uint64(c))
	if qu > math.MaxInt64 {
		return math.MaxInt64, 0
	}
	return int64(qu), int64(r)
}

// roundHalfUp returns amount × bp / 10000 rounded half up (0.5 of a minor unit goes up), for a
// non-negative amount and rate. It is the one rounding rule for percent discounts and tax.
func roundHalfUp(amount, bp int64) int64 {
	if amount <= 0 || bp <= 0 {
		return 0
	}
	q, r := mulDiv(amount, bp, 10000)
	if r >= 10000-r && q < math.MaxInt64 {
		q++
	}
	return q
}

// mulQty is unit × quantity, and false when it does not fit in int64.
func mulQty(unit int64, qty int) (int64, bool) {
	hi, lo := bits.Mul64(uint64(unit), uint64(qty))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	return int64(lo), true
}

// Allocate splits total over parts in proportion to weights (largest remainder method), so the
// parts sum to exactly total. It needs 0 ≤ total ≤ Σ weights and weights ≥ 0; then no part is
// negative and no part exceeds its weight (an order discount never makes a line negative).
// Ties in the remainder go to the earlier part, so the split is deterministic.
func Allocate(total int64, weights []int64) []int64 {
	out := make([]int64, len(weights))
	var sum int64
	for _, w := range weights {
		sum += w
	}
	if total <= 0 || sum <= 0 {
		return out
	}
	if total > sum {
		total = sum
	}
	rems := make([]int64, len(weights))
	var given int64
	for i, w := range weights {
		out[i], rems[i] = mulDiv(total, w, sum)
		given += out[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case rems[a] > rems[b]:
			return -1
		case rems[a] < rems[b]:
			return 1
		}
		return 0
	})
	for _, i := range order[:total-given] {
		out[i]++
	}
	return out
}

// zeroDecimal currencies have no minor unit (ISO 4217 exponent 0).
var zeroDecimal = map[string]bool{"JPY": true, "KRW": true, "VND": true, "CLP": true, "ISK": true, "UGX": true, "XAF": true, "XOF": true}

var symbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}

// FormatMoney writes an amount of minor units for people, without floats: "$5.00", "€12.50",
// "¥500", "12.00 CHF".
func FormatMoney(amount int64, currency string) string {
	neg := amount < 0
	if neg {
		amount = -amount
	}
	s := strconv.FormatInt(amount, 10)
	if !zeroDecimal[currency] {
		for len(s) < 3 {
			s = "0" + s
		}
		s = s[:len(s)-2] + "." + s[len(s)-2:]
	}
	if sym, ok := symbols[currency]; ok {
		s = sym + s
	} else {
		s += " " + currency
	}
	if neg {
		s = "−" + s
	}
	return s
}

// FormatPercent writes basis points as a percentage: 1000 → "10%", 1250 → "12.5%".
func FormatPercent(bp int64) string {
	s := strconv.FormatInt(bp/100, 10)
	if frac := bp % 100; frac != 0 {
		f := strconv.FormatInt(frac+100, 10)[1:]
		s += "." + strings.TrimRight(f, "0")
	}
	return s + "%"
}
