package tracking

import (
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
	"github.com/openoms/oms/api/internal/platform/live"
)

// Handler serves tracking to customers, guests and live streams.
type Handler struct {
	svc *Service
	hub *live.Hub
	// StreamFor bounds one live stream; the client reconnects (with a fresh token) after it.
	StreamFor time.Duration
	Heartbeat time.Duration
}

func NewHandler(svc *Service, hub *live.Hub) *Handler {
	return &Handler{svc: svc, hub: hub, StreamFor: 10 * time.Minute, Heartbeat: 25 * time.Second}
}

// Register adds the routes.
func (h *Handler) Register(public, authed *httpx.Routes) {
	authed.GET("/orders/:reference/tracking", h.one)
	authed.POST("/tracking", h.track)
	authed.GET("/tracking/board", h.board)
	authed.POST("/tracking/sms", h.sms)
	authed.GET("/tracking/stream", h.stream)
	public.POST("/tracking/lookup", h.lookup)
}

// Topic is the live-update topic of one customer's orders.
func Topic(customerID uuid.UUID) string { return "customer:" + customerID.String() }

var errCustomersOnly = apperr.Forbidden("tracking is for customer accounts; staff see orders in the back office")

func customer(c echo.Context) (uuid.UUID, error) {
	p, ok := auth.PrincipalFrom(c)
	if !ok {
		return uuid.Nil, auth.ErrUnauthenticated
	}
	if p.Kind != auth.KindCustomer {
		return uuid.Nil, errCustomersOnly
	}
	return p.ID, nil
}

// ResultView is the answer of every many-orders call.
type ResultView struct {
	Items    []Tracking `json:"items" validate:"required"`
	NotFound []string   `json:"not_found" validate:"required"` // asked for, but not (yours)
} // @name tracking.Result

// TrackRequest names orders.
type TrackRequest struct {
	References []string `json:"references" validate:"required" example:"ORD-7K3F-9QXM"`
} // @name tracking.TrackRequest

// LookupRequest names orders and the contact they were placed with.
type LookupRequest struct {
	References []string `json:"references" validate:"required" example:"ORD-7K3F-9QXM"`
	Email      string   `json:"email" validate:"max=254" example:"casey@example.com"`
	Phone      string   `json:"phone" validate:"max=40"`
} // @name tracking.LookupRequest

// SMSView is a queued status text.
type SMSView struct {
	MessageID string `json:"message_id" validate:"required"`
	To        string `json:"to" validate:"required" example:"+1•••••••0123"`
} // @name tracking.SMS

// one godoc
// @Summary     Track one of my orders
// @Description Status, timeline, parcels with tracking links, the promised dispatch and delivery dates of its priority, and what happens next. No prices or address.
// @Tags        tracking
// @Produce     json
// @Security    BearerAuth
// @Param       reference path string true "order reference (any case)"
// @Success     200 {object} Tracking
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Router      /api/v1/orders/{reference}/tracking [get]
func (h *Handler) one(c echo.Context) error {
	id, err := customer(c)
	if err != nil {
		return err
	}
	t, err := h.svc.One(c.Request().Context(), id, c.Param("reference"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, t)
}

// track godoc
// @Summary     Track several of my orders at once
// @Description Up to 50 references (any case; duplicates collapse; the order is kept). Orders that are not yours, or do not exist, are listed in not_found alike.
// @Tags        tracking
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       body body TrackRequest true "references"
// @Success     200 {object} ResultView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem "none, more than 50, or not references"
// @Router      /api/v1/tracking [post]
func (h *Handler) track(c echo.Context) error {
	id, err := customer(c)
	if err != nil {
		return err
	}
	var req TrackRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	r, err := h.svc.Track(c.Request().Context(), id, req.References)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ResultView(r))
}

