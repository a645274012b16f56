package audit

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Handler serves the audit log to admins.
type Handler struct{ log *Log }

func NewHandler(l *Log) *Handler { return &Handler{log: l} }

// Register adds the admin-only route.
func (h *Handler) Register(admins *httpx.Routes) { admins.GET("/audit", h.list) }

// EntryView is one audit entry.
type EntryView struct {
	ID         string          `json:"id" validate:"required"`
	At         time.Time       `json:"at" validate:"required"`
	ActorKind  string          `json:"actor_kind" validate:"required" enums:"staff,customer,anonymous,system"`
	ActorID    *string         `json:"actor_id" extensions:"x-nullable"`
	ActorLabel string          `json:"actor_label" validate:"required"`
	IP         string          `json:"ip" validate:"required"`
	RequestID  string          `json:"request_id" validate:"required"`
	Action     string          `json:"action" validate:"required" example:"registration.approved"`
	EntityType string          `json:"entity_type" validate:"required"`
	EntityID   string          `json:"entity_id" validate:"required"`
	Before     json.RawMessage `json:"before" swaggertype:"object"`
	After      json.RawMessage `json:"after" swaggertype:"object"`
} // @name audit.Entry

// EntryPage is a page of the audit log.
type EntryPage struct {
	Items      []EntryView `json:"items" validate:"required"`
	NextCursor *string     `json:"next_cursor" extensions:"x-nullable"`
} // @name audit.EntryPage

// list godoc
// @Summary  Audit log
// @Tags     audit
// @Produce  json
// @Security BearerAuth
// @Param    actor_id    query string false "only this actor"
// @Param    action      query string false "e.g. auth.login.failed"
// @Param    entity_type query string false "e.g. registration"
// @Param    entity_id   query string false "one record"
// @Param    cursor      query string false "next_cursor of the previous page"
// @Param    page_size   query int    false "1–100, default 20"
// @Success  200 {object} EntryPage
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/audit [get]
func (h *Handler) list(c echo.Context) error {
	pr, err := httpx.ParsePage(c)
	if err != nil {
		return err
	}
	q := Query{Limit: pr.PageSize + 1, Action: c.QueryParam("action"), EntityType: c.QueryParam("entity_type"), EntityID: c.QueryParam("entity_id")}
	if s := c.QueryParam("actor_id"); s != "" {
		id, err := uuid.Parse(s)
		if err != nil {
			return apperr.Field("actor_id", "must be a UUID")
		}
		q.ActorID = &id
	}
	if q.Before, err = pr.IDCursor(); err != nil {
		return err
	}
	rows, err := h.log.List(c.Request().Context(), q)
	if err != nil {
		return err
	}
	views := make([]EntryView, len(rows))
	for i, e := range rows {
		v := EntryView{ID: e.ID.String(), At: e.At, ActorKind: e.ActorKind, ActorLabel: e.ActorLabel, IP: e.IP, RequestID: e.RequestID,
			Action: e.Action, EntityType: e.EntityType, EntityID: e.EntityID}
		if e.ActorID != nil {
			s := e.ActorID.String()
			v.ActorID = &s
		}
		if e.Before != nil {
			v.Before = json.RawMessage(*e.Before)
		}
		if e.After != nil {
			v.After = json.RawMessage(*e.After)
		}
		views[i] = v
	}
	page := httpx.NewPage(views, pr.PageSize, func(v EntryView) any { return v.ID })
	return c.JSON(http.StatusOK, EntryPage{Items: page.Items, NextCursor: page.NextCursor})
}
