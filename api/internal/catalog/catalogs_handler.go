package catalog

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// CatalogView is a catalog as a customer sees it.
type CatalogView struct {
	ID          string     `json:"id" validate:"required"`
	Slug        string     `json:"slug" validate:"required" example:"spring-2027-trade"`
	Name        string     `json:"name" validate:"required" example:"Spring 2027 trade catalog"`
	Description string     `json:"description" validate:"required"`
	Audience    Audience   `json:"audience" validate:"required" enums:"b2c,b2b,both"`
	ValidFrom   *time.Time `json:"valid_from" extensions:"x-nullable"`
	ValidTo     *time.Time `json:"valid_to" extensions:"x-nullable"`
	Products    int64      `json:"products" validate:"required"` // how many of its products the caller can see
	Active      bool       `json:"active" validate:"required"`   // always true for customers: they only see active catalogs
} // @name catalog.Catalog

// CatalogList lists catalogs.
type CatalogList struct {
	Items []CatalogView `json:"items" validate:"required"`
} // @name catalog.CatalogList

// CatalogProductView is a product in a catalog (staff view).
type CatalogProductView struct {
	ProductID string `json:"product_id" validate:"required"`
	Price     *Money `json:"price" extensions:"x-nullable"` // the catalog's own price, if any
} // @name catalog.CatalogProduct

// CatalogDetailView is a catalog with everything staff edit.
type CatalogDetailView struct {
	CatalogView
	Groups    []string             `json:"groups" validate:"required"`
	Items     []CatalogProductView `json:"items" validate:"required"`
	Version   int                  `json:"version" validate:"required"`
	UpdatedAt time.Time            `json:"updated_at" validate:"required"`
} // @name catalog.CatalogDetail

// CatalogItemRequest puts a product in a catalog, optionally at its own price (minor units, in
// the product's currency).
type CatalogItemRequest struct {
	ProductID   uuid.UUID `json:"product_id" validate:"required" swaggertype:"string"`
	PriceAmount *int64    `json:"price_amount" validate:"omitempty,gte=0"`
} // @name catalog.CatalogItemRequest

// CatalogRequest is a catalog as staff write it; items are in display order.
type CatalogRequest struct {
	Name        string               `json:"name" validate:"required,max=120"`
	Slug        string               `json:"slug" validate:"max=120"`
	Description string               `json:"description" validate:"max=5000"`
	Audience    Audience             `json:"audience" validate:"required,oneof=b2c b2b both" enums:"b2c,b2b,both"`
	ValidFrom   *time.Time           `json:"valid_from"`
	ValidTo     *time.Time           `json:"valid_to"`
	Active      bool                 `json:"active"`
	Groups      []uuid.UUID          `json:"groups" validate:"max=100" swaggertype:"array,string"`
	Items       []CatalogItemRequest `json:"items" validate:"max=5000,dive"`
	// Version is required on update: the version that was read.
	Version int `json:"version"`
} // @name catalog.CatalogRequest

func (r CatalogRequest) input() CatalogInput {
	in := CatalogInput{Name: r.Name, Slug: r.Slug, Description: r.Description, Audience: r.Audience, ValidFrom: r.ValidFrom,
		ValidTo: r.ValidTo, Active: r.Active, Groups: r.Groups}
	for _, it := range r.Items {
		in.Products = append(in.Products, CatalogProduct{ProductID: it.ProductID, PriceAmount: it.PriceAmount})
	}
	return in
}

func catalogView(c Catalog, products int64) CatalogView {
	return CatalogView{ID: c.ID.String(), Slug: c.Slug, Name: c.Name, Description: c.Description, Audience: c.Audience,
		ValidFrom: c.ValidFrom, ValidTo: c.ValidTo, Products: products, Active: c.Active}
}

// catalogs godoc
// @Summary     Catalogs for the caller
// @Description Catalogs valid for the caller today (audience, customer groups, validity window). Their products: GET /api/v1/products?catalog={slug}.
// @Tags        catalog
// @Produce     json
// @Success     200 {object} CatalogList
// @Router      /api/v1/catalogs [get]
func (h *Handler) catalogs(c echo.Context) error {
	v, err := h.viewer(c)
	if err != nil {
		return err
	}
	if v.Staff {
		v = Viewer{} // the storefront list shows staff what a guest sees; the back office uses /admin/catalogs
	}
	cats, err := h.svc.Catalogs(c.Request().Context(), v)
	if err != nil {
		return err
	}
	out := CatalogList{Items: make([]CatalogView, len(cats))}
	for i, cat := range cats {
		out.Items[i] = catalogView(cat.Catalog, cat.Products)
	}
	return c.JSON(http.StatusOK, out)
}

