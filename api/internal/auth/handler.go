package auth

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Handler serves login, token refresh, logout, password reset and the caller's own identity.
type Handler struct {
	svc           *Service
	resets        *Resets
	tokens        *Tokens
	refresh       *RefreshTokens
	secureCookies bool
}

// NewHandler builds the handler; secureCookies marks the refresh cookie Secure (HTTPS sites).
func NewHandler(svc *Service, resets *Resets, tokens *Tokens, refresh *RefreshTokens, secureCookies bool) *Handler {
	return &Handler{svc: svc, resets: resets, tokens: tokens, refresh: refresh, secureCookies: secureCookies}
}

// Register adds the routes: login, refresh and logout are public, /me reads the caller's token.
func (h *Handler) Register(public, authed *httpx.Routes) {
	public.POST("/auth/login", h.login)
	public.POST("/auth/refresh", h.refreshTokens)
	public.POST("/auth/logout", h.logout)
	public.POST("/auth/password-reset", h.requestReset)
	public.POST("/auth/password-reset/confirm", h.confirmReset)
	authed.GET("/me", h.me)
	authed.POST("/me/password", h.changePassword)
}

// ChangePasswordRequest replaces the caller's password.
type ChangePasswordRequest struct {
	CurrentPassword string `json:"current_password" validate:"required,max=1024"`
	NewPassword     string `json:"new_password" validate:"required,max=1024"`
} // @name auth.ChangePasswordRequest

// changePassword godoc
// @Summary     Change my password
// @Description Checks the current password, applies the password policy, and ends every login of the account (sign in again everywhere).
// @Tags        auth
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       body body ChangePasswordRequest true "current and new password"
// @Success     204
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/me/password [post]
func (h *Handler) changePassword(c echo.Context) error {
	p, ok := PrincipalFrom(c)
	if !ok {
		return ErrUnauthenticated
	}
	var req ChangePasswordRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	if err := h.svc.ChangePassword(c.Request().Context(), p, req.CurrentPassword, req.NewPassword); err != nil {
		return err
	}
	h.setCookie(c, "", time.Time{})
	return c.NoContent(http.StatusNoContent)
}

// RefreshCookie holds the web app's refresh token: HttpOnly, so page scripts never read it, and
// SameSite=Strict with a path limited to the auth endpoints.
const RefreshCookie = "oms_refresh"

// LoginRequest is the body of POST /auth/login.
type LoginRequest struct {
	Login    string `json:"login" validate:"required,max=254" example:"C000123"`
	Password string `json:"password" validate:"required,max=1024" example:"oms-demo-password"`
	// UseCookie asks for the refresh token in an HttpOnly cookie instead of the body (the web app).
	UseCookie bool `json:"use_cookie"`
} // @name auth.LoginRequest

// RefreshRequest is the body of POST /auth/refresh and /auth/logout. Apps send the token; the
// web app sends an empty body and its cookie.
type RefreshRequest struct {
	RefreshToken string `json:"refresh_token" validate:"max=200"`
	UseCookie    bool   `json:"use_cookie"`
} // @name auth.RefreshRequest

// TokenResponse carries a new access token and, unless it went into the cookie, a new refresh
// token (rotated on every use: keep only the newest).
type TokenResponse struct {
	AccessToken  string `json:"access_token" validate:"required"`
	TokenType    string `json:"token_type" validate:"required" example:"Bearer"`
	ExpiresIn    int    `json:"expires_in" validate:"required" example:"900"`
	RefreshToken string `json:"refresh_token,omitempty" example:"ort_…"`
} // @name auth.TokenResponse

func (h *Handler) meta(c echo.Context) ClientMeta {
	return ClientMeta{UserAgent: c.Request().UserAgent(), IP: c.RealIP()}
}

// respond issues an access token for p and hands over the refresh token.
func (h *Handler) respond(c echo.Context, p Principal, refresh string, refreshExp time.Time, cookie bool) error {
	tok, ttl, err := h.tokens.Issue(p)
	if err != nil {
		return err
	}
	out := TokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int(ttl.Seconds())}
	if cookie {
		h.setCookie(c, refresh, refreshExp)
	} else {
		out.RefreshToken = refresh
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, out)
}

func (h *Handler) setCookie(c echo.Context, value string, expires time.Time) {
	ck := &http.Cookie{Name: RefreshCookie, Value: value, Path: "/api/v1/auth", HttpOnly: true, Secure: h.secureCookies, SameSite: http.SameSiteStrictMode}
	if value == "" {
		ck.MaxAge = -1
	} else {
		ck.Expires = expires
	}
	c.SetCookie(ck)
}

// Me is the authenticated caller.
type Me struct {
	ID             string   `json:"id" validate:"required"`
	Type           string   `json:"type" validate:"required" enums:"staff,consumer,business"`
	Name           string   `json:"name" validate:"required"`
	Email          string   `json:"email" validate:"required"`
	Roles          []string `json:"roles" validate:"required"`
	RegistrationID *string  `json:"registration_id" extensions:"x-nullable"`
	LoginID        *string  `json:"login_id" extensions:"x-nullable"`
	Phone          *string  `json:"phone" extensions:"x-nullable"`
} // @name auth.Me

