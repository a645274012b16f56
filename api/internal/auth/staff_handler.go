package auth

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/httpx"
)

// StaffHandler lets admins manage staff accounts.
type StaffHandler struct{ svc *Service }

func NewStaffHandler(svc *Service) *StaffHandler { return &StaffHandler{svc: svc} }

// Register adds the admin-only routes.
func (h *StaffHandler) Register(admins *httpx.Routes) {
	admins.GET("/users", h.list)
	admins.POST("/users", h.create)
	admins.PATCH("/users/:id", h.update)
}

// StaffView is a staff account as admins see it (never its password hash).
type StaffView struct {
	ID         string     `json:"id" validate:"required"`
	Email      string     `json:"email" validate:"required"`
	Name       string     `json:"name" validate:"required"`
	Role       Role       `json:"role" validate:"required" enums:"support,fulfilment,sales,admin"`
	DisabledAt *time.Time `json:"disabled_at" extensions:"x-nullable"`
	CreatedAt  time.Time  `json:"created_at" validate:"required"`
} // @name auth.Staff

// StaffList lists staff accounts.
type StaffList struct {
	Items []StaffView `json:"items" validate:"required"`
} // @name auth.StaffList

// NewStaffRequest creates a staff account.
type NewStaffRequest struct {
	Email    string `json:"email" validate:"required,max=254"`
	Name     string `json:"name" validate:"required,max=200"`
	Role     Role   `json:"role" validate:"required,oneof=support fulfilment sales admin" enums:"support,fulfilment,sales,admin"`
	Password string `json:"password" validate:"required,max=1024"`
} // @name auth.NewStaffRequest

// UpdateStaffRequest changes a role or disables an account; omitted fields stay.
type UpdateStaffRequest struct {
	Role     *Role `json:"role" validate:"omitempty,oneof=support fulfilment sales admin" enums:"support,fulfilment,sales,admin" extensions:"x-nullable"`
	Disabled *bool `json:"disabled" extensions:"x-nullable"`
} // @name auth.UpdateStaffRequest

func staffView(u StaffUser) StaffView {
	return StaffView{ID: u.ID.String(), Email: u.Email, Name: u.Name, Role: u.Role, DisabledAt: u.DisabledAt, CreatedAt: u.CreatedAt}
}

// list godoc
// @Summary  Staff accounts
// @Tags     staff
// @Produce  json
// @Security BearerAuth
// @Success  200 {object} StaffList
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Router   /api/v1/admin/users [get]
func (h *StaffHandler) list(c echo.Context) error {
	users, err := h.svc.ListStaff(c.Request().Context())
	if err != nil {
		return err
	}
	out := StaffList{Items: make([]StaffView, len(users))}
	for i, u := range users {
		out.Items[i] = staffView(u)
	}
	return c.JSON(http.StatusOK, out)
}

// create godoc
// @Summary  Create a staff account
// @Tags     staff
// @Accept   json
// @Produce  json
// @Security BearerAuth
// @Param    body body NewStaffRequest true "the new staff member"
// @Success  201 {object} StaffView
// @Failure  400 {object} httpx.Problem
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  409 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/users [post]
func (h *StaffHandler) create(c echo.Context) error {
	var req NewStaffRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	u, err := h.svc.CreateStaff(c.Request().Context(), NewStaff{Email: req.Email, Name: req.Name, Role: req.Role, Password: req.Password})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, staffView(u))
}

// update godoc
// @Summary  Change a staff account's role, or disable it
// @Tags     staff
// @Accept   json
// @Produce  json
// @Security BearerAuth
// @Param    id   path string             true "staff id"
// @Param    body body UpdateStaffRequest true "the change"
// @Success  200 {object} StaffView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Failure  409 {object} httpx.Problem "you cannot lock yourself out"
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/users/{id} [patch]
func (h *StaffHandler) update(c echo.Context) error {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return ErrStaffNotFound
	}
	var req UpdateStaffRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	by, _ := PrincipalFrom(c)
	u, err := h.svc.UpdateStaff(c.Request().Context(), by, id, StaffChange(req))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, staffView(u))
}
