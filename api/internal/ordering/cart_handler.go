package ordering

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// CartLineView is one priced cart line.
type CartLineView struct {
	ProductID   string         `json:"product_id" validate:"required"`
	SKU         string         `json:"sku" validate:"required"`
	Slug        string         `json:"slug" validate:"required"`
	Name        string         `json:"name" validate:"required"`
	Quantity    int            `json:"quantity" validate:"required"`
	UnitPrice   *catalog.Money `json:"unit_price" extensions:"x-nullable"`
	ListPrice   *catalog.Money `json:"list_unit_price" extensions:"x-nullable"`
	Total       *catalog.Money `json:"total" extensions:"x-nullable"` // with tax
	Explanation []string       `json:"explanation" validate:"required"`
	Available   int            `json:"available" validate:"required"`
	MinOrderQty int            `json:"min_order_qty" validate:"required"`
	PackSize    int            `json:"order_multiple" validate:"required"`
	Warnings    []string       `json:"warnings" validate:"required"` // what stops this line being ordered as it is
} // @name ordering.CartLine

// CartView is the customer's cart, priced for them now.
type CartView struct {
	Items  []CartLineView `json:"items" validate:"required"`
	Totals *TotalsView    `json:"totals" extensions:"x-nullable"` // shipping excluded: it depends on the priority chosen at checkout
	Issues []string       `json:"issues" validate:"required"`
} // @name ordering.Cart

// CartItemRequest sets a quantity.
type CartItemRequest struct {
	Quantity int `json:"quantity" validate:"gte=0,lte=1000000" example:"3"` // 0 removes the product
} // @name ordering.CartItemRequest

// RegisterCart adds the cart routes (signed-in customers).
func (h *Handler) RegisterCart(authed *httpx.Routes) {
	authed.GET("/cart", h.cart)
	authed.PUT("/cart/items/:sku", h.setCartItem)
	authed.DELETE("/cart/items/:sku", h.removeCartItem)
	authed.DELETE("/cart", h.clearCart)
}

func cartView(c Cart) CartView {
	v := CartView{Items: make([]CartLineView, len(c.Lines)), Issues: c.Issues}
	for i, l := range c.Lines {
		p := l.Product
		lv := CartLineView{ProductID: p.ID.String(), SKU: p.SKU, Slug: p.Slug, Name: p.Name, Quantity: l.Quantity, Explanation: []string{},
			Available: max(p.Available(), 0), MinOrderQty: p.MinOrderQty, PackSize: p.OrderMultiple, Warnings: l.Warnings}
		if q := l.Quote; q != nil {
			lv.UnitPrice, lv.ListPrice = &catalog.Money{Amount: q.Unit, Currency: p.Currency}, &catalog.Money{Amount: q.ListUnit, Currency: p.Currency}
			lv.Total = &catalog.Money{Amount: q.Total, Currency: p.Currency}
			lv.Explanation = q.Explanation
		}
		v.Items[i] = lv
	}
	if q := c.Quote; q != nil {
		v.Totals = &TotalsView{Subtotal: q.Subtotal, Discount: q.Discount, Tax: q.Tax, Total: q.Total, Currency: q.Currency}
	}
	return v
}

// cart godoc
// @Summary     My cart
// @Description The cart is kept on the server (it follows you across devices), priced for you now; each line says what would stop it being ordered as it is.
// @Tags        cart
// @Produce     json
// @Security    BearerAuth
// @Param       coupon_code query string false "price with this coupon"
// @Success     200 {object} CartView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem "the coupon cannot be used"
// @Router      /api/v1/cart [get]
func (h *Handler) cart(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	cart, err := h.svc.Cart(c.Request().Context(), b, c.QueryParam("coupon_code"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cartView(cart))
}

// setCartItem godoc
// @Summary  Put a product in my cart (or change its quantity)
// @Tags     cart
// @Accept   json
// @Produce  json
// @Security BearerAuth
// @Param    sku  path string          true "product SKU"
// @Param    body body CartItemRequest true "quantity (0 removes)"
// @Success  200 {object} CartView
// @Failure  401 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Failure  409 {object} httpx.Problem "cart full"
// @Failure  422 {object} httpx.Problem
// @Router   /api/v1/cart/items/{sku} [put]
func (h *Handler) setCartItem(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	var req CartItemRequest
	if err := httpx.Bind(c, &req); err != nil {
		return err
	}
	if err := h.svc.SetCartItem(c.Request().Context(), b, c.Param("sku"), req.Quantity); err != nil {
		return err
	}
	return h.cart(c)
}

// removeCartItem godoc
// @Summary  Take a product out of my cart
// @Tags     cart
// @Produce  json
// @Security BearerAuth
// @Param    sku path string true "product SKU"
// @Success  200 {object} CartView
// @Failure  401 {object} httpx.Problem
// @Failure  404 {object} httpx.Problem
// @Router   /api/v1/cart/items/{sku} [delete]
func (h *Handler) removeCartItem(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	if err := h.svc.SetCartItem(c.Request().Context(), b, c.Param("sku"), 0); err != nil {
		return err
	}
	return h.cart(c)
}

// clearCart godoc
// @Summary  Empty my cart
// @Tags     cart
// @Security BearerAuth
// @Success  204
// @Failure  401 {object} httpx.Problem
// @Router   /api/v1/cart [delete]
func (h *Handler) clearCart(c echo.Context) error {
	b, err := h.buyer(c)
	if err != nil {
		return err
	}
	if err := h.svc.ClearCart(c.Request().Context(), b.CustomerID); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
