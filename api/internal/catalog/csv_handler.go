package catalog

import (
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

// ImportRoute takes bodies larger than the API's default limit.
const ImportRoute = "/api/v1/admin/products/import"

// MaxImportBytes bounds an uploaded CSV.
const MaxImportBytes = 16 << 20

// ImportResultView says what an import did.
type ImportResultView struct {
	Rows    int  `json:"rows" validate:"required"`
	Created int  `json:"created" validate:"required"`
	Updated int  `json:"updated" validate:"required"`
	DryRun  bool `json:"dry_run" validate:"required"`
} // @name catalog.ImportResult

// exportCSV godoc
// @Summary     Export products as CSV
// @Description Every product, one row each: sku, name, slug, description, category (slug), status, audience, price (decimal), currency, tax_class, stock_on_hand, min_order_qty, order_multiple, weight_grams, length_mm, width_mm, height_mm, specs (JSON list). The same columns import; on an existing product an import changes only the columns the file has.
// @Tags        catalog
// @Produce     text/csv
// @Security    BearerAuth
// @Success     200 {string} string "CSV"
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Router      /api/v1/admin/products/export [get]
func (h *Handler) exportCSV(c echo.Context) error {
	res := c.Response()
	res.Header().Set(echo.HeaderContentType, "text/csv; charset=utf-8")
	res.Header().Set(echo.HeaderContentDisposition, `attachment; filename="products.csv"`)
	res.Header().Set(echo.HeaderCacheControl, "no-store")
	res.WriteHeader(http.StatusOK)
	// Once streaming has begun a failure can only cut the file short; it is logged by the caller.
	return h.svc.ExportProducts(c.Request().Context(), res)
}

// importCSV godoc
// @Summary     Import products from CSV
// @Description Creates or updates products by SKU. Every row is checked first: if any is wrong nothing is written and the 422 lists each bad cell as "rows[N].column" (N as a spreadsheet numbers rows; the header is row 1). Otherwise all rows are applied in one transaction. Required columns: sku, name, status, audience, price, currency. stock_on_hand is used for new products only. Send the file as multipart field "file" or as a text/csv body; dry_run=true checks without writing.
// @Tags        catalog
// @Accept      text/csv,multipart/form-data
// @Produce     json
// @Security    BearerAuth
// @Param       dry_run query bool false "check only"
// @Param       file formData file false "the CSV file (multipart)"
// @Success     200 {object} ImportResultView
// @Failure     401 {object} httpx.Problem
// @Failure     403 {object} httpx.Problem
// @Failure     413 {object} httpx.Problem
// @Failure     415 {object} httpx.Problem
// @Failure     422 {object} httpx.Problem
// @Router      /api/v1/admin/products/import [post]
func (h *Handler) importCSV(c echo.Context) error {
	var body io.Reader
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	switch {
	case mt == "multipart/form-data":
		fh, err := c.FormFile("file")
		if err != nil {
			return apperr.Field("file", "is required: a CSV file in the multipart field \"file\"")
		}
		f, err := fh.Open()
		if err != nil {
			return apperr.Field("file", "could not be read")
		}
		defer f.Close()
		body = f
	case mt == "text/csv" || mt == "text/plain" || strings.HasSuffix(mt, "/csv"):
		body = c.Request().Body
	default:
		return echo.NewHTTPError(http.StatusUnsupportedMediaType, "send the CSV as text/csv or as multipart/form-data field \"file\"")
	}
	res, err := h.svc.ImportProducts(c.Request().Context(), body, c.QueryParam("dry_run") == "true")
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ImportResultView(res))
}
