package catalog

import (
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Handler serves the storefront catalog and the back office's product editing.
type Handler struct {
	svc    *Service
	viewer func(c echo.Context) (Viewer, error) // who is browsing (app knows customer types)
	actor  func(c echo.Context) *uuid.UUID
}

func NewHandler(svc *Service, viewer func(c echo.Context) (Viewer, error), actor func(c echo.Context) *uuid.UUID) *Handler {
	return &Handler{svc: svc, viewer: viewer, actor: actor}
}

// Register adds the routes: browsing for everyone (prices and visibility follow the caller),
// editing for sales/admin, stock for fulfilment/admin.
func (h *Handler) Register(browse, editors, stock *httpx.Routes) {
	browse.GET("/products", h.list)
	browse.GET("/products/:ref", h.get)
	browse.GET("/categories", h.categories)
	browse.GET("/catalogs", h.catalogs)
	browse.GET("/catalogs/:ref", h.catalog)
	editors.GET("/catalogs", h.adminCatalogs)
	editors.GET("/catalogs/:id", h.adminCatalog)
	editors.POST("/catalogs", h.createCatalog)
	editors.PUT("/catalogs/:id", h.updateCatalog)
	editors.POST("/products", h.create)
	editors.GET("/products/export", h.exportCSV)
	editors.POST("/products/import", h.importCSV)
	editors.PUT("/products/:id", h.update)
	editors.POST("/categories", h.createCategory)
	stock.POST("/products/:id/stock", h.adjustStock)
}

// Money is an amount in minor units with its ISO currency. `binding:"required"` only marks the
// amount required in the API docs: 0 is a valid amount, so the validator must not require it.
type Money struct {
	Amount   int64  `json:"amount" validate:"gte=0" binding:"required" example:"1299"`
	Currency string `json:"currency" validate:"required,len=3" example:"USD"`
} // @name Money

// CategoryView is a category.
type CategoryView struct {
	ID       string  `json:"id" validate:"required"`
	ParentID *string `json:"parent_id" extensions:"x-nullable"`
	Slug     string  `json:"slug" validate:"required"`
	Name     string  `json:"name" validate:"required"`
	Position int     `json:"position" validate:"required"`
} // @name catalog.Category

// SpecView is one specification row.
type SpecView struct {
	Group string `json:"group" example:"Electrical"`
	Name  string `json:"name" validate:"required" example:"Voltage"`
	Value string `json:"value" validate:"required" example:"230"`
	Unit  string `json:"unit" example:"V"`
} // @name catalog.Spec

// StockView is availability.
type StockView struct {
	Available int  `json:"available" validate:"required"`
	OnHand    *int `json:"on_hand,omitempty"`  // staff only
	Reserved  *int `json:"reserved,omitempty"` // staff only
} // @name catalog.Stock

// ProductView is a product as the caller may see it (DESIGN §10).
type ProductView struct {
	ID            string        `json:"id" validate:"required"`
	SKU           string        `json:"sku" validate:"required"`
	Slug          string        `json:"slug" validate:"required"`
	Name          string        `json:"name" validate:"required"`
	Description   string        `json:"description" validate:"required"`
	Category      *CategoryView `json:"category" extensions:"x-nullable"`
	Audience      Audience      `json:"audience" validate:"required" enums:"b2c,b2b,both"`
	Status        Status        `json:"status" validate:"required" enums:"draft,active,archived"`
	Price         Money         `json:"price" validate:"required"`             // what the caller pays per unit at quantity 1, before tax
	ListPrice     Money         `json:"list_price" validate:"required"`        // the base price; higher than price when a better rule won
	PriceNotes    []string      `json:"price_explanation" validate:"required"` // which rule gave the price
	Tiers         []TierView    `json:"tiers" validate:"required"`             // the caller's quantity breaks (empty when none)
	TaxClass      string        `json:"tax_class" validate:"required"`
	Stock         StockView     `json:"stock" validate:"required"`
	MinOrderQty   int           `json:"min_order_qty" validate:"required"`
	OrderMultiple int           `json:"order_multiple" validate:"required"`
	WeightGrams   *int          `json:"weight_grams" extensions:"x-nullable"`
	// Packed size in millimetres, when recorded.
	LengthMM   *int            `json:"length_mm" extensions:"x-nullable"`
	WidthMM    *int            `json:"width_mm" extensions:"x-nullable"`
	HeightMM   *int            `json:"height_mm" extensions:"x-nullable"`
	Specs      []SpecView      `json:"specs" validate:"required"`
	Images     []ImageView     `json:"images" validate:"required"`
	Videos     []VideoView     `json:"videos" validate:"required"`
	Datasheets []DatasheetView `json:"datasheets" validate:"required"`
	Version    int             `json:"version" validate:"required"`
	UpdatedAt  time.Time       `json:"updated_at" validate:"required"`
} // @name catalog.Product

// TierView is one quantity break: from min_qty up to max_qty (null: no limit) a unit costs unit_price.
type TierView struct {
	MinQty    int    `json:"min_qty" validate:"required" example:"10"`
	MaxQty    *int   `json:"max_qty" extensions:"x-nullable" example:"49"`
	UnitPrice Money  `json:"unit_price" validate:"required"`
	Source    string `json:"source" validate:"required" example:"Trade price list"`
} // @name catalog.Tier

// withPrice puts the caller's price on a view.
func withPrice(v *ProductView, pr Price) {
	v.Price = Money{Amount: pr.Unit, Currency: pr.Currency}
	v.ListPrice = Money{Amount: pr.List, Currency: pr.Currency}
	v.PriceNotes = pr.Explanation
	if v.PriceNotes == nil {
		v.PriceNotes = []string{}
	}
	v.Tiers = make([]TierView, len(pr.Tiers))
	for i, t := range pr.Tiers {
		v.Tiers[i] = TierView{MinQty: t.MinQty, MaxQty: t.MaxQty, UnitPrice: Money{Amount: t.Unit, Currency: pr.Currency}, Source: t.Source}
	}
}

// priced builds the views of products with the viewer's prices (one pricing call per page).
func (h *Handler) priced(c echo.Context, v Viewer, products []Product) ([]ProductView, error) {
	prices, err := h.svc.Prices(c.Request().Context(), v, products)
	if err != nil {
		return nil, err
	}
	views := make([]ProductView, len(products))
	for i, p := range products {
		views[i] = productView(p, v.Staff)
		withPrice(&views[i], prices[p.ID])
	}
	if err := h.attachMedia(c.Request().Context(), views); err != nil { // one query for the page
		return nil, err
	}
	return views, nil
}

// ProductPage is a page of products.
type ProductPage struct {
	Items      []ProductView `json:"items" validate:"required"`
	NextCursor *string       `json:"next_cursor" extensions:"x-nullable"`
} // @name catalog.ProductPage

func categoryView(c *Category) *CategoryView {
	if c == nil {
		return nil
	}
	v := &CategoryView{ID: c.ID.String(), Slug: c.Slug, Name: c.Name, Position: c.Position}
	if c.ParentID != nil {
		s := c.ParentID.String()
		v.ParentID = &s
	}
	return v
}

func productView(p Product, staff bool) ProductView {
	v := ProductView{ID: p.ID.String(), SKU: p.SKU, Slug: p.Slug, Name: p.Name, Description: p.Description, Category: categoryView(p.Category),
		Audience: p.Audience, Status: p.Status, Price: Money{Amount: p.PriceAmount, Currency: p.Currency}, TaxClass: p.TaxClass,
		Stock: StockView{Available: max(p.Available(), 0)}, MinOrderQty: p.MinOrderQty, OrderMultiple: p.OrderMultiple, WeightGrams: p.WeightGrams,
		LengthMM: p.LengthMM, WidthMM: p.WidthMM, HeightMM: p.HeightMM,
		Specs: make([]SpecView, len(p.Specs)), Images: []ImageView{}, Videos: []VideoView{}, Datasheets: []DatasheetView{}, Version: p.Version, UpdatedAt: p.UpdatedAt}
	withPrice(&v, Price{Unit: p.PriceAmount, List: p.PriceAmount, Currency: p.Currency, Explanation: []string{"List price"}})
	if staff {
		onHand, reserved := p.StockOnHand, p.StockReserved
		v.Stock.OnHand, v.Stock.Reserved = &onHand, &reserved
	}
	for i, s := range p.Specs {
		v.Specs[i] = SpecView{Group: s.Group, Name: s.Name, Value: s.Value, Unit: s.Unit}
	}
	return v
}

// list godoc
// @Summary     Browse products
// @Description Products the caller may buy: guests and consumers see consumer products, business customers business products, with their prices (price = the caller's unit price at quantity 1; list_price = base price; price_explanation says which rule won; the price filters and price sorts use the list price). Full-text search over name, SKU and description (prefix matching, so it works as you type).
// @Tags        catalog
// @Produce     json
// @Param       q         query string false "search text"
// @Param       category  query string false "category slug"
// @Param       catalog   query string false "catalog slug or id: only its products"
// @Param       audience  query string false "only products for this audience (among those the caller may see)" Enums(b2c, b2b, both)
// @Param       status    query []string false "staff only: statuses (default active)" collectionFormat(multi)
// @Param       min_price query int    false "minor units"
// @Param       max_price query int    false "minor units"
// @Param       in_stock  query bool   false "only what is available now"
// @Param       sort      query string false "relevance (with q), newest, price_asc, price_desc" Enums(relevance, newest, price_asc, price_desc)
// @Param       cursor    query string false "next_cursor of the previous page"
// @Param       page_size query int    false "1–100, default 20"
// @Success     200 {object} ProductPage
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/products [get]
func (h *Handler) list(c echo.Context) error {
	v, err := h.viewer(c)
	if err != nil {
		return err
	}
	pr, err := httpx.ParsePage(c)
	if err != nil {
		return err
	}
	q := Query{Text: c.QueryParam("q"), Sort: Sort(c.QueryParam("sort")), Limit: pr.PageSize + 1, InStock: c.QueryParam("in_stock") == "true"}
	switch q.Sort {
	case "":
		q.Sort = SortRelevance
	case SortRelevance, SortNewest, SortPriceAsc, SortPriceDesc:
	default:
		return apperr.Field("sort", "must be relevance, newest, price_asc or price_desc")
	}
	for name, dst := range map[string]**int64{"min_price": &q.MinPrice, "max_price": &q.MaxPrice} {
		if s := c.QueryParam(name); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n < 0 {
				return apperr.Field(name, "must be a whole number of minor units ≥ 0")
			}
			*dst = &n
		}
	}
	if slug := c.QueryParam("category"); slug != "" {
		cat, err := h.svc.CategoryBySlug(c.Request().Context(), slug)
		if err != nil {
			return apperr.Field("category", "is not a category slug")
		}
		q.CategoryID = &cat.ID
	}
	if ref := c.QueryParam("catalog"); ref != "" {
		cat, err := h.svc.VisibleCatalog(c.Request().Context(), v, ref)
		if err != nil {
			return apperr.Field("catalog", "is not a catalog you can see")
		}
		q.CatalogID = &cat.ID
	}
	if v.Staff {
		for _, st := range c.QueryParams()["status"] {
			switch Status(st) {
			case Draft, Active, Archived:
				q.Statuses = append(q.Statuses, Status(st))
			default:
				return apperr.Field("status", "must be draft, active or archived")
			}
		}
	}
	if a := c.QueryParam("audience"); a != "" {
		switch Audience(a) {
		case B2C, B2B, Both:
			q.Audience = Audience(a)
		default:
			return apperr.Field("audience", "must be b2c, b2b or both")
		}
	}
	if pr.Cursor != "" {
		if err := httpx.DecodeCursor(pr.Cursor, &q.After); err != nil {
			return err
		}
	}
	rows, err := h.svc.Browse(c.Request().Context(), v, q)
	if err != nil {
		return err
	}
	views, err := h.priced(c, v, rows)
	if err != nil {
		return err
	}
	relevance := q.Sort == SortRelevance && len(terms(q.Text)) > 0
	page := httpx.NewPage(views, pr.PageSize, func(p ProductView) any {
		if relevance {
			return Cursor{Offset: q.After.Offset + pr.PageSize}
		}
		return Cursor{Price: p.ListPrice.Amount, ID: p.ID}
	})
	return c.JSON(http.StatusOK, ProductPage{Items: page.Items, NextCursor: page.NextCursor})
}

