package ordering

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/apperr"
)

// The documents' typeface (DejaVu Sans: fonts/LICENSE, the Bitstream Vera licence, which allows
// embedding and redistribution).
const docFont = "DejaVu"

var (
	//go:embed fonts/DejaVuSans.ttf
	dejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	dejaVuSansBold []byte
)

// DocumentKind is a printable document of an order.
type DocumentKind string

const (
	Confirmation DocumentKind = "confirmation"
	Invoice      DocumentKind = "invoice"
)

// Title is the document's heading.
func (k DocumentKind) Title() string {
	if k == Invoice {
		return "Invoice"
	}
	return "Order confirmation"
}

// Documents lists what an order has now: a confirmation always; an invoice once goods have left
// (shipped, delivered or returned), since that is when the seller bills.
func Documents(o Order) []DocumentKind {
	switch o.Status {
	case Shipped, Delivered, Returned:
		return []DocumentKind{Confirmation, Invoice}
	}
	return []DocumentKind{Confirmation}
}

// Seller is who issues the documents.
type Seller struct {
	Name    string
	Address []string
	TaxID   string
}

// Document renders one document of an order as PDF; with a customer, only of that customer's
// orders (another's is "not found").
func (s *Service) Document(ctx context.Context, reference string, kind DocumentKind, customerID *uuid.UUID) ([]byte, error) {
	if kind != Confirmation && kind != Invoice {
		return nil, apperr.NotFound("no such document")
	}
	d, err := s.Get(ctx, reference, customerID)
	if err != nil {
		return nil, err
	}
	has := false
	for _, k := range Documents(d.Order) {
		has = has || k == kind
	}
	if !has {
		return nil, apperr.Conflict(fmt.Sprintf("an order that is %s has no %s yet", d.Status, strings.ToLower(kind.Title())))
	}
	var buf bytes.Buffer
	if err := renderDocument(&buf, d, kind, s.opt.Seller); err != nil {
		return nil, fmt.Errorf("render %s of %s: %w", kind, d.Reference, err)
	}
	return buf.Bytes(), nil
}

