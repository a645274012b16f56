package catalog

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/platform/apperr"
)

// CSV columns, in export order. Import needs the required ones and accepts the others in any
// order; unknown columns are an error (a typo would otherwise silently drop data).
var csvColumns = []string{"sku", "name", "slug", "description", "category", "status", "audience", "price", "currency",
	"tax_class", "stock_on_hand", "min_order_qty", "order_multiple", "weight_grams", "length_mm", "width_mm", "height_mm", "specs"}

var csvRequired = []string{"sku", "name", "status", "audience", "price", "currency"}

// MaxImportRows bounds one import (the body limit bounds its bytes).
const MaxImportRows = 20000

// zeroDecimal lists ISO 4217 currencies without minor units; every other currency has two.
var zeroDecimal = map[string]bool{"BIF": true, "CLP": true, "DJF": true, "GNF": true, "ISK": true, "JPY": true, "KMF": true,
	"KRW": true, "PYG": true, "RWF": true, "UGX": true, "VND": true, "VUV": true, "XAF": true, "XOF": true, "XPF": true}

// ParseAmount reads a decimal price ("12.5", "12.50", "1299" for JPY) into minor units without
// floating point, so "0.29" is 29 and never 28.
func ParseAmount(s, currency string) (int64, error) {
	s = strings.TrimSpace(s)
	digits := 2
	if zeroDecimal[strings.ToUpper(currency)] {
		digits = 0
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" || (hasFrac && frac == "") {
		return 0, errors.New("must be a decimal number like 12.99 (no currency sign or thousands separator)")
	}
	if len(frac) > digits {
		return 0, fmt.Errorf("has more than %d decimals", digits)
	}
	frac += strings.Repeat("0", digits-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil || len(whole) > 15 {
		return 0, errors.New("is too large")
	}
	return n, nil
}

// FormatAmount writes minor units as a decimal string (the inverse of ParseAmount).
func FormatAmount(minor int64, currency string) string {
	if zeroDecimal[strings.ToUpper(currency)] {
		return strconv.FormatInt(minor, 10)
	}
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	return fmt.Sprintf("%s%d.%02d", sign, minor/100, minor%100)
}

// ExportProducts writes every product as CSV (UTF-8, header row), streaming in batches.
func (s *Service) ExportProducts(ctx context.Context, w io.Writer) error {
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return err
	}
	slugs := make(map[uuid.UUID]string, len(cats))
	for _, c := range cats {
		slugs[c.ID] = c.Slug
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(csvColumns); err != nil {
		return fmt.Errorf("export products: %w", err)
	}
	var after uuid.UUID
	for {
		var batch []Product
		q := s.store.db.WithContext(ctx).Preload("Specs", func(db *gorm.DB) *gorm.DB { return db.Order("position") }).Order("id").Limit(500)
		if after != uuid.Nil {
			q = q.Where("id > ?", after)
		}
		if err := q.Find(&batch).Error; err != nil {
			return fmt.Errorf("export products: %w", err)
		}
		for _, p := range batch {
			if err := cw.Write(csvRecord(p, slugs)); err != nil {
				return fmt.Errorf("export products: %w", err)
			}
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return fmt.Errorf("export products: %w", err)
		}
		if len(batch) < 500 {
			return nil
		}
		after = batch[len(batch)-1].ID
	}
}

type csvSpec struct {
	Group string `json:"group,omitempty"`
	Name  string `json:"name"`
	Value string `json:"value"`
	Unit  string `json:"unit,omitempty"`
}

// importUpdates is what an import row changes in an existing product: the required columns, and
// of the others only those the file has — a file without, say, the dimension columns (one
// exported before they existed) leaves them as they are. Stock is never imported onto an
// existing product: it moves through stock adjustments, with a reason.
func importUpdates(p Product, has func(column string) bool, now time.Time) map[string]any {
	u := map[string]any{"name": p.Name, "status": p.Status, "audience": p.Audience, "price_amount": p.PriceAmount, "currency": p.Currency,
		"version": gorm.Expr("version + 1"), "updated_at": now}
	for _, c := range []struct {
		column, field string
		value         any
	}{
		{"slug", "slug", p.Slug}, {"description", "description", p.Description}, {"category", "category_id", p.CategoryID},
		{"tax_class", "tax_class", p.TaxClass}, {"min_order_qty", "min_order_qty", p.MinOrderQty}, {"order_multiple", "order_multiple", p.OrderMultiple},
		{"weight_grams", "weight_grams", p.WeightGrams}, {"length_mm", "length_mm", p.LengthMM}, {"width_mm", "width_mm", p.WidthMM},
		{"height_mm", "height_mm", p.HeightMM},
	} {
		if has(c.column) {
			u[c.field] = c.value
		}
	}
	return u
}

// optionalInt is a nullable number's cell: empty when not recorded.
func optionalInt(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func csvRecord(p Product, slugs map[uuid.UUID]string) []string {
	cat := ""
	if p.CategoryID != nil {
		cat = slugs[*p.CategoryID]
	}
	specs := ""
	if len(p.Specs) > 0 {
		out := make([]csvSpec, len(p.Specs))
		for i, s := range p.Specs {
			out[i] = csvSpec{Group: s.Group, Name: s.Name, Value: s.Value, Unit: s.Unit}
		}
		raw, _ := json.Marshal(out)
		specs = string(raw)
	}
	return []string{p.SKU, p.Name, p.Slug, SafeCell(p.Description), cat, string(p.Status), string(p.Audience), FormatAmount(p.PriceAmount, p.Currency),
		p.Currency, p.TaxClass, strconv.Itoa(p.StockOnHand), strconv.Itoa(p.MinOrderQty), strconv.Itoa(p.OrderMultiple), optionalInt(p.WeightGrams),
		optionalInt(p.LengthMM), optionalInt(p.WidthMM), optionalInt(p.HeightMM), specs}
}

// SafeCell keeps a spreadsheet from running a cell as a formula (CSV injection): text starting
// with = + - @ gets a leading apostrophe, which import strips again.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// unneutralize undoes SafeCell, and only that: a description may start with an apostrophe.
func unneutralize(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// ImportResult says what an import did (or, on a dry run, would do).
type ImportResult struct {
	Rows    int
	Created int
	Updated int
	DryRun  bool
}

type importRow struct {
	line  int
	input ProductInput
	has   func(column string) bool // whether the file has the column
}

// ImportProducts reads a CSV of products and creates or updates them by SKU. Every row is checked
// first; if any is wrong nothing is written and the answer lists each bad row and column
// ("rows[7].price", rows numbered as a spreadsheet shows them: the header is row 1). Otherwise
// everything is applied in one transaction. Stock on hand is taken for new products only: stock
// of existing products changes through stock adjustments, which record a reason.
func (s *Service) ImportProducts(ctx context.Context, r io.Reader, dryRun bool) (ImportResult, error) {
	rows, err := s.parseImport(ctx, r)
	if err != nil {
		return ImportResult{}, err
	}
	res := ImportResult{Rows: len(rows), DryRun: dryRun}
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		skus := make([]string, len(rows))
		for i, row := range rows {
			skus[i] = row.input.SKU
		}
		existing := map[string]Product{}
		for start := 0; start < len(skus); start += 500 {
			var batch []Product
			if err := tx.Where("sku IN ?", skus[start:min(start+500, len(skus))]).Find(&batch).Error; err != nil {
				return fmt.Errorf("import: load products: %w", err)
			}
			for _, p := range batch {
				existing[p.SKU] = p
			}
		}
		if err := checkImportSlugs(tx, rows, existing); err != nil {
			return err
		}
		if dryRun {
			for _, row := range rows {
				if _, ok := existing[row.input.SKU]; ok {
					res.Updated++
				} else {
					res.Created++
				}
			}
			return nil
		}
		now := s.clock().UTC()
		for _, row := range rows {
			in := row.input
			p, ok := existing[in.SKU]
			if !ok {
				p = Product{ID: uuid.Must(uuid.NewV7()), StockOnHand: in.StockOnHand, Version: 1, CreatedAt: now, UpdatedAt: now}
				in.apply(&p)
				if err := tx.Omit("Category", "Specs").Create(&p).Error; err != nil {
					return fmt.Errorf("import row %d: %w", row.line, duplicate(err))
				}
				res.Created++
			} else {
				in.apply(&p)
				err := tx.Model(&Product{}).Where("id = ?", p.ID).Updates(importUpdates(p, row.has, now)).Error
				if err != nil {
					return fmt.Errorf("import row %d: %w", row.line, duplicate(err))
				}
				res.Updated++
			}
			if in.Specs != nil {
				if err := replaceSpecs(tx, p.ID, in.Specs); err != nil {
					return err
				}
			}
		}
		return s.audit.Record(ctx, tx, audit.Event{Action: "product.imported", EntityType: "product", EntityID: "csv",
			After: map[string]any{"rows": res.Rows, "created": res.Created, "updated": res.Updated}})
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// checkImportSlugs finds slugs that clash with other products, or with another row.
func checkImportSlugs(tx *gorm.DB, rows []importRow, existing map[string]Product) error {
	slugs := make([]string, len(rows))
	bySlug := map[string]int{}
	var fields []apperr.FieldError
	for i, row := range rows {
		slugs[i] = row.input.Slug
		if prev, ok := bySlug[row.input.Slug]; ok {
			fields = append(fields, apperr.FieldError{Field: fmt.Sprintf("rows[%d].slug", row.line), Message: fmt.Sprintf("is the same as row %d's", prev)})
		}
		bySlug[row.input.Slug] = row.line
	}
	for start := 0; start < len(slugs); start += 500 {
		var taken []Product
		if err := tx.Select("id, sku, slug").Where("slug IN ?", slugs[start:min(start+500, len(slugs))]).Find(&taken).Error; err != nil {
			return fmt.Errorf("import: check slugs: %w", err)
		}
		for _, t := range taken {
			line := bySlug[t.Slug]
			for _, row := range rows {
				if row.line == line && row.input.SKU != t.SKU {
					fields = append(fields, apperr.FieldError{Field: fmt.Sprintf("rows[%d].slug", line), Message: "belongs to product " + t.SKU})
				}
			}
		}
	}
	if len(fields) > 0 {
		return apperr.Invalid(fmt.Sprintf("%d problems in the file; nothing was imported", len(fields)), fields...)
	}
	return nil
}

func (s *Service) parseImport(ctx context.Context, r io.Reader) ([]importRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, apperr.Field("file", "is empty: the first row must name the columns")
	}
	if err != nil {
		return nil, apperr.Field("file", "is not valid CSV: "+err.Error())
	}
	col := map[string]int{}
	known := map[string]bool{}
	for _, c := range csvColumns {
		known[c] = true
	}
	var fields []apperr.FieldError
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case !known[h]:
			fields = append(fields, apperr.FieldError{Field: "rows[1]." + h, Message: "is not a known column (" + strings.Join(csvColumns, ", ") + ")"})
		case col[h] != 0:
			fields = append(fields, apperr.FieldError{Field: "rows[1]." + h, Message: "appears twice"})
		}
		col[h] = i + 1 // 0 means absent
	}
	for _, req := range csvRequired {
		if col[req] == 0 {
			fields = append(fields, apperr.FieldError{Field: "rows[1]." + req, Message: "column is required"})
		}
	}
	if len(fields) > 0 {
		return nil, apperr.Invalid("the header row is wrong; nothing was imported", fields...)
	}
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return nil, err
	}
	catBySlug := make(map[string]uuid.UUID, len(cats))
	for _, c := range cats {
		catBySlug[c.Slug] = c.ID
	}
	var rows []importRow
	seenSKU := map[string]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fields = append(fields, apperr.FieldError{Field: fmt.Sprintf("rows[%d]", line), Message: "is not valid CSV: " + err.Error()})
			break
		}
		if len(rows) >= MaxImportRows {
			return nil, apperr.Field("file", fmt.Sprintf("has more than %d rows; split it", MaxImportRows))
		}
		get := func(name string) string {
			if i := col[name]; i > 0 && i <= len(rec) {
				return strings.TrimSpace(rec[i-1])
			}
			return ""
		}
		in, errs := rowInput(get, catBySlug)
		for _, fe := range errs {
			fields = append(fields, apperr.FieldError{Field: fmt.Sprintf("rows[%d].%s", line, fe.Field), Message: fe.Message})
		}
		if len(errs) == 0 {
			if prev, ok := seenSKU[in.SKU]; ok {
				fields = append(fields, apperr.FieldError{Field: fmt.Sprintf("rows[%d].sku", line), Message: fmt.Sprintf("is the same as row %d's", prev)})
			}
			seenSKU[in.SKU] = line
			rows = append(rows, importRow{line: line, input: in, has: func(c string) bool { return col[c] != 0 }})
		}
	}
	if len(fields) > 0 {
		return nil, apperr.Invalid(fmt.Sprintf("%d problems in the file; nothing was imported", len(fields)), fields...)
	}
	if len(rows) == 0 {
		return nil, apperr.Field("file", "has no product rows")
	}
	return rows, nil
}

