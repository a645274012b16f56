package registration

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/customers"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Handler serves applications (public, by token) and the staff review queue.
type Handler struct {
	svc      *Service
	docs     *Documents
	reviewer func(c echo.Context) (uuid.UUID, bool) // the signed-in staff member
}

func NewHandler(svc *Service, docs *Documents, reviewer func(c echo.Context) (uuid.UUID, bool)) *Handler {
	return &Handler{svc: svc, docs: docs, reviewer: reviewer}
}

// DocumentRoute is the upload route, which takes bodies larger than the API's default limit.
const DocumentRoute = "/api/v1/registrations/:id/documents"

// Register adds the routes; reviewers is the staff set allowed to decide.
func (h *Handler) Register(public, reviewers *httpx.Routes) {
	public.POST("/registrations", h.apply)
	public.GET("/registrations/:id", h.status)
	public.POST("/registrations/:id/verify", h.verify)
	public.POST("/registrations/:id/resend", h.resend)
	public.POST("/registrations/:id/documents", h.addDocument)
	reviewers.GET("/registrations/:id/documents/:doc", h.document)
	reviewers.GET("/registrations", h.list)
	reviewers.GET("/registrations/:id", h.detail)
	reviewers.POST("/registrations/:id/approve", h.approve)
	reviewers.POST("/registrations/:id/reject", h.reject)
}

// AddressInput is a postal address.
type AddressInput struct {
	Line1      string `json:"line1" validate:"required,max=200" example:"1 Market Street"`
	Line2      string `json:"line2" validate:"max=200"`
	City       string `json:"city" validate:"required,max=100" example:"San Francisco"`
	PostalCode string `json:"postal_code" validate:"required,max=20" example:"94105"`
	Country    string `json:"country" validate:"required,iso3166_1_alpha2" example:"US"`
} // @name registration.Address

// CompanyRequest is a business applicant's legal data.
type CompanyRequest struct {
	LegalName          string `json:"legal_name" validate:"required,max=200" example:"Acme Supplies Inc."`
	TaxID              string `json:"tax_id" validate:"required,max=40" example:"US12-3456789"`
	RegistrationNumber string `json:"registration_number" validate:"required,max=40" example:"C1234567"`
} // @name registration.Company

// ApplyRequest is the body of POST /registrations.
type ApplyRequest struct {
	Type     customers.Type  `json:"type" validate:"required,oneof=consumer business" enums:"consumer,business"`
	Name     string          `json:"name" validate:"required,max=200" example:"Ada Lovelace"`
	Email    string          `json:"email" validate:"required,max=254" example:"ada@example.com"`
	Phone    string          `json:"phone" validate:"required,max=32" example:"+14155550100"`
	Password string          `json:"password" validate:"required,max=1024"`
	Address  AddressInput    `json:"address" validate:"required"`
	Company  *CompanyRequest `json:"company" validate:"required_if=Type business,omitempty" extensions:"x-nullable"`
} // @name registration.ApplyRequest

// ApplyResponse carries the token every later step of the application needs.
type ApplyResponse struct {
	ID     string `json:"id" validate:"required"`
	Status Status `json:"status" validate:"required" enums:"pending_verification,pending_review,approved,rejected"`
	Token  string `json:"token" validate:"required"`
} // @name registration.ApplyResponse

// StatusResponse is an application as its owner sees it.
type StatusResponse struct {
	ID             string  `json:"id" validate:"required"`
	Status         Status  `json:"status" validate:"required" enums:"pending_verification,pending_review,approved,rejected"`
	EmailVerified  bool    `json:"email_verified" validate:"required"`
	PhoneVerified  bool    `json:"phone_verified" validate:"required"`
	RegistrationID *string `json:"registration_id" extensions:"x-nullable"`
	LoginID        *string `json:"login_id" extensions:"x-nullable"`
	RejectReason   *string `json:"reject_reason" extensions:"x-nullable"`
} // @name registration.ApplicationStatus

// VerifyRequest proves one channel.
type VerifyRequest struct {
	Token   string  `json:"token" validate:"required,max=100"`
	Channel Channel `json:"channel" validate:"required,oneof=email sms" enums:"email,sms"`
	Code    string  `json:"code" validate:"required,len=6,numeric" example:"123456"`
} // @name registration.VerifyRequest

// ResendRequest asks for a fresh code.
type ResendRequest struct {
	Token   string  `json:"token" validate:"required,max=100"`
	Channel Channel `json:"channel" validate:"required,oneof=email sms" enums:"email,sms"`
} // @name registration.ResendRequest