// get godoc
// @Summary  One product
// @Tags     catalog
// @Produce  json
// @Param    ref path string true "product id or slug"
// @Success  200 {object} ProductView
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/products/{ref} [get]
func (h *Handler) get(c echo.Context) error {
	v, err := h.viewer(c)
	if err != nil {
		return err
	}
	p, err := h.svc.Product(c.Request().Context(), v, c.Param("ref"))
	if err != nil {
		return err
	}
	views, err := h.priced(c, v, []Product{p})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, views[0])
}

// CategoryList lists categories.
type CategoryList struct {
	Items []CategoryView `json:"items" validate:"required"`
} // @name catalog.CategoryList

// categories godoc
// @Summary  Categories
// @Description Every category, in display order; parent_id builds the tree.
// @Tags     catalog
// @Produce  json
// @Success  200 {object} CategoryList
// @Router   /api/v1/categories [get]
func (h *Handler) categories(c echo.Context) error {
	cats, err := h.svc.Categories(c.Request().Context())
	if err != nil {
		return err
	}
	out := CategoryList{Items: make([]CategoryView, len(cats))}
	for i := range cats {
		out.Items[i] = *categoryView(&cats[i])
	}
	return c.JSON(http.StatusOK, out)
}

// ProductRequest is a product as staff write it.
type ProductRequest struct {
	SKU           string     `json:"sku" validate:"required,max=40" example:"DRL-230-PRO"`
	Slug          string     `json:"slug" validate:"max=120"`
	Name          string     `json:"name" validate:"required,max=200"`
	Description   string     `json:"description" validate:"max=20000"`
	CategoryID    *uuid.UUID `json:"category_id" swaggertype:"string"`
	Status        Status     `json:"status" validate:"required,oneof=draft active archived" enums:"draft,active,archived"`
	Audience      Audience   `json:"audience" validate:"required,oneof=b2c b2b both" enums:"b2c,b2b,both"`
	Price         Money      `json:"price" validate:"required"`
	TaxClass      string     `json:"tax_class" validate:"max=40"`
	StockOnHand   int        `json:"stock_on_hand" validate:"gte=0"`
	MinOrderQty   int        `json:"min_order_qty" validate:"gte=0"`
	OrderMultiple int        `json:"order_multiple" validate:"gte=0"`
	WeightGrams   *int       `json:"weight_grams" validate:"omitempty,gte=0"`
	// Packed size in millimetres (each optional).
	LengthMM *int       `json:"length_mm" validate:"omitempty,gte=0"`
	WidthMM  *int       `json:"width_mm" validate:"omitempty,gte=0"`
	HeightMM *int       `json:"height_mm" validate:"omitempty,gte=0"`
	Specs    []SpecView `json:"specs" validate:"max=200,dive"`
	// Version is required on update: the version that was read (optimistic locking).
	Version int `json:"version"`
} // @name catalog.ProductRequest

