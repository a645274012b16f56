package auth

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

const principalKey = "auth.principal"

var (
	ErrUnauthenticated = apperr.Unauthorized("sign in first: send a valid access token as \"Authorization: Bearer <token>\"")
	ErrStaffOnly       = apperr.Forbidden("this needs a staff account with the right role")
)

// Authenticate reads a bearer token when one is sent and stores the caller's principal. A bad
// token is a 401 even on public routes: a client that sends one expects it to count.
func Authenticate(tokens *Tokens) echo.MiddlewareFunc {
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
			p, err := tokens.Verify(strings.TrimSpace(token))
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
