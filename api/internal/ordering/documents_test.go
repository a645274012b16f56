package ordering

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// Names, addresses and products outside Windows-1252 reach the PDF as written (the embedded
// font's text is UTF-16 with an identity ToUnicode map, so the characters are in the page's
// content stream), and the same order still renders to the same bytes.
func TestDocumentsWriteAnyScript(t *testing.T) {
	at := time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)
	d := Detail{Order: Order{
		Reference: "ORD-7K3Q-9ZXA", Status: Shipped, Priority: Standard, Currency: "EUR", CustomerName: "Łukasz Żółć",
		Ship:  Address{Name: "Łukasz Żółć", Line1: "ул. Пушкина, 10", City: "Θεσσαλονίκη", PostalCode: "546 21", Country: "GR"},
		Lines: []Line{{LineNo: 1, SKU: "KIT-001", Name: "Ζυγαριά κουζίνας — ακριβείας", Quantity: 2, UnitPrice: 1250, Total: 2500}},
		Notes: "Dostawa po 17:00, proszę dzwonić", Subtotal: 2500, Total: 2500, PlacedAt: at, UpdatedAt: at,
	}}
	seller := Seller{Name: "Ørsted & Söhne", Address: []string{"Straße 1", "Kraków"}}
	render := func() []byte {
		var buf bytes.Buffer
		if err := renderDocument(&buf, d, Confirmation, seller); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := render()
	text := pageText(t, first)
	for _, want := range []string{"Łukasz Żółć", "ул. Пушкина, 10", "Θεσσαλονίκη", "Ζυγαριά κουζίνας", "Ørsted & Söhne", "Kraków", "proszę", "ORD-7K3Q-9ZXA"} {
		if !bytes.Contains(text, utf16BE(want)) {
			t.Errorf("%q is not in the document's text", want)
		}
	}
	for range 3 {
		if !bytes.Equal(render(), first) {
			t.Fatal("the same order renders to different bytes")
		}
	}
}

// pageText inflates every compressed stream of a PDF: the page contents among them.
func pageText(t *testing.T, pdf []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n(.*?)endstream`).FindAllSubmatch(pdf, -1) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue // not deflated
		}
		b, _ := io.ReadAll(r)
		out.Write(b)
	}
	if out.Len() == 0 {
		t.Fatal("no streams in the PDF")
	}
	return out.Bytes()
}

// utf16BE is s as an embedded font's text string holds it, with PDF string escapes.
func utf16BE(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return []byte(strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`, "\r", `\r`).Replace(string(b)))
}