func (r ProductRequest) input() ProductInput {
	in := ProductInput{SKU: r.SKU, Slug: r.Slug, Name: r.Name, Description: r.Description, CategoryID: r.CategoryID, Status: r.Status,
		Audience: r.Audience, PriceAmount: r.Price.Amount, Currency: r.Price.Currency, TaxClass: r.TaxClass, StockOnHand: r.StockOnHand,
		MinOrderQty: r.MinOrderQty, OrderMultiple: r.OrderMultiple, WeightGrams: r.WeightGrams,
		LengthMM: r.LengthMM, WidthMM: r.WidthMM, HeightMM: r.HeightMM}
	for _, s := range r.Specs {
		in.Specs = append(in.Specs, Spec{Group: s.Group, Name: s.Name, Value: s.Value, Unit: s.Unit})
	}
	return in
}

// create godoc
// @Summary  Create a product
// @Tags     catalog
// @Accept   json
// @Produce  json
// @Security BearerAuth
// @Param    body body ProductRequest true "the product"
// @Success  201 {object} ProductView
// @Failure  400 {object} httpx.Problem
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  409 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/products [post]
func (h *Handler) create(c echo.Context) error {
	var req ProductRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	p, err := h.svc.CreateProduct(c.Request().Context(), req.input())
	if err != nil {
		return err
	}
	return h.staffView(c, p, http.StatusCreated)
}