func statusOf(a Application, c *customers.Customer) StatusResponse {
	r := StatusResponse{ID: a.ID.String(), Status: a.Status, EmailVerified: a.EmailVerifiedAt != nil, PhoneVerified: a.PhoneVerifiedAt != nil, RejectReason: a.RejectReason}
	if c != nil {
		r.RegistrationID, r.LoginID = &c.RegistrationID, &c.LoginID
	}
	return r
}

func parseID(c echo.Context) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return uuid.Nil, ErrNotFound
	}
	return id, nil
}

// apply godoc
// @Summary     Apply to register
// @Description Starts an application. A 6-digit code goes to the email address and another to the phone; verify both. Keep the returned token: every later step needs it.
// @Tags        registration
// @Accept      json
// @Produce     json
// @Param       body body ApplyRequest true "the applicant"
// @Success     201 {object} ApplyResponse
// @Failure     400 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem "an account with this email, phone or tax ID exists"
// @Failure     422 {object} httpx.Problem
// @Failure     429 {object} httpx.Problem
// @Router      /api/v1/registrations [post]
func (h *Handler) apply(c echo.Context) error {
	var req ApplyRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	in := ApplyInput{Type: req.Type, Name: req.Name, Email: req.Email, Phone: req.Phone, Password: req.Password, IP: c.RealIP(),
		Address: customers.Address{Line1: req.Address.Line1, Line2: req.Address.Line2, City: req.Address.City, PostalCode: req.Address.PostalCode, Country: req.Address.Country}}
	if req.Company != nil {
		in.Company = &CompanyInput{LegalName: req.Company.LegalName, TaxID: req.Company.TaxID, RegistrationNumber: req.Company.RegistrationNumber}
	}
	a, token, err := h.svc.Apply(c.Request().Context(), in)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	c.Response().Header().Set(echo.HeaderLocation, "/api/v1/registrations/"+a.ID.String())
	return c.JSON(http.StatusCreated, ApplyResponse{ID: a.ID.String(), Status: a.Status, Token: token})
}

// status godoc
// @Summary  Application status
// @Tags     registration
// @Produce  json
// @Param    id    path  string true "application id"
// @Param    token query string true "the token from the application"
// @Success  200 {object} StatusResponse
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/registrations/{id} [get]
func (h *Handler) status(c echo.Context) error {
	id, err := parseID(c)
	if err != nil {
		return err
	}
	a, cust, err := h.svc.Status(c.Request().Context(), id, c.QueryParam("token"))
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-store")
	return c.JSON(http.StatusOK, statusOf(a, cust))
}

// verify godoc
// @Summary     Verify a code
// @Description Checks the email or SMS code (5 tries per code, 10 minutes). When both are verified the application is approved at once or goes to staff review.
// @Tags        registration
// @Accept      json
// @Produce     json
// @Param       id   path string        true "application id"
// @Param       body body VerifyRequest true "token, channel and code"
// @Success     200 {object} StatusResponse
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/registrations/{id}/verify [post]
func (h *Handler) verify(c echo.Context) error {
	id, err := parseID(c)
	if err != nil {
		return err
	}
	var req VerifyRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	a, cust, err := h.svc.Verify(c.Request().Context(), id, req.Token, req.Channel, req.Code)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, statusOf(a, cust))
}

// resend godoc
// @Summary  Send a new code
// @Tags     registration
// @Accept   json
// @Param    id   path string        true "application id"
// @Param    body body ResendRequest true "token and channel"
// @Success  202
// @Failure  404 {object} httpx.Problem
// @Failure  409 {object} httpx.Problem
// @Failure  429 {object} httpx.Problem
// @Router   /api/v1/registrations/{id}/resend [post]
func (h *Handler) resend(c echo.Context) error {
	id, err := parseID(c)
	if err != nil {
		return err
	}
	var req ResendRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	if err := h.svc.Resend(c.Request().Context(), id, req.Token, req.Channel); err != nil {
		return err
	}
	return c.NoContent(http.StatusAccepted)
}

