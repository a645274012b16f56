package customers

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/httpx"
)

// GroupsHandler serves customer-group administration (sales and admin staff).
type GroupsHandler struct{ groups *Groups }

func NewGroupsHandler(g *Groups) *GroupsHandler { return &GroupsHandler{groups: g} }

// Register adds the routes to a staff route set (under /admin).
func (h *GroupsHandler) Register(staff *httpx.Routes) {
	staff.GET("/customer-groups", h.list)
	staff.POST("/customer-groups", h.create)
	staff.GET("/customer-groups/:id/members", h.members)
	staff.POST("/customer-groups/:id/members", h.addMember)
	staff.DELETE("/customer-groups/:id/members/:customer_id", h.removeMember)
}

// GroupView is a customer group.
type GroupView struct {
	ID          string    `json:"id" validate:"required"`
	Code        string    `json:"code" validate:"required" example:"trade"`
	Name        string    `json:"name" validate:"required" example:"Trade customers"`
	Description string    `json:"description" validate:"required"`
	Members     int64     `json:"members" validate:"required"`
	CreatedAt   time.Time `json:"created_at" validate:"required"`
} // @name customers.Group

// GroupList lists groups.
type GroupList struct {
	Items []GroupView `json:"items" validate:"required"`
} // @name customers.GroupList

// NewGroupRequest creates a group.
type NewGroupRequest struct {
	Code        string `json:"code" validate:"required" example:"trade"`
	Name        string `json:"name" validate:"required" example:"Trade customers"`
	Description string `json:"description"`
} // @name customers.NewGroupRequest

// MemberView is a customer in a group.
type MemberView struct {
	ID      string `json:"id" validate:"required"`
	LoginID string `json:"login_id" validate:"required" example:"C000123"`
	Name    string `json:"name" validate:"required"`
	Email   string `json:"email" validate:"required"`
	Type    Type   `json:"type" validate:"required" enums:"consumer,business"`
} // @name customers.GroupMember

// MemberList lists a group's members.
type MemberList struct {
	Items []MemberView `json:"items" validate:"required"`
} // @name customers.GroupMemberList

// AddMemberRequest names a customer by Login ID or email.
type AddMemberRequest struct {
	Customer string `json:"customer" validate:"required" example:"C000123"`
} // @name customers.AddMemberRequest

func memberView(c Customer) MemberView {
	return MemberView{ID: c.ID.String(), LoginID: c.LoginID, Name: c.Name, Email: c.Email, Type: c.Type}
}

func groupID(c echo.Context) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return uuid.Nil, ErrGroupNotFound
	}
	return id, nil
}

// list godoc
// @Summary  Customer groups
// @Tags     customer-groups
// @Produce  json
// @Security BearerAuth
// @Success  200 {object} GroupList
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Router   /api/v1/admin/customer-groups [get]
func (h *GroupsHandler) list(c echo.Context) error {
	groups, err := h.groups.List(c.Request().Context())
	if err != nil {
		return err
	}
	out := GroupList{Items: make([]GroupView, len(groups))}
	for i, g := range groups {
		out.Items[i] = GroupView{ID: g.ID.String(), Code: g.Code, Name: g.Name, Description: g.Description, Members: g.Members, CreatedAt: g.CreatedAt}
	}
	return c.JSON(http.StatusOK, out)
}

// create godoc
// @Summary  Create a customer group
// @Tags     customer-groups
// @Accept   json
// @Produce  json
// @Security BearerAuth
// @Param    body body NewGroupRequest true "the group"
// @Success  201 {object} GroupView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  409 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/customer-groups [post]
func (h *GroupsHandler) create(c echo.Context) error {
	var req NewGroupRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	g, err := h.groups.Create(c.Request().Context(), req.Code, req.Name, req.Description)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, GroupView{ID: g.ID.String(), Code: g.Code, Name: g.Name, Description: g.Description, CreatedAt: g.CreatedAt})
}

// members godoc
// @Summary  Members of a customer group
// @Tags     customer-groups
// @Produce  json
// @Security BearerAuth
// @Param    id path string true "group id"
// @Success  200 {object} MemberList
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/customer-groups/{id}/members [get]
func (h *GroupsHandler) members(c echo.Context) error {
	id, err := groupID(c)
	if err != nil {
		return err
	}
	ms, err := h.groups.Members(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := MemberList{Items: make([]MemberView, len(ms))}
	for i, m := range ms {
		out.Items[i] = memberView(m)
	}
	return c.JSON(http.StatusOK, out)
}

// addMember godoc
// @Summary  Add a customer to a group
// @Tags     customer-groups
// @Accept   json
// @Produce  json
// @Security BearerAuth
// @Param    id   path string           true "group id"
// @Param    body body AddMemberRequest true "Login ID or email"
// @Success  200 {object} MemberView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/customer-groups/{id}/members [post]
func (h *GroupsHandler) addMember(c echo.Context) error {
	id, err := groupID(c)
	if err != nil {
		return err
	}
	var req AddMemberRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	m, err := h.groups.AddMember(c.Request().Context(), id, req.Customer)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, memberView(m))
}

// removeMember godoc
// @Summary  Remove a customer from a group
// @Tags     customer-groups
// @Security BearerAuth
// @Param    id          path string true "group id"
// @Param    customer_id path string true "customer id"
// @Success  204
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/customer-groups/{id}/members/{customer_id} [delete]
func (h *GroupsHandler) removeMember(c echo.Context) error {
	id, err := groupID(c)
	if err != nil {
		return err
	}
	cid, err := uuid.Parse(c.Param("customer_id"))
	if err != nil {
		return ErrNotFound
	}
	if err := h.groups.RemoveMember(c.Request().Context(), id, cid); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