// update godoc
// @Summary     Replace a product
// @Description Send the version you read; if someone changed the product since, the answer is 409 and nothing changes.
// @Tags        catalog
// @Accept      json
// @Produce     json
// @Security    BearerAuth
// @Param       id   path string         true "product id"
// @Param       body body ProductRequest true "the product, with version"
// @Success     200 {object} ProductView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     404 {object} httpx.Problem
// @Failure     409 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/products/{id} [put]
func (h *Handler) update(c echo.Context) error {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return ErrProductNotFound
	}
	var req ProductRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	if req.Version < 1 {
		return apperr.Field("version", "is required: the version you read")
	}
	p, err := h.svc.UpdateProduct(c.Request().Context(), id, req.Version, req.input())
	if err != nil {
		return err
	}
	return h.staffView(c, p, http.StatusOK)
}

// StockRequest changes stock on hand.
type StockRequest struct {
	Delta  int    `json:"delta" validate:"required" example:"-3"`
	Reason string `json:"reason" validate:"required,max=200" example:"3 damaged in the warehouse"`
} // @name catalog.StockRequest

// adjustStock godoc
// @Summary  Adjust stock on hand
// @Tags     catalog
// @Accept   json
// @Produce  json
// @Security BearerAuth
// @Param    id   path string       true "product id"
// @Param    body body StockRequest true "change and reason"
// @Success  200 {object} ProductView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Failure  409 {object} httpx.Problem "would go below reserved stock"
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/products/{id}/stock [post]
func (h *Handler) adjustStock(c echo.Context) error {
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return ErrProductNotFound
	}
	var req StockRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	p, err := h.svc.AdjustStock(c.Request().Context(), id, req.Delta, req.Reason, h.actor(c))
	if err != nil {
		return err
	}
	return h.staffView(c, p, http.StatusOK)
}

