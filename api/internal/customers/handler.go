package customers

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Handler serves a customer's own API keys.
type Handler struct{ svc *Service }

func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register adds the routes for signed-in callers.
func (h *Handler) Register(authed *httpx.Routes) {
	authed.GET("/me/api-keys", h.listKeys)
	authed.POST("/me/api-keys", h.createKey)
	authed.DELETE("/me/api-keys/:id", h.revokeKey)
	authed.GET("/me/notifications", h.notifications)
	authed.PUT("/me/notifications", h.setNotifications)
}

// NotificationPrefsView says which order updates a customer gets, by channel. The "order placed"
// email always goes; SMS needs a verified phone too.
type NotificationPrefsView struct {
	Email bool `json:"email" validate:"required"`
	SMS   bool `json:"sms" validate:"required"`
} // @name customers.NotificationPrefs

// NotificationPrefsRequest sets them (both fields required).
type NotificationPrefsRequest struct {
	Email *bool `json:"email" validate:"required"`
	SMS   *bool `json:"sms" validate:"required"`
} // @name customers.NotificationPrefsRequest

// notifications godoc
// @Summary  My order-update notifications
// @Tags     account
// @Produce  json
// @Security BearerAuth
// @Success  200 {object} NotificationPrefsView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Router   /api/v1/me/notifications [get]
func (h *Handler) notifications(c echo.Context) error {
	id, err := customer(c, errNotACustomer)
	if err != nil {
		return err
	}
	cust, err := h.svc.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, NotificationPrefsView{Email: cust.NotifyOrderEmail, SMS: cust.NotifyOrderSMS})
}

// setNotifications godoc
// @Summary  Choose my order-update notifications
// @Tags     account
// @Accept   json
// @Produce  json
// @Security BearerAuth
// @Param    body body NotificationPrefsRequest true "email and sms on or off"
// @Success  200 {object} NotificationPrefsView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/me/notifications [put]
func (h *Handler) setNotifications(c echo.Context) error {
	id, err := customer(c, errNotACustomer)
	if err != nil {
		return err
	}
	var req NotificationPrefsRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	p := NotificationPrefs{Email: *req.Email, SMS: *req.SMS}
	if err := h.svc.SetNotificationPrefs(c.Request().Context(), id, p); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, NotificationPrefsView(p))
}

// APIKeyView is a key without its secret.
type APIKeyView struct {
	ID         string     `json:"id" validate:"required"`
	Name       string     `json:"name" validate:"required"`
	Prefix     string     `json:"prefix" validate:"required" example:"oms_AbC123"`
	CreatedAt  time.Time  `json:"created_at" validate:"required"`
	LastUsedAt *time.Time `json:"last_used_at" extensions:"x-nullable"`
	RevokedAt  *time.Time `json:"revoked_at" extensions:"x-nullable"`
} // @name customers.APIKey

// APIKeyList lists keys.
type APIKeyList struct {
	Items []APIKeyView `json:"items" validate:"required"`
} // @name customers.APIKeyList

// NewAPIKey is a created key with its secret, shown once.
type NewAPIKey struct {
	APIKeyView
	Key string `json:"key" validate:"required" example:"oms_…"`
} // @name customers.NewAPIKey

// NewAPIKeyRequest names a new key.
type NewAPIKeyRequest struct {
	Name string `json:"name" validate:"required,max=100" example:"ERP integration"`
} // @name customers.NewAPIKeyRequest

func keyView(k APIKey) APIKeyView {
	return APIKeyView{ID: k.ID.String(), Name: k.Name, Prefix: k.Prefix, CreatedAt: k.CreatedAt, LastUsedAt: k.LastUsedAt, RevokedAt: k.RevokedAt}
}

// customer returns the signed-in customer's id, or notCustomer (a 403) for staff.
func customer(c echo.Context, notCustomer error) (uuid.UUID, error) {
	p, ok := auth.PrincipalFrom(c)
	if !ok {
		return uuid.Nil, auth.ErrUnauthenticated
	}
	if p.Kind != auth.KindCustomer {
		return uuid.Nil, notCustomer
	}
	return p.ID, nil
}

// listKeys godoc
// @Summary  My API keys
// @Tags     account
// @Produce  json
// @Security BearerAuth
// @Success  200 {object} APIKeyList
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Router   /api/v1/me/api-keys [get]
func (h *Handler) listKeys(c echo.Context) error {
	id, err := customer(c, ErrAPIKeysBusiness)
	if err != nil {
		return err
	}
	keys, err := h.svc.APIKeys(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := APIKeyList{Items: make([]APIKeyView, len(keys))}
	for i, k := range keys {
		out.Items[i] = keyView(k)
	}
	return c.JSON(http.StatusOK, out)
}

// createKey godoc
// @Summary     Create an API key
// @Description For business accounts: a key for your own systems, sent as "Authorization: Bearer oms_…"; it acts as your account. The key is shown only in this response.
// @Tags        account
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       body body NewAPIKeyRequest true "a name to recognise the key by"
// @Success     201 {object} NewAPIKey
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/me/api-keys [post]
func (h *Handler) createKey(c echo.Context) error {
	id, err := customer(c, ErrAPIKeysBusiness)
	if err != nil {
		return err
	}
	var req NewAPIKeyRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	k, secret, err := h.svc.CreateAPIKey(c.Request().Context(), id, req.Name)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusCreated, NewAPIKey{APIKeyView: keyView(k), Key: secret})
}

// revokeKey godoc
// @Summary  Revoke an API key
// @Tags     account
// @Security BearerAuth
// @Param    id path string true "key id"
// @Success  204
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/me/api-keys/{id} [delete]
func (h *Handler) revokeKey(c echo.Context) error {
	cid, err := customer(c, ErrAPIKeysBusiness)
	if err != nil {
		return err
	}
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return ErrAPIKeyNotFound
	}
	if err := h.svc.RevokeAPIKey(c.Request().Context(), cid, id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