// rowInput turns one CSV row into a product input, with errors named by column.
func rowInput(get func(string) string, cats map[string]uuid.UUID) (ProductInput, []apperr.FieldError) {
	var errs []apperr.FieldError
	bad := func(f, m string) { errs = append(errs, apperr.FieldError{Field: f, Message: m}) }
	in := ProductInput{SKU: get("sku"), Name: get("name"), Slug: get("slug"), Description: unneutralize(get("description")),
		Status: Status(strings.ToLower(get("status"))), Audience: Audience(strings.ToLower(get("audience"))), Currency: strings.ToUpper(get("currency")),
		TaxClass: get("tax_class")}
	if c := get("category"); c != "" {
		id, ok := cats[strings.ToLower(c)]
		if !ok {
			bad("category", "is not a category slug")
		}
		in.CategoryID = &id
	}
	if amount, err := ParseAmount(get("price"), in.Currency); err != nil {
		bad("price", err.Error())
	} else {
		in.PriceAmount = amount
	}
	for name, dst := range map[string]*int{"stock_on_hand": &in.StockOnHand, "min_order_qty": &in.MinOrderQty, "order_multiple": &in.OrderMultiple} {
		if v := get(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				bad(name, "must be a whole number ≥ 0")
			}
			*dst = n
		}
	}
	for _, c := range []struct {
		name, unit string
		dst        **int
	}{{"weight_grams", "grams", &in.WeightGrams}, {"length_mm", "millimetres", &in.LengthMM}, {"width_mm", "millimetres", &in.WidthMM}, {"height_mm", "millimetres", &in.HeightMM}} {
		if v := get(c.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				bad(c.name, "must be a whole number of "+c.unit+" ≥ 0")
			}
			*c.dst = &n
		}
	}
	if v := get("specs"); v != "" {
		var specs []csvSpec
		dec := json.NewDecoder(strings.NewReader(v))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&specs); err != nil {
			bad("specs", `must be a JSON list like [{"group":"Electrical","name":"Voltage","value":"230","unit":"V"}]`)
		}
		in.Specs = []Spec{}
		for _, sp := range specs {
			in.Specs = append(in.Specs, Spec{Group: sp.Group, Name: sp.Name, Value: sp.Value, Unit: sp.Unit})
		}
	}
	if len(errs) > 0 {
		return in, errs
	}
	if err := in.normalize(); err != nil {
		var ae *apperr.Error
		if errors.As(err, &ae) {
			for _, fe := range ae.Fields {
				f := fe.Field
				if f == "price.amount" {
					f = "price"
				} else if f == "price.currency" {
					f = "currency"
				}
				bad(f, fe.Message)
			}
		} else {
			bad("sku", err.Error())
		}
	}
	return in, errs
}