// catalog godoc
// @Summary  One catalog for the caller
// @Tags     catalog
// @Produce  json
// @Param    ref path string true "catalog id or slug"
// @Success  200 {object} CatalogView
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/catalogs/{ref} [get]
func (h *Handler) catalog(c echo.Context) error {
	v, err := h.viewer(c)
	if err != nil {
		return err
	}
	cat, err := h.svc.VisibleCatalog(c.Request().Context(), v, c.Param("ref"))
	if err != nil {
		return err
	}
	cats, err := h.svc.Catalogs(c.Request().Context(), v)
	if err != nil {
		return err
	}
	for _, s := range cats {
		if s.ID == cat.ID {
			return c.JSON(http.StatusOK, catalogView(s.Catalog, s.Products))
		}
	}
	return ErrCatalogNotFound
}

// adminCatalogs godoc
// @Summary  Every catalog (staff)
// @Tags     catalog
// @Produce  json
// @Security BearerAuth
// @Success  200 {object} CatalogList
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Router   /api/v1/admin/catalogs [get]
func (h *Handler) adminCatalogs(c echo.Context) error {
	cats, err := h.svc.Catalogs(c.Request().Context(), Viewer{Staff: true})
	if err != nil {
		return err
	}
	out := CatalogList{Items: make([]CatalogView, len(cats))}
	for i, cat := range cats {
		out.Items[i] = catalogView(cat.Catalog, cat.Products)
	}
	return c.JSON(http.StatusOK, out)
}

func (h *Handler) detail(c echo.Context, id uuid.UUID, status int) error {
	d, err := h.svc.CatalogForStaff(c.Request().Context(), id)
	if err != nil {
		return err
	}
	prices, err := h.svc.productCurrencies(c.Request().Context(), d.Products)
	if err != nil {
		return err
	}
	out := CatalogDetailView{CatalogView: catalogView(d.Catalog, int64(len(d.Products))), Groups: make([]string, len(d.Groups)),
		Items: make([]CatalogProductView, len(d.Products)), Version: d.Version, UpdatedAt: d.UpdatedAt}
	for i, g := range d.Groups {
		out.Groups[i] = g.String()
	}
	for i, p := range d.Products {
		out.Items[i] = CatalogProductView{ProductID: p.ProductID.String()}
		if p.PriceAmount != nil {
			out.Items[i].Price = &Money{Amount: *p.PriceAmount, Currency: prices[p.ProductID]}
		}
	}
	return c.JSON(status, out)
}

// adminCatalog godoc
// @Summary  One catalog with its groups and products (staff)
// @Tags     catalog
// @Produce  json
// @Security BearerAuth
// @Param    id path string true "catalog id"
// @Success  200 {object} CatalogDetailView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/admin/catalogs/{id} [get]
func (h *Handler) adminCatalog(c echo.Context) error {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return ErrCatalogNotFound
	}
	return h.detail(c, id, http.StatusOK)
}

// createCatalog godoc
// @Summary  Create a catalog
// @Tags     catalog
// @Accept   json
// @Produce  json
// @Security BearerAuth
// @Param    body body CatalogRequest true "the catalog"
// @Success  201 {object} CatalogDetailView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  409 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/catalogs [post]
func (h *Handler) createCatalog(c echo.Context) error {
	var req CatalogRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	cat, err := h.svc.SaveCatalog(c.Request().Context(), nil, 0, req.input())
	if err != nil {
		return err
	}
	return h.detail(c, cat.ID, http.StatusCreated)
}

// updateCatalog godoc
// @Summary     Replace a catalog
// @Description Send the version you read; a stale version is a 409 and nothing changes.
// @Tags        catalog
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       id   path string         true "catalog id"
// @Param       body body CatalogRequest true "the catalog, with version"
// @Success     200 {object} CatalogDetailView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/catalogs/{id} [put]
func (h *Handler) updateCatalog(c echo.Context) error {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return ErrCatalogNotFound
	}
	var req CatalogRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	if req.Version < 1 {
		return apperr.Field("version", "is required: the version you read")
	}
	if _, err := h.svc.SaveCatalog(c.Request().Context(), &id, req.Version, req.input()); err != nil {
		return err
	}
	return h.detail(c, id, http.StatusOK)
}
