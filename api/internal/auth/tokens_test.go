package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

func TestTokenRoundTrip(t *testing.T) {
	now := time.Now()
	tk := NewTokens(strings.Repeat("k", 32), func() time.Time { return now })
	p := Principal{ID: uuid.Must(uuid.NewV7()), Kind: KindStaff, Roles: []Role{RoleSupport}}
	s, ttl, err := tk.Issue(p)
	if err != nil || ttl != 15*time.Minute {
		t.Fatalf("issue: %v %s", err, ttl)
	}
	got, err := tk.Verify(s)
	if err != nil || got.ID != p.ID || got.Kind != KindStaff || !got.Has(RoleSupport) || got.Has(RoleAdmin) {
		t.Fatalf("verify: %+v %v", got, err)
	}
}

func TestTokensThatMustFail(t *testing.T) {
	now := time.Now()
	secret := strings.Repeat("k", 32)
	tk := NewTokens(secret, func() time.Time { return now })
	id := uuid.Must(uuid.NewV7())
	sign := func(method jwt.SigningMethod, key any, kid string, c jwt.MapClaims) string {
		tok := jwt.NewWithClaims(method, c)
		tok.Header["kid"] = kid
		s, err := tok.SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	good := func() jwt.MapClaims {
		return jwt.MapClaims{"iss": TokenIssuer, "aud": TokenAudience, "sub": id.String(), "knd": "staff", "roles": []string{"admin"},
			"iat": now.Unix(), "exp": now.Add(time.Minute).Unix()}
	}
	with := func(k string, v any) jwt.MapClaims { c := good(); c[k] = v; return c }
	without := func(k string) jwt.MapClaims { c := good(); delete(c, k); return c }

	if _, err := tk.Verify(sign(jwt.SigningMethodHS256, []byte(secret), tk.kid, good())); err != nil {
		t.Fatalf("control token rejected: %v", err)
	}
	for name, token := range map[string]string{
		"alg none":       sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, tk.kid, good()),
		"HS512":          sign(jwt.SigningMethodHS512, []byte(secret), tk.kid, good()),
		"wrong key":      sign(jwt.SigningMethodHS256, []byte(strings.Repeat("x", 32)), tk.kid, good()),
		"unknown kid":    sign(jwt.SigningMethodHS256, []byte(secret), "other", good()),
		"expired":        sign(jwt.SigningMethodHS256, []byte(secret), tk.kid, with("exp", now.Add(-time.Hour).Unix())),
		"no expiry":      sign(jwt.SigningMethodHS256, []byte(secret), tk.kid, without("exp")),
		"wrong audience": sign(jwt.SigningMethodHS256, []byte(secret), tk.kid, with("aud", "other-api")),
		"wrong issuer":   sign(jwt.SigningMethodHS256, []byte(secret), tk.kid, with("iss", "evil")),
		"issued later":   sign(jwt.SigningMethodHS256, []byte(secret), tk.kid, with("iat", now.Add(time.Hour).Unix())),
		"bad subject":    sign(jwt.SigningMethodHS256, []byte(secret), tk.kid, with("sub", "admin")),
		"bad kind":       sign(jwt.SigningMethodHS256, []byte(secret), tk.kid, with("knd", "root")),
		"garbage":        "not.a.token",
	} {
		if _, err := tk.Verify(token); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// A verified token is remembered (see verifiedTokens), but only for its validity window, and
// never for a token that differs from it in any byte.
func TestRememberedTokensStillExpire(t *testing.T) {
	now := time.Now()
	tk := NewTokens(strings.Repeat("k", 32), func() time.Time { return now })
	issued := now
	p := Principal{ID: uuid.Must(uuid.NewV7()), Kind: KindStaff, Roles: []Role{RoleSupport}}
	s, _, err := tk.Issue(p)
	if err != nil {
		t.Fatal(err)
	}
	first, err := tk.Verify(s)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	first.Roles[0] = RoleAdmin // a caller's change must not reach the remembered principal
	if got, err := tk.Verify(s); err != nil || got.Has(RoleAdmin) || !got.Has(RoleSupport) {
		t.Fatalf("second verify: %+v %v", got, err)
	}
	i := len(s) - 5 // inside the signature, where every bit of the character counts
	flip := map[bool]string{true: "A", false: "B"}[s[i] != 'A']
	tampered := s[:i] + flip + s[i+1:]
	if _, err := tk.Verify(tampered); err == nil {
		t.Fatal("a token with another signature passed after the real one was remembered")
	}
	for _, tc := range []struct {
		name string
		at   time.Time
		ok   bool
	}{
		{"within its lifetime", issued.Add(AccessTTL - time.Second), true},
		{"within the leeway after expiry", issued.Add(AccessTTL + tokenLeeway - time.Second), true},
		{"after expiry and leeway", issued.Add(AccessTTL + tokenLeeway + time.Second), false},
		{"before it was issued, beyond the leeway", issued.Add(-tokenLeeway - time.Second), false},
		{"back within its lifetime", issued.Add(time.Minute), true},
	} {
		now = tc.at
		if _, err := tk.Verify(s); (err == nil) != tc.ok {
			t.Errorf("%s: err %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

func TestRememberedTokensAreBounded(t *testing.T) {
	now := time.Now()
	tk := NewTokens(strings.Repeat("k", 32), func() time.Time { return now })
	for range maxVerifiedTokens + 10 {
		s, _, err := tk.Issue(Principal{ID: uuid.Must(uuid.NewV7()), Kind: KindCustomer})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tk.Verify(s); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(tk.seen.m); n > maxVerifiedTokens {
		t.Fatalf("%d tokens remembered, at most %d expected", n, maxVerifiedTokens)
	}
}