// renderDocument lays out a one-column A4 document: seller and buyer, order facts, the lines as
// priced when ordered, and the totals. The output is deterministic for the same order (dates in
// the file come from the order), so a re-download is byte-identical.
func renderDocument(w *bytes.Buffer, d Detail, kind DocumentKind, seller Seller) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	// PDF's core fonts stop at Windows-1252 (no Ł, no Cyrillic or Greek): names, addresses and
	// products are written in an embedded DejaVu Sans, subset to the characters used.
	pdf.AddUTF8FontFromBytes(docFont, "", dejaVuSans)
	pdf.AddUTF8FontFromBytes(docFont, "B", dejaVuSansBold)
	pdf.SetCatalogSort(true) // fonts in a fixed order, not map order
	pdf.SetCreationDate(d.PlacedAt)
	pdf.SetModificationDate(d.UpdatedAt)
	pdf.SetTitle(kind.Title()+" "+d.Reference, true)
	pdf.SetAuthor(seller.Name, true)
	pdf.SetCreator("OMS", false)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont(docFont, "", 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, fmt.Sprintf("%s %s · page %d of {nb}", kind.Title(), d.Reference, pdf.PageNo()), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()

	// Heading: the seller left, the document right.
	pdf.SetFont(docFont, "B", 16)
	pdf.CellFormat(100, 8, seller.Name, "", 0, "L", false, 0, "")
	pdf.CellFormat(0, 8, kind.Title(), "", 1, "R", false, 0, "")
	pdf.SetFont(docFont, "", 9)
	for _, l := range seller.Address {
		pdf.CellFormat(0, 4.5, l, "", 1, "L", false, 0, "")
	}
	if kind == Invoice && seller.TaxID != "" {
		pdf.CellFormat(0, 4.5, "Tax ID: "+seller.TaxID, "", 1, "L", false, 0, "")
	}
	pdf.Ln(6)

	facts := [][2]string{{"Reference Number", d.Reference}, {"Order date", d.PlacedAt.UTC().Format("2 January 2006")}, {"Status", string(d.Status)}}
	if kind == Invoice {
		facts = append([][2]string{{"Invoice number", "INV-" + strings.TrimPrefix(d.Reference, "ORD-")}}, facts...)
		if at := invoiceDate(d); !at.IsZero() {
			facts = append(facts, [2]string{"Invoice date", at.UTC().Format("2 January 2006")})
		}
	}
	if d.PurchaseOrderNumber != nil {
		facts = append(facts, [2]string{"Your PO number", *d.PurchaseOrderNumber})
	}
	if d.PaymentTerms != nil {
		facts = append(facts, [2]string{"Payment terms", strings.ReplaceAll(*d.PaymentTerms, "_", " ")})
	}
	if d.RequestedDeliveryDate != nil {
		facts = append(facts, [2]string{"Requested delivery", *d.RequestedDeliveryDate})
	}
	facts = append(facts, [2]string{"Priority", string(d.Priority)})
	top := pdf.GetY()
	for _, f := range facts {
		pdf.SetFont(docFont, "B", 9)
		pdf.CellFormat(38, 5, f[0], "", 0, "L", false, 0, "")
		pdf.SetFont(docFont, "", 9)
		pdf.CellFormat(52, 5, f[1], "", 1, "L", false, 0, "")
	}
	bottom := pdf.GetY()
	pdf.SetXY(112, top)
	pdf.SetFont(docFont, "B", 9)
	pdf.CellFormat(0, 5, "Ship to", "", 2, "L", false, 0, "")
	pdf.SetFont(docFont, "", 9)
	for _, l := range addressLines(d.Ship, d.CustomerName) {
		pdf.CellFormat(0, 4.5, l, "", 2, "L", false, 0, "")
	}
	pdf.SetXY(18, max(bottom, pdf.GetY())+6)

	// Lines.
	cols := []struct {
		title string
		w     float64
		align string
	}{{"SKU", 26, "L"}, {"Product", 70, "L"}, {"Qty", 12, "R"}, {"Unit price", 24, "R"}, {"Tax", 18, "R"}, {"Total", 24, "R"}}
	pdf.SetFont(docFont, "B", 9)
	pdf.SetFillColor(235, 238, 242)
	for _, c := range cols {
		pdf.CellFormat(c.w, 7, c.title, "B", 0, c.align, true, 0, "")
	}
	pdf.Ln(-1)
	pdf.SetFont(docFont, "", 9)
	cur := d.Currency
	for _, l := range d.Lines {
		name := l.Name
		if pdf.GetStringWidth(name) > cols[1].w-2 {
			for pdf.GetStringWidth(name+"…") > cols[1].w-2 && len(name) > 1 {
				name = string([]rune(name)[:len([]rune(name))-1])
			}
			name += "…"
		}
		cells := []string{l.SKU, name, fmt.Sprint(l.Quantity), amount(l.UnitPrice, cur), amount(l.Tax, cur), amount(l.Total, cur)}
		for i, c := range cols {
			pdf.CellFormat(c.w, 6, cells[i], "B", 0, c.align, false, 0, "")
		}
		pdf.Ln(-1)
	}
	pdf.Ln(3)
	totals := [][2]string{{"Subtotal", amount(d.Subtotal, cur)}}
	if d.Discount != 0 {
		totals = append(totals, [2]string{"Discount", "-" + amount(d.Discount, cur)})
	}
	totals = append(totals, [2]string{"Shipping", amount(d.Shipping, cur)}, [2]string{"Tax", amount(d.Tax, cur)})
	for _, t := range totals {
		pdf.CellFormat(150, 5.5, t[0], "", 0, "R", false, 0, "")
		pdf.CellFormat(24, 5.5, t[1], "", 1, "R", false, 0, "")
	}
	pdf.SetFont(docFont, "B", 11)
	label := "Total"
	if kind == Invoice {
		label = "Amount due"
	}
	pdf.CellFormat(150, 7, label+" ("+cur+")", "T", 0, "R", false, 0, "")
	pdf.CellFormat(24, 7, amount(d.Total, cur), "T", 1, "R", false, 0, "")

	if d.Notes != "" {
		pdf.Ln(5)
		pdf.SetFont(docFont, "B", 9)
		pdf.CellFormat(0, 5, "Notes", "", 1, "L", false, 0, "")
		pdf.SetFont(docFont, "", 9)
		pdf.MultiCell(0, 4.5, d.Notes, "", "L", false)
	}
	if len(d.Shipments) > 0 {
		pdf.Ln(5)
		pdf.SetFont(docFont, "B", 9)
		pdf.CellFormat(0, 5, "Shipments", "", 1, "L", false, 0, "")
		pdf.SetFont(docFont, "", 9)
		for _, sh := range d.Shipments {
			pdf.MultiCell(0, 4.5, fmt.Sprintf("%d. %s %s %s (%s)", sh.Number, sh.ShippedAt.UTC().Format("2 Jan 2006"), sh.Carrier, sh.TrackingNumber, sh.Status), "", "L", false)
		}
	}
	pdf.Ln(6)
	pdf.SetFont(docFont, "", 8)
	pdf.SetTextColor(90, 90, 90)
	msg := "Thank you for your order. Quote the Reference Number " + d.Reference + " in any question about it."
	if kind == Invoice {
		msg = "Please quote the invoice number with your payment."
	}
	pdf.MultiCell(0, 4, msg, "", "L", false)
	if err := pdf.Error(); err != nil {
		return err
	}
	return pdf.Output(w)
}

// invoiceDate is when the first goods left: the day the seller bills.
func invoiceDate(d Detail) time.Time {
	var at time.Time
	for _, sh := range d.Shipments {
		if at.IsZero() || sh.ShippedAt.Before(at) {
			at = sh.ShippedAt
		}
	}
	return at
}

func addressLines(a Address, fallbackName string) []string {
	name := a.Name
	if name == "" {
		name = fallbackName
	}
	var out []string
	for _, l := range []string{name, a.Line1, a.Line2, strings.TrimSpace(a.PostalCode + " " + a.City), a.Country, a.Phone} {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

func amount(minor int64, currency string) string { return catalog.FormatAmount(minor, currency) }
