package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
)

// Access tokens: short-lived HS256 JWTs. Verification accepts only HS256, requires exp, and
// checks issuer and audience, so a token for another service or with "alg":"none" never passes.
const (
	TokenIssuer   = "oms"
	TokenAudience = "oms-api"
	AccessTTL     = 15 * time.Minute
)

// Kind says whether a principal is a staff user or a customer.
type Kind string

const (
	KindStaff    Kind = "staff"
	KindCustomer Kind = "customer"
)

// Principal is the authenticated caller.
type Principal struct {
	ID     uuid.UUID
	Kind   Kind
	Roles  []Role
	APIKey bool // signed in with an API key (orders record the "api" channel)
}

// Has reports whether the principal holds one of roles; admin holds every staff role.
func (p Principal) Has(roles ...Role) bool {
	for _, r := range p.Roles {
		if r == RoleAdmin && p.Kind == KindStaff {
			return true
		}
		for _, want := range roles {
			if r == want {
				return true
			}
		}
	}
	return false
}

type claims struct {
	Kind  Kind     `json:"knd"`
	Roles []string `json:"roles"`
	jwt.RegisteredClaims
}

// Tokens issues and verifies access tokens with one secret.
type Tokens struct {
	secret []byte
	kid    string
	clock  func() time.Time
	seen   verifiedTokens
}

// tokenLeeway is the clock skew Verify tolerates on exp, nbf and iat.
const tokenLeeway = 30 * time.Second

// verifiedTokens remembers tokens that passed Verify, until they expire. A client sends the same
// token with every request for up to AccessTTL, and a signed token's claims cannot change, so
// checking it again only repeats the work (base64, JSON, HMAC: ≈ 6 % of the CPU profile of
// BenchmarkOrderPlace's process). Only the validity window is checked again, on the caller's
// clock. The key is the whole token, so a token differing in any byte is verified afresh.
type verifiedTokens struct {
	mu sync.Mutex
	m  map[string]verifiedToken
}

type verifiedToken struct {
	p                 Principal
	notBefore, expiry time.Time
}

// maxVerifiedTokens bounds the memory the cache can take (≈ 0.5 KB an entry).
const maxVerifiedTokens = 4096

func (v *verifiedTokens) get(token string, now time.Time) (Principal, bool) {
	v.mu.Lock()
	e, ok := v.m[token]
	v.mu.Unlock()
	// The same tests as jwt's: valid from nbf−leeway, until exp+leeway.
	if !ok || now.Add(tokenLeeway).Before(e.notBefore) || !now.Before(e.expiry.Add(tokenLeeway)) {
		return Principal{}, false
	}
	e.p.Roles = slices.Clone(e.p.Roles)
	return e.p, true
}

func (v *verifiedTokens) put(token string, e verifiedToken, now time.Time) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.m == nil {
		v.m = map[string]verifiedToken{}
	}
	if len(v.m) >= maxVerifiedTokens {
		for k, old := range v.m {
			if !now.Before(old.expiry.Add(tokenLeeway)) {
				delete(v.m, k)
			}
		}
		if len(v.m) >= maxVerifiedTokens {
			clear(v.m) // all live: start over rather than track recency on every request
		}
	}
	e.p.Roles = slices.Clone(e.p.Roles)
	v.m[token] = e
}

// NewTokens derives a key ID from the secret so a rotated secret is recognisable in headers.
func NewTokens(secret string, clock func() time.Time) *Tokens {
	sum := sha256.Sum256([]byte(secret))
	return &Tokens{secret: []byte(secret), kid: hex.EncodeToString(sum[:4]), clock: clock}
}

// Issue returns a signed access token for p and its lifetime.
func (t *Tokens) Issue(p Principal) (string, time.Duration, error) {
	now := t.clock().UTC()
	roles := make([]string, len(p.Roles))
	for i, r := range p.Roles {
		roles[i] = string(r)
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, claims{
		Kind:  p.Kind,
		Roles: roles,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    TokenIssuer,
			Audience:  jwt.ClaimStrings{TokenAudience},
			Subject:   p.ID.String(),
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(AccessTTL)),
			ID:        uuid.NewString(),
		},
	})
	tok.Header["kid"] = t.kid
	s, err := tok.SignedString(t.secret)
	if err != nil {
		return "", 0, fmt.Errorf("sign access token: %w", err)
	}
	return s, AccessTTL, nil
}

var errBadToken = errors.New("invalid access token")

// Verify checks a token and returns its principal.
func (t *Tokens) Verify(token string) (Principal, error) {
	now := t.clock()
	if p, ok := t.seen.get(token, now); ok {
		return p, nil
	}
	var c claims
	_, err := jwt.ParseWithClaims(token, &c, func(tok *jwt.Token) (any, error) {
		if kid, _ := tok.Header["kid"].(string); kid != t.kid {
			return nil, errors.New("unknown key id")
		}
		return t.secret, nil
	},
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(TokenIssuer),
		jwt.WithAudience(TokenAudience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(tokenLeeway),
		jwt.WithTimeFunc(func() time.Time { return now }),
	)
	if err != nil {
		return Principal{}, fmt.Errorf("%w: %v", errBadToken, err)
	}
	id, err := uuid.Parse(c.Subject)
	if err != nil || (c.Kind != KindStaff && c.Kind != KindCustomer) {
		return Principal{}, errBadToken
	}
	p := Principal{ID: id, Kind: c.Kind}
	for _, r := range c.Roles {
		p.Roles = append(p.Roles, Role(r))
	}
	e := verifiedToken{p: p, expiry: c.ExpiresAt.Time}
	if c.NotBefore != nil {
		e.notBefore = c.NotBefore.Time
	}
	if c.IssuedAt != nil && c.IssuedAt.After(e.notBefore) {
		e.notBefore = c.IssuedAt.Time
	}
	t.seen.put(token, e, now)
	return p, nil
}
