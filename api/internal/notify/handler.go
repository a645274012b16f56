package notify

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Handler serves the back office's message log.
type Handler struct {
	svc    *Service
	whoAmI func(c echo.Context) string // the staff member, for "sent by" in test messages
}

func NewHandler(svc *Service, whoAmI func(c echo.Context) string) *Handler {
	return &Handler{svc: svc, whoAmI: whoAmI}
}

// Register adds the routes to the staff-only group; adminOnly narrows a route to admins.
func (h *Handler) Register(staff *httpx.Routes, adminOnly echo.MiddlewareFunc) {
	staff.GET("/messages", h.list)
	staff.GET("/messages/:id", h.get)
	staff.POST("/messages/test", h.sendTest, adminOnly)
}

// MessageView is one SMS or email as staff see it.
type MessageView struct {
	ID                string     `json:"id" validate:"required"`
	Channel           Channel    `json:"channel" validate:"required" enums:"sms,email"`
	To                string     `json:"to" validate:"required"`
	Subject           string     `json:"subject"`
	Body              string     `json:"body" validate:"required"`
	Template          string     `json:"template" validate:"required"`
	Status            Status     `json:"status" validate:"required" enums:"queued,sending,sent,delivered,failed,undeliverable"`
	Provider          string     `json:"provider" validate:"required"`
	ProviderMessageID *string    `json:"provider_message_id" extensions:"x-nullable"`
	Attempts          int        `json:"attempts" validate:"required"`
	LastError         *string    `json:"last_error" extensions:"x-nullable"`
	ErrorCode         *string    `json:"error_code" extensions:"x-nullable"`
	RelatedType       *string    `json:"related_type" extensions:"x-nullable"`
	RelatedID         *string    `json:"related_id" extensions:"x-nullable"`
	CreatedAt         time.Time  `json:"created_at" validate:"required"`
	UpdatedAt         time.Time  `json:"updated_at" validate:"required"`
	SentAt            *time.Time `json:"sent_at" extensions:"x-nullable"`
	DeliveredAt       *time.Time `json:"delivered_at" extensions:"x-nullable"`
} // @name notify.Message

// MessagePage is a page of the message log.
type MessagePage struct {
	Items      []MessageView `json:"items" validate:"required"`
	NextCursor *string       `json:"next_cursor" extensions:"x-nullable"`
} // @name notify.MessagePage

func toView(m Message) MessageView {
	return MessageView{
		ID: m.ID.String(), Channel: m.Channel, To: m.Recipient, Subject: m.Subject, Body: m.Body, Template: m.TemplateKey,
		Status: m.Status, Provider: m.Provider, ProviderMessageID: m.ProviderMessageID, Attempts: m.Attempts,
		LastError: m.LastError, ErrorCode: m.ErrorCode, RelatedType: m.RelatedType, RelatedID: m.RelatedID,
		CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt, SentAt: m.SentAt, DeliveredAt: m.DeliveredAt,
	}
}

// list godoc
// @Summary     Message log
// @Description Every SMS and email the system sent or is sending, newest first. In console mode this is where codes sent to customers can be read.
// @Tags        messages
// @Produce     json
// @Security    BearerAuth
// @Param       channel   query string false "sms or email" Enums(sms, email)
// @Param       to        query string false "recipient (phone in any format, or email)"
// @Param       status    query string false "status" Enums(queued, sending, sent, delivered, failed, undeliverable)
// @Param       order     query string false "messages about this order reference"
// @Param       cursor    query string false "next_cursor of the previous page"
// @Param       page_size query int    false "1–100, default 20"
// @Success     200 {object} MessagePage
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/messages [get]
func (h *Handler) list(c echo.Context) error {
	pr, err := httpx.ParsePage(c)
	if err != nil {
		return err
	}
	q := ListQuery{PageSize: pr.PageSize, To: c.QueryParam("to"), Order: c.QueryParam("order")}
	switch ch := Channel(c.QueryParam("channel")); ch {
	case "", ChannelSMS, ChannelEmail:
		q.Channel = ch
	default:
		return apperr.Field("channel", "must be sms or email")
	}
	switch st := Status(c.QueryParam("status")); st {
	case "", StatusQueued, StatusSending, StatusSent, StatusDelivered, StatusFailed, StatusUndeliverable:
		q.Status = st
	default:
		return apperr.Field("status", "must be one of queued, sending, sent, delivered, failed, undeliverable")
	}
	if q.Cursor, err = pr.IDCursor(); err != nil {
		return err
	}
	rows, err := h.svc.List(c.Request().Context(), q)
	if err != nil {
		return err
	}
	views := make([]MessageView, len(rows))
	for i, m := range rows {
		views[i] = toView(m)
	}
	page := httpx.NewPage(views, pr.PageSize, func(v MessageView) any { return v.ID })
	return c.JSON(http.StatusOK, MessagePage{Items: page.Items, NextCursor: page.NextCursor})
}

// get godoc
// @Summary  One message
// @Tags     messages
// @Produce  json
// @Security BearerAuth
// @Param    id path string true "message id"
// @Success  200 {object} MessageView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/messages/{id} [get]
func (h *Handler) get(c echo.Context) error {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return ErrMessageNotFound
	}
	m, err := h.svc.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toView(m))
}

// TestMessageRequest asks for a test message.
type TestMessageRequest struct {
	Channel Channel `json:"channel" validate:"required,oneof=sms email" enums:"sms,email"`
	To      string  `json:"to" validate:"required,max=254" example:"+14155550100"`
} // @name notify.TestMessageRequest

// Queued answers a request that queued a message.
type Queued struct {
	MessageID string `json:"message_id" validate:"required"`
	Status    Status `json:"status" validate:"required"`
	To        string `json:"to" validate:"required" example:"+1415•••0100"`
} // @name notify.Queued

// sendTest godoc
// @Summary     Send a test message
// @Description Queues a test SMS or email through the configured provider (admins only), to check the setup end to end.
// @Tags        messages
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       body body TestMessageRequest true "where to send it"
// @Success     202 {object} Queued
// @Failure     400 {object} httpx.Problem
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem "the number opted out"
// @Failure     422 {object} httpx.Problem
// @Failure     429 {object} httpx.Problem "too many SMS to that number"
// @Router      /api/v1/admin/messages/test [post]
func (h *Handler) sendTest(c echo.Context) error {
	var req TestMessageRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	m, err := h.svc.SendTest(c.Request().Context(), req.Channel, req.To, h.whoAmI(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, Queued{MessageID: m.ID.String(), Status: m.Status, To: MaskRecipient(m.Channel, m.Recipient)})
}