// board godoc
// @Summary     My open orders' tracking board
// @Description Every order of mine not yet delivered, cancelled or returned (at most 200), oldest first.
// @Tags        tracking
// @Produce     json
// @Security    BearerAuth
// @Success     200 {object} ResultView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Router      /api/v1/tracking/board [get]
func (h *Handler) board(c echo.Context) error {
	id, err := customer(c)
	if err != nil {
		return err
	}
	r, err := h.svc.Board(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ResultView(r))
}

// lookup godoc
// @Summary     Track orders without logging in
// @Description Give the references and the email address or phone number the orders were placed with. Only orders of that customer are returned; anything else is in not_found, whether or not it exists. Limited per IP address (429 with Retry-After).
// @Tags        tracking
// @Accept      json
// @Produce     json
// @Param       body body LookupRequest true "references and contact"
// @Success     200 {object} ResultView
// @Failure     422 {object} httpx.Problem
// @Failure     429 {object} httpx.Problem
// @Router      /api/v1/tracking/lookup [post]
func (h *Handler) lookup(c echo.Context) error {
	var req LookupRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	r, err := h.svc.Lookup(c.Request().Context(), c.RealIP(), req.References, req.Email, req.Phone)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ResultView(r))
}

// sms godoc
// @Summary     Text me the status of my orders
// @Description One SMS to the account's verified phone (never to a number in the request) listing each order's status, within two segments; when not all fit, it ends with a link to see them all. Limited per customer and per number; refused when the number replied STOP.
// @Tags        tracking
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       body body TrackRequest true "references"
// @Success     202 {object} SMSView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem "none of the orders is yours"
// @Failure     409 {object} httpx.Problem "no verified phone, or the number opted out"
// @Failure     422 {object} httpx.Problem
// @Failure     429 {object} httpx.Problem
// @Router      /api/v1/tracking/sms [post]
func (h *Handler) sms(c echo.Context) error {
	id, err := customer(c)
	if err != nil {
		return err
	}
	var req TrackRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	m, err := h.svc.RequestSMS(c.Request().Context(), id, req.References)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, SMSView{MessageID: m.MessageID.String(), To: m.To})
}

// stream godoc
// @Summary     Live changes to my orders (Server-Sent Events)
// @Description Send Accept: text/event-stream. Each change to one of your orders is an "order" event whose data is {reference, status, updated_at, version}; reload what you show. A comment line comes every 25 s to keep proxies from closing the stream; the stream ends after 10 minutes, and the client reconnects (with a fresh token).
// @Tags        tracking
// @Produce     text/event-stream
// @Security    BearerAuth
// @Success     200 {string} string "event stream"
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Router      /api/v1/tracking/stream [get]
func (h *Handler) stream(c echo.Context) error {
	id, err := customer(c)
	if err != nil {
		return err
	}
	notices, stop := h.hub.Subscribe(Topic(id))
	defer stop()
	res := c.Response()
	// The server's write timeout is for ordinary requests; a stream lives on its own clock.
	_ = http.NewResponseController(res.Writer).SetWriteDeadline(time.Time{})
	res.Header().Set(echo.HeaderContentType, "text/event-stream")
	res.Header().Set(echo.HeaderCacheControl, "no-store")
	res.Header().Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	res.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprint(res, "retry: 3000\n\n"); err != nil {
		return nil
	}
	res.Flush()
	end := time.NewTimer(h.StreamFor)
	defer end.Stop()
	beat := time.NewTicker(h.Heartbeat)
	defer beat.Stop()
	for {
		var err error
		select {
		case <-c.Request().Context().Done():
			return nil
		case <-end.C:
			return nil
		case <-beat.C:
			_, err = fmt.Fprint(res, ": ping\n\n")
		case n, ok := <-notices:
			if !ok {
				return nil // shutting down
			}
			_, err = fmt.Fprintf(res, "event: order\ndata: %s\n\n", n)
		}
		if err != nil {
			return nil // the client went away
		}
		res.Flush()
	}
}
