package notify

import (
	"context"
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/twilio/twilio-go/client"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
	"github.com/openoms/oms/api/internal/platform/phone"
)

// WebhookHandler receives Twilio's delivery callbacks and inbound texts. Every request must carry
// a valid X-Twilio-Signature for the public URL it was sent to; otherwise 403 and nothing changes.
type WebhookHandler struct {
	svc       *Service
	authToken string
	publicURL string // e.g. https://shop.example.com, as Twilio calls it
	brand     string
	commands  []Command
}

// Command answers an inbound text other domains understand (e.g. "STATUS ORD-…"): ok false
// when the text is not theirs. from is E.164; the reply goes back to that number only.
type Command func(ctx context.Context, from, text string) (reply string, ok bool, err error)

// WithCommand adds an inbound text command.
func (h *WebhookHandler) WithCommand(c Command) *WebhookHandler {
	h.commands = append(h.commands, c)
	return h
}

func NewWebhookHandler(svc *Service, authToken, publicURL, brand string) *WebhookHandler {
	return &WebhookHandler{svc: svc, authToken: authToken, publicURL: strings.TrimRight(publicURL, "/"), brand: brand}
}

// Register adds the public webhook routes.
func (h *WebhookHandler) Register(public *httpx.Routes) {
	public.POST("/webhooks/twilio/status", h.status, h.verify)
	public.POST("/webhooks/twilio/inbound", h.inbound, h.verify)
}

var errBadSignature = apperr.Forbidden("missing or invalid X-Twilio-Signature")

func (h *WebhookHandler) verify(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if h.authToken == "" {
			return apperr.Forbidden("Twilio webhooks are not configured (TWILIO_AUTH_TOKEN is empty)")
		}
		sig := c.Request().Header.Get("X-Twilio-Signature")
		if sig == "" {
			return errBadSignature
		}
		form, err := c.FormParams()
		if err != nil {
			return errBadSignature
		}
		params := make(map[string]string, len(form))
		for k, v := range form {
			if len(v) > 0 {
				params[k] = v[0]
			}
		}
		rv := client.NewRequestValidator(h.authToken)
		if !rv.Validate(h.publicURL+c.Request().URL.RequestURI(), params, sig) {
			return errBadSignature
		}
		return next(c)
	}
}

// status godoc
// @Summary     Twilio delivery status callback
// @Description Called by Twilio (form-encoded, signed) as a message moves to sent, delivered, undelivered or failed.
// @Tags        webhooks
// @Accept      x-www-form-urlencoded
// @Param       X-Twilio-Signature header string true "Twilio's request signature"
// @Param       MessageSid    formData string true  "Twilio message SID"
// @Param       MessageStatus formData string true  "Twilio status"
// @Param       ErrorCode     formData string false "Twilio error code"
// @Success     204
// @Failure     403 {object} httpx.Problem
// @Router      /api/v1/webhooks/twilio/status [post]
func (h *WebhookHandler) status(c echo.Context) error {
	sid, st := c.FormValue("MessageSid"), c.FormValue("MessageStatus")
	if sid == "" || st == "" {
		return apperr.Invalid("MessageSid and MessageStatus are required")
	}
	if err := h.svc.ApplyDeliveryStatus(c.Request().Context(), "twilio", sid, st, c.FormValue("ErrorCode")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// Keywords carriers and Twilio treat as opt-out, opt-in and help.
var (
	stopWords  = map[string]bool{"STOP": true, "STOPALL": true, "UNSUBSCRIBE": true, "CANCEL": true, "END": true, "QUIT": true, "REVOKE": true, "OPTOUT": true}
	startWords = map[string]bool{"START": true, "YES": true, "UNSTOP": true}
	helpWords  = map[string]bool{"HELP": true, "INFO": true}
)

// inbound godoc
// @Summary     Twilio inbound SMS
// @Description Called by Twilio (form-encoded, signed) for each text to our number. STOP/START/HELP are handled per carrier rules; the answer is TwiML.
// @Tags        webhooks
// @Accept      x-www-form-urlencoded
// @Produce     xml
// @Param       X-Twilio-Signature header string true "Twilio's request signature"
// @Param       From formData string true "sender, E.164"
// @Param       Body formData string true "text"
// @Success     200 {string} string "TwiML"
// @Failure     403 {object} httpx.Problem
// @Router      /api/v1/webhooks/twilio/inbound [post]
func (h *WebhookHandler) inbound(c echo.Context) error {
	ctx := c.Request().Context()
	from, err := phone.Normalize(c.FormValue("From"), "")
	if err != nil {
		return twiml(c, "")
	}
	word := strings.ToUpper(strings.TrimSpace(c.FormValue("Body")))
	switch {
	case stopWords[word]:
		if err := h.svc.OptOut(ctx, from, "sms:"+word); err != nil {
			return err
		}
		return twiml(c, "You are unsubscribed from "+h.brand+" texts and will get no more. Reply START to subscribe again.")
	case startWords[word]:
		if err := h.svc.OptIn(ctx, from); err != nil {
			return err
		}
		return twiml(c, "You are subscribed to "+h.brand+" texts again. Reply STOP to unsubscribe, HELP for help.")
	case helpWords[word]:
		return twiml(c, h.brand+": order and account notices. Reply STATUS and an order reference for its status. Reply STOP to unsubscribe. Msg&data rates may apply.")
	}
	for _, cmd := range h.commands {
		reply, ok, err := cmd(ctx, from, c.FormValue("Body"))
		if err != nil {
			return err
		}
		if ok {
			return twiml(c, h.brand+": "+reply)
		}
	}
	return twiml(c, "")
}

func twiml(c echo.Context, message string) error {
	var b strings.Builder
	b.WriteString(xml.Header + "<Response>")
	if message != "" {
		b.WriteString("<Message>")
		_ = xml.EscapeText(&b, []byte(message))
		b.WriteString("</Message>")
	}
	b.WriteString("</Response>")
	return c.Blob(http.StatusOK, "text/xml; charset=utf-8", []byte(b.String()))
}
