// Package system serves the endpoints about the service itself: liveness, readiness and version.
package system

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Check is one readiness condition; a non-nil error makes the service not ready.
type Check struct {
	Name string
	Fn   func(ctx context.Context) error
}

// Info describes the running build.
type Info struct {
	Name    string `json:"name" validate:"required" example:"Order Management System"`
	Version string `json:"version" validate:"required" example:"1.0.0"`
	Commit  string `json:"commit" validate:"required" example:"5f693e3"`
	Demo    bool   `json:"demo" validate:"required" example:"false"`
} // @name system.Info

// Health is the body of /healthz and of a ready /readyz.
type Health struct {
	Status string            `json:"status" validate:"required" example:"ok"`
	Checks map[string]string `json:"checks,omitempty"`
} // @name system.Health

// NotReady is the 503 body of /readyz: a problem with the state of each check.
type NotReady struct {
	httpx.Problem
	Checks map[string]string `json:"checks"`
}

// Handler serves the system endpoints.
type Handler struct {
	info     Info
	checks   []Check
	draining atomic.Bool
}

func NewHandler(info Info, checks ...Check) *Handler { return &Handler{info: info, checks: checks} }

// Drain makes /readyz answer 503 from now on, so load balancers stop sending traffic while the
// server finishes what it has.
func (h *Handler) Drain() { h.draining.Store(true) }

// Register adds the routes.
func (h *Handler) Register(e *echo.Echo, api *echo.Group) {
	e.GET("/healthz", h.healthz)
	e.GET("/readyz", h.readyz)
	api.GET("/version", h.version)
}

// healthz godoc
// @Summary     Liveness
// @Description 200 while the process is up. It checks nothing else, so a slow database never gets the process restarted.
// @Tags        system
// @Produce     json
// @Success     200 {object} Health
// @Router      /healthz [get]
func (h *Handler) healthz(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, Health{Status: "ok"})
}

// readyz godoc
// @Summary     Readiness
// @Description 200 when the database answers and every migration is applied; 503 otherwise, or while the server shuts down.
// @Tags        system
// @Produce     json
// @Success     200 {object} Health
// @Failure     503 {object} httpx.Problem{checks=map[string]string} "not ready: the problem plus the state of each check"
// @Router      /readyz [get]
func (h *Handler) readyz(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	if h.draining.Load() {
		return h.notReady(c, "shutting down", map[string]string{"server": "shutting down"})
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), 3*time.Second)
	defer cancel()
	res := Health{Status: "ok", Checks: map[string]string{}}
	var failed []string
	for _, chk := range h.checks {
		if err := chk.Fn(ctx); err != nil {
			res.Checks[chk.Name] = err.Error()
			failed = append(failed, chk.Name+": "+err.Error())
			continue
		}
		res.Checks[chk.Name] = "ok"
	}
	if len(failed) > 0 {
		return h.notReady(c, "not ready: "+strings.Join(failed, ", "), res.Checks)
	}
	return c.JSON(http.StatusOK, res)
}

func (h *Handler) notReady(c echo.Context, detail string, checks map[string]string) error {
	body := NotReady{Problem: httpx.Problem{
		Type: "about:blank", Title: http.StatusText(http.StatusServiceUnavailable), Status: http.StatusServiceUnavailable,
		Detail: detail, Instance: c.Request().URL.Path, RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
	}, Checks: checks}
	c.Response().Header().Set(echo.HeaderContentType, httpx.ProblemContentType)
	return c.JSONBlob(http.StatusServiceUnavailable, mustJSON(body))
}

// version godoc
// @Summary  Service name and version
// @Tags     system
// @Produce  json
// @Success  200 {object} Info
// @Router   /api/v1/version [get]
func (h *Handler) version(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
	return c.JSON(http.StatusOK, h.info)
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("system: marshal: " + err.Error()) // plain structs of strings: cannot fail
	}
	return b
}
