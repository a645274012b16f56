package auth

import (
	"context"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

const principalKey = "auth.principal"

var (
	ErrUnauthenticated = apperr.Unauthorized("sign in first: send a valid access token as \"Authorization: Bearer <token>\"")
	ErrStaffOnly       = apperr.Forbidden("this needs a staff account with the right role")
)

// KeyVerifier resolves an API key (Bearer oms_…) to the customer it acts for.
type KeyVerifier interface {
	VerifyAPIKey(ctx context.Context, key string) (Principal, error)
}

// APIKeyPrefix marks bearer credentials that are API keys rather than access tokens.
const APIKeyPrefix = "oms_"

// Authenticate reads a bearer credential when one is sent — an access token, or a business
// customer's API key — and stores the caller's principal. A bad one is a 401 even on public
// routes: a client that sends one expects it to count.
func Authenticate(tokens *Tokens, keys KeyVerifier) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Request().Header.Get(echo.HeaderAuthorization)
			if h == "" {
				return next(c)
			}
			scheme, token, ok := strings.Cut(h, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
				return ErrUnauthenticated
			}
			token = strings.TrimSpace(token)
			var p Principal
			var err error
			if strings.HasPrefix(token, APIKeyPrefix) {
				p, err = keys.VerifyAPIKey(c.Request().Context(), token)
				p.APIKey = true
			} else {
				p, err = tokens.Verify(token)
			}
			if err != nil {
				return ErrUnauthenticated
			}
			c.Set(principalKey, p)
			return next(c)
		}
	}
}

// PrincipalFrom returns the authenticated caller, if any.
func PrincipalFrom(c echo.Context) (Principal, bool) {
	p, ok := c.Get(principalKey).(Principal)
	return p, ok
}

// RequireStaff lets through staff users holding one of roles (admin always; no roles: any staff).
func RequireStaff(roles ...Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			p, ok := PrincipalFrom(c)
			if !ok {
				return ErrUnauthenticated
			}
			if p.Kind != KindStaff || len(p.Roles) == 0 {
				return ErrStaffOnly
			}
			if len(roles) > 0 && !p.Has(roles...) {
				names := []string{}
				for _, r := range roles {
					if r != RoleAdmin {
						names = append(names, string(r))
					}
				}
				return apperr.Forbidden("this needs the " + strings.Join(append(names, string(RoleAdmin)), " or ") + " role")
			}
			return next(c)
		}
	}
}