// CategoryRequest creates a category.
type CategoryRequest struct {
	Name     string     `json:"name" validate:"required,max=100"`
	Slug     string     `json:"slug" validate:"max=100"`
	ParentID *uuid.UUID `json:"parent_id" swaggertype:"string"`
	Position int        `json:"position"`
} // @name catalog.CategoryRequest

// createCategory godoc
// @Summary  Create a category
// @Tags     catalog
// @Accept   json
// @Produce  json
// @Security BearerAuth
// @Param    body body CategoryRequest true "the category"
// @Success  201 {object} CategoryView
// @Failure  401 {object} httpx.Problem
// @Failure  403 {object} httpx.Problem
// @Failure  409 {object} httpx.Problem
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/admin/categories [post]
func (h *Handler) createCategory(c echo.Context) error {
	var req CategoryRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	cat, err := h.svc.CreateCategory(c.Request().Context(), req.Name, req.Slug, req.ParentID, req.Position)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, categoryView(&cat))
}

// staffView answers an edit with the product as staff see it, media included.
func (h *Handler) staffView(c echo.Context, p Product, status int) error {
	views := []ProductView{productView(p, true)}
	if err := h.attachMedia(c.Request().Context(), views); err != nil {
		return err
	}
	return c.JSON(status, views[0])
}
