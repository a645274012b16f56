package auth

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Handler serves login and the caller's own identity.
type Handler struct {
	svc    *Service
	tokens *Tokens
}

func NewHandler(svc *Service, tokens *Tokens) *Handler { return &Handler{svc: svc, tokens: tokens} }

// Register adds the routes: login is public, /me reads the caller's token.
func (h *Handler) Register(public, authed *httpx.Routes) {
	public.POST("/auth/login", h.login)
	authed.GET("/me", h.me)
}

// LoginRequest is the body of POST /auth/login.
type LoginRequest struct {
	Login    string `json:"login" validate:"required,max=254" example:"admin@oms.example.com"`
	Password string `json:"password" validate:"required,max=1024" example:"oms-demo-password"`
} // @name auth.LoginRequest

// TokenResponse carries a new access token.
type TokenResponse struct {
	AccessToken string `json:"access_token" validate:"required"`
	TokenType   string `json:"token_type" validate:"required" example:"Bearer"`
	ExpiresIn   int    `json:"expires_in" validate:"required" example:"900"`
} // @name auth.TokenResponse

// Me is the authenticated caller.
type Me struct {
	ID             string   `json:"id" validate:"required"`
	Type           string   `json:"type" validate:"required" enums:"staff,consumer,business"`
	Name           string   `json:"name" validate:"required"`
	Email          string   `json:"email" validate:"required"`
	Roles          []string `json:"roles" validate:"required"`
	RegistrationID *string  `json:"registration_id"`
	LoginID        *string  `json:"login_id"`
	Phone          *string  `json:"phone"`
} // @name auth.Me

// login godoc
// @Summary     Log in
// @Description Exchanges a login (customers: Login ID or email; staff: email) and password for a 15-minute access token. Only approved customers have a login.
// @Tags        auth
// @Accept      json
// @Produce     json
// @Param       body body LoginRequest true "credentials"
// @Success     200 {object} TokenResponse
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/auth/login [post]
func (h *Handler) login(c echo.Context) error {
	var req LoginRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	p, err := h.svc.Login(c.Request().Context(), req.Login, req.Password)
	if err != nil {
		return err
	}
	tok, ttl, err := h.tokens.Issue(p)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, TokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int(ttl.Seconds())})
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
