package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
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
		jwt.WithLeeway(30*time.Second),
		jwt.WithTimeFunc(t.clock),
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
	return p, nil
}