// ApplicationView is an application as reviewers see it.
type ApplicationView struct {
	ID              string          `json:"id" validate:"required"`
	Type            customers.Type  `json:"type" validate:"required" enums:"consumer,business"`
	Status          Status          `json:"status" validate:"required" enums:"pending_verification,pending_review,approved,rejected"`
	Name            string          `json:"name" validate:"required"`
	Email           string          `json:"email" validate:"required"`
	Phone           string          `json:"phone" validate:"required"`
	Address         AddressInput    `json:"address" validate:"required"`
	Company         *CompanyRequest `json:"company" extensions:"x-nullable"`
	Flags           []Flag          `json:"flags" validate:"required"`
	EmailVerifiedAt *time.Time      `json:"email_verified_at" extensions:"x-nullable"`
	PhoneVerifiedAt *time.Time      `json:"phone_verified_at" extensions:"x-nullable"`
	RejectReason    *string         `json:"reject_reason" extensions:"x-nullable"`
	ReviewedBy      *string         `json:"reviewed_by" extensions:"x-nullable"`
	ReviewedAt      *time.Time      `json:"reviewed_at" extensions:"x-nullable"`
	RegistrationID  *string         `json:"registration_id" extensions:"x-nullable"`
	LoginID         *string         `json:"login_id" extensions:"x-nullable"`
	CreatedIP       string          `json:"created_ip" validate:"required"`
	CreatedAt       time.Time       `json:"created_at" validate:"required"`
} // @name registration.Application

// ApplicationPage is a page of the review queue.
type ApplicationPage struct {
	Items      []ApplicationView `json:"items" validate:"required"`
	NextCursor *string           `json:"next_cursor" extensions:"x-nullable"`
} // @name registration.ApplicationPage

// ReviewView adds the uploaded documents and what else shares this application's email, phone or
// tax ID.
type ReviewView struct {
	ApplicationView
	Documents []DocumentView    `json:"documents" validate:"required"`
	Related   []ApplicationView `json:"related" validate:"required"`
} // @name registration.Review

// DocumentView describes an uploaded document.
type DocumentView struct {
	ID          string    `json:"id" validate:"required"`
	Filename    string    `json:"filename" validate:"required"`
	ContentType string    `json:"content_type" validate:"required" enums:"application/pdf,image/jpeg,image/png"`
	SizeBytes   int64     `json:"size_bytes" validate:"required"`
	SHA256      string    `json:"sha256" validate:"required"`
	CreatedAt   time.Time `json:"created_at" validate:"required"`
} // @name registration.Document

func docView(d Document) DocumentView {
	return DocumentView{ID: d.ID.String(), Filename: d.Filename, ContentType: d.ContentType, SizeBytes: d.SizeBytes, SHA256: d.SHA256, CreatedAt: d.CreatedAt}
}

// addDocument godoc
// @Summary     Upload a supporting document
// @Description For an open application (its token in the form): a PDF, JPEG or PNG of at most 5 MiB, up to 5 per application. The type is read from the file itself.
// @Tags        registration
// @Accept      multipart/form-data
// @Produce     json
// @Param       id    path     string true "application id"
// @Param       token formData string true "the application's token"
// @Param       file  formData file   true "the document"
// @Success     201 {object} DocumentView
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     413 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/registrations/{id}/documents [post]
func (h *Handler) addDocument(c echo.Context) error {
	id, err := parseID(c)
	if err != nil {
		return err
	}
	fh, err := c.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return apperr.Field("file", "is required: send the document as multipart/form-data field \"file\"")
	}
	f, err := fh.Open()
	if err != nil {
		return fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	doc, err := h.docs.Add(c.Request().Context(), id, c.FormValue("token"), fh.Filename, f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, docView(doc))
}

// document godoc
// @Summary  Download an applicant's document
// @Tags     registration
// @Produce  application/pdf,image/jpeg,image/png
// @Security BearerAuth
// @Param    id  path string true "application id"
// @Param    doc path string true "document id"
// @Success  200 {file} file
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/registrations/{id}/documents/{doc} [get]
func (h *Handler) document(c echo.Context) error {
	id, err := parseID(c)
	if err != nil {
		return err
	}
	docID, err := uuid.Parse(c.Param("doc"))
	if err != nil {
		return ErrDocumentNotFound
	}
	doc, r, err := h.docs.Open(c.Request().Context(), id, docID)
	if err != nil {
		return err
	}
	defer r.Close()
	hdr := c.Response().Header()
	// Always a download, never rendered in our origin: an uploaded file must not run as a page.
	hdr.Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": doc.Filename}))
	hdr.Set(echo.HeaderCacheControl, "private, no-store")
	hdr.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	return c.Stream(http.StatusOK, doc.ContentType, r)
}