// login godoc
// @Summary     Log in
// @Description Exchanges a login (customers: Login ID or email; staff: email) and password for a 15-minute access token and a refresh token. Only approved customers have a login.
// @Tags        auth
// @Accept      json
// @Produce     json
// @Param       body body LoginRequest true "credentials"
// @Success     200 {object} TokenResponse
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Failure     429 {object} httpx.Problem "too many failed logins for the account or from the IP"
// @Router      /api/v1/auth/login [post]
func (h *Handler) login(c echo.Context) error {
	var req LoginRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	p, err := h.svc.Login(c.Request().Context(), req.Login, req.Password, c.RealIP())
	if err != nil {
		return err
	}
	refresh, exp, err := h.refresh.Issue(c.Request().Context(), p, h.meta(c))
	if err != nil {
		return err
	}
	return h.respond(c, p, refresh, exp, req.UseCookie)
}

// presented returns the refresh token of a request: the body's, else the cookie's.
func (h *Handler) presented(c echo.Context) (RefreshRequest, error) {
	var req RefreshRequest
	if c.Request().ContentLength != 0 {
		if err := httpx.Bind(c, &req); err != nil {
			return req, err
		}
	}
	if req.RefreshToken == "" {
		if ck, err := c.Cookie(RefreshCookie); err == nil {
			req.RefreshToken, req.UseCookie = ck.Value, true
		}
	}
	return req, nil
}

// refreshTokens godoc
// @Summary     Refresh the access token
// @Description Trades a refresh token for a new access token and a new refresh token. Each refresh token works once: presenting a used one again logs that login out everywhere (it was probably stolen).
// @Tags        auth
// @Accept      json
// @Produce     json
// @Param       body body RefreshRequest false "the refresh token (the web app sends its cookie instead)"
// @Success     200 {object} TokenResponse
// @Failure     401 {object} httpx.Problem
// @Router      /api/v1/auth/refresh [post]
func (h *Handler) refreshTokens(c echo.Context) error {
	req, err := h.presented(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	subject, next, exp, err := h.refresh.Rotate(ctx, req.RefreshToken, h.meta(c))
	if err != nil {
		if req.UseCookie {
			h.setCookie(c, "", time.Time{})
		}
		return err
	}
	p, err := h.svc.Principal(ctx, subject)
	if err != nil {
		_ = h.refresh.RevokeAllFor(ctx, subject.Kind, subject.ID, RevokeReasonAccountDisabled)
		return err
	}
	return h.respond(c, p, next, exp, req.UseCookie)
}

// logout godoc
// @Summary     Log out
// @Description Ends the login the refresh token belongs to (every token of it). Always 204.
// @Tags        auth
// @Accept      json
// @Param       body body RefreshRequest false "the refresh token (the web app sends its cookie instead)"
// @Success     204
// @Router      /api/v1/auth/logout [post]
func (h *Handler) logout(c echo.Context) error {
	req, err := h.presented(c)
	if err != nil {
		return err
	}
	if err := h.refresh.Revoke(c.Request().Context(), req.RefreshToken); err != nil {
		return err
	}
	h.setCookie(c, "", time.Time{})
	return c.NoContent(http.StatusNoContent)
}

// me godoc
// @Summary  The signed-in caller
// @Tags     auth
// @Produce  json
// @Security BearerAuth
// @Success  200 {object} Me
// @Failure  401 {object} httpx.Problem
// @Router   /api/v1/me [get]
func (h *Handler) me(c echo.Context) error {
	p, ok := PrincipalFrom(c)
	if !ok {
		return ErrUnauthenticated
	}
	prof, err := h.svc.Me(c.Request().Context(), p)
	if err != nil {
		return err
	}
	me := Me{ID: p.ID.String(), Type: prof.Type, Name: prof.Name, Email: prof.Email, Roles: make([]string, len(p.Roles))}
	for i, r := range p.Roles {
		me.Roles[i] = string(r)
	}
	if p.Kind == KindCustomer {
		me.RegistrationID, me.LoginID, me.Phone = &prof.RegistrationID, &prof.LoginID, &prof.Phone
	}
	return c.JSON(http.StatusOK, me)
}

// ResetRequest asks for a reset code.
type ResetRequest struct {
	Login string `json:"login" validate:"required,max=254" example:"C000123"`
} // @name auth.ResetRequest

// ResetConfirm sets a new password with the emailed code.
type ResetConfirm struct {
	Login       string `json:"login" validate:"required,max=254"`
	Code        string `json:"code" validate:"required,len=6,numeric"`
	NewPassword string `json:"new_password" validate:"required,max=1024"`
} // @name auth.ResetConfirm

// requestReset godoc
// @Summary     Forgot password: email a reset code
// @Description Always 202, whether or not the login names an account. The code (and a link with it) goes to the account's email and works for 15 minutes.
// @Tags        auth
// @Accept      json
// @Produce     json
// @Param       body body ResetRequest true "Login ID or email"
// @Success     202
// @Failure     400 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/auth/password-reset [post]
func (h *Handler) requestReset(c echo.Context) error {
	var req ResetRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	if err := h.resets.Request(c.Request().Context(), req.Login); err != nil {
		return err
	}
	return c.NoContent(http.StatusAccepted)
}

// confirmReset godoc
// @Summary     Forgot password: set a new one with the code
// @Description Ends every login of the account. 5 tries per code.
// @Tags        auth
// @Accept      json
// @Produce     json
// @Param       body body ResetConfirm true "login, code and the new password"
// @Success     204
// @Failure     400 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/auth/password-reset/confirm [post]
func (h *Handler) confirmReset(c echo.Context) error {
	var req ResetConfirm
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	if err := h.resets.Confirm(c.Request().Context(), req.Login, req.Code, req.NewPassword); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