func view(a Application, c *customers.Customer) ApplicationView {
	v := ApplicationView{
		ID: a.ID.String(), Type: a.Type, Status: a.Status, Name: a.Name, Email: a.Email, Phone: a.Phone, Flags: a.Flags,
		Address:         AddressInput{Line1: a.Address.Line1, Line2: a.Address.Line2, City: a.Address.City, PostalCode: a.Address.PostalCode, Country: a.Address.Country},
		EmailVerifiedAt: a.EmailVerifiedAt, PhoneVerifiedAt: a.PhoneVerifiedAt, RejectReason: a.RejectReason, ReviewedAt: a.ReviewedAt,
		CreatedIP: a.CreatedIP, CreatedAt: a.CreatedAt,
	}
	if v.Flags == nil {
		v.Flags = []Flag{}
	}
	if a.Company.LegalName != nil {
		v.Company = &CompanyRequest{LegalName: *a.Company.LegalName, TaxID: deref(a.Company.TaxID), RegistrationNumber: deref(a.Company.RegistrationNumber)}
	}
	if a.ReviewedBy != nil {
		s := a.ReviewedBy.String()
		v.ReviewedBy = &s
	}
	if c != nil {
		v.RegistrationID, v.LoginID = &c.RegistrationID, &c.LoginID
	}
	return v
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// list godoc
// @Summary  Registration review queue
// @Tags     registration
// @Produce  json
// @Security BearerAuth
// @Param    status    query string false "filter" Enums(pending_verification, pending_review, approved, rejected)
// @Param    cursor    query string false "next_cursor of the previous page"
// @Param    page_size query int    false "1–100, default 20"
// @Success  200 {object} ApplicationPage
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/registrations [get]
func (h *Handler) list(c echo.Context) error {
	pr, err := httpx.ParsePage(c)
	if err != nil {
		return err
	}
	status := Status(c.QueryParam("status"))
	switch status {
	case "", PendingVerification, PendingReview, Approved, Rejected:
	default:
		return apperr.Field("status", "must be pending_verification, pending_review, approved or rejected")
	}
	before, err := pr.IDCursor()
	if err != nil {
		return err
	}
	rows, custs, err := h.svc.List(c.Request().Context(), status, before, pr.PageSize)
	if err != nil {
		return err
	}
	views := make([]ApplicationView, len(rows))
	for i, a := range rows {
		var cust *customers.Customer
		if a.CustomerID != nil {
			if c, ok := custs[*a.CustomerID]; ok {
				cust = &c
			}
		}
		views[i] = view(a, cust)
	}
	page := httpx.NewPage(views, pr.PageSize, func(v ApplicationView) any { return v.ID })
	return c.JSON(http.StatusOK, ApplicationPage{Items: page.Items, NextCursor: page.NextCursor})
}

// detail godoc
// @Summary  One application, with related applications
// @Tags     registration
// @Produce  json
// @Security BearerAuth
// @Param    id path string true "application id"
// @Success  200 {object} ReviewView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/registrations/{id} [get]
func (h *Handler) detail(c echo.Context) error {
	id, err := parseID(c)
	if err != nil {
		return err
	}
	r, err := h.svc.Detail(c.Request().Context(), id)
	if err != nil {
		return err
	}
	docs, err := h.docs.List(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := ReviewView{ApplicationView: view(r.Application, r.Customer), Related: make([]ApplicationView, len(r.Related)), Documents: make([]DocumentView, len(docs))}
	for i, rel := range r.Related {
		out.Related[i] = view(rel, nil)
	}
	for i, d := range docs {
		out.Documents[i] = docView(d)
	}
	return c.JSON(http.StatusOK, out)
}

// approve godoc
// @Summary     Approve an application
// @Description Opens the customer account with its permanent Registration ID and Login ID and tells the customer by email and SMS.
// @Tags        registration
// @Produce     json
// @Security    BearerAuth
// @Param       id path string true "application id"
// @Success     200 {object} ApplicationView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Router      /api/v1/admin/registrations/{id}/approve [post]
func (h *Handler) approve(c echo.Context) error {
	id, err := parseID(c)
	if err != nil {
		return err
	}
	reviewer, _ := h.reviewer(c)
	a, cust, err := h.svc.Approve(c.Request().Context(), reviewer, id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, view(a, cust))
}

// RejectRequest says why.
type RejectRequest struct {
	Reason string `json:"reason" validate:"required,max=500" example:"We could not confirm the company registration number."`
} // @name registration.RejectRequest

// reject godoc
// @Summary  Reject an application
// @Tags     registration
// @Accept   json
// @Produce  json
// @Security BearerAuth
// @Param    id   path string        true "application id"
// @Param    body body RejectRequest true "the reason, told to the applicant"
// @Success  200 {object} ApplicationView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Failure  409 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/registrations/{id}/reject [post]
func (h *Handler) reject(c echo.Context) error {
	id, err := parseID(c)
	if err != nil {
		return err
	}
	var req RejectRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	reviewer, _ := h.reviewer(c)
	a, err := h.svc.Reject(c.Request().Context(), reviewer, id, req.Reason)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, view(a, nil))
}
