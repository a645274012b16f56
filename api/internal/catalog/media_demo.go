package catalog

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"math"
	"strings"

	"github.com/google/uuid"
	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// DemoVideoID is the YouTube video linked from some demo products: the IFrame Player API's own
// example video, which YouTube keeps embeddable.
const DemoVideoID = "M7lc1UVf-VE"

// demoPalette gives each category a colour pair (top-left → bottom-right of a gradient).
var demoPalette = [][2]color.RGBA{
	{{0x1c, 0x7e, 0xd6, 255}, {0x0b, 0x2e, 0x59, 255}}, // blue
	{{0xf0, 0x8c, 0x00, 255}, {0x8a, 0x3b, 0x00, 255}}, // orange
	{{0x2f, 0x9e, 0x44, 255}, {0x0f, 0x3d, 0x1c, 255}}, // green
	{{0xe0, 0x31, 0x31, 255}, {0x5c, 0x0d, 0x0d, 255}}, // red
	{{0x70, 0x48, 0xe8, 255}, {0x24, 0x14, 0x5e, 255}}, // violet
	{{0x0c, 0xa6, 0x78, 255}, {0x06, 0x40, 0x3a, 255}}, // teal
	{{0x86, 0x8e, 0x96, 255}, {0x21, 0x25, 0x29, 255}}, // grey
	{{0xd6, 0x33, 0x6c, 255}, {0x4a, 0x0b, 0x2a, 255}}, // pink
}

// SeedDemoImages gives each product without media a generated placeholder image (a gradient in
// its category's colour, a simple shape and its SKU; nothing is downloaded), and some products a
// YouTube link (every 6th) and a generated datasheet PDF (every 8th). Products that have any
// media are left alone, so running it again changes nothing. Images are small (480×360: one
// thumbnail to make), so 48 products take well under a second on an idle machine.
func (s *MediaService) SeedDemoImages(ctx context.Context, products []Product) error {
	if len(products) == 0 {
		return nil
	}
	ids := make([]uuid.UUID, len(products))
	for i, p := range products {
		ids[i] = p.ID
	}
	var have []uuid.UUID
	if err := s.db.WithContext(ctx).Model(&ProductMedia{}).Distinct("product_id").Where("product_id IN ?", ids).Pluck("product_id", &have).Error; err != nil {
		return fmt.Errorf("demo media: %w", err)
	}
	skip := map[uuid.UUID]bool{}
	for _, id := range have {
		skip[id] = true
	}
	now := s.clock().UTC()
	var rows []ProductMedia
	var stored []string
	fail := func(err error) error {
		s.removeFiles(ctx, stored)
		return err
	}
	for i, p := range products {
		if skip[p.ID] {
			continue
		}
		img, err := renditions(demoImage(p, i))
		if err != nil {
			return fail(err)
		}
		keys, err := s.putImage(ctx, "img", img)
		if err != nil {
			return fail(err)
		}
		stored = append(stored, keys[:]...)
		row := func(m ProductMedia) {
			m.ID, m.ProductID, m.Position, m.CreatedAt, m.UpdatedAt = uuid.Must(uuid.NewV7()), p.ID, len(rows), now, now
			rows = append(rows, m)
		}
		row(ProductMedia{Kind: MediaImage, StorageKey: keys[0], ContentType: img.full.contentType, Bytes: int64(len(img.full.data)),
			Width: img.full.width, Height: img.full.height, ThumbSmallKey: keys[1], ThumbMediumKey: keys[2], ThumbLargeKey: keys[3], Alt: p.Name})
		if i%6 == 0 {
			row(ProductMedia{Kind: MediaYouTube, ExternalID: DemoVideoID, Title: p.Name + " in use"})
		}
		if i%8 == 0 {
			pdf := demoDatasheet(p)
			key := "doc/" + uuid.NewString() + "/" + pdfName(p.Name+" datasheet")
			if err := s.files.Put(ctx, key, bytes.NewReader(pdf)); err != nil {
				return fail(fmt.Errorf("demo datasheet: %w", err))
			}
			stored = append(stored, key)
			row(ProductMedia{Kind: MediaDatasheet, StorageKey: key, ContentType: "application/pdf", Bytes: int64(len(pdf)), Title: p.Name + " datasheet"})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	// Positions only need to order media within a product; numbering across products is fine.
	if err := s.db.WithContext(ctx).CreateInBatches(rows, 100).Error; err != nil {
		return fail(fmt.Errorf("demo media: %w", err))
	}
	return nil
}

// demoImage draws a 480×360 placeholder: a diagonal gradient, a light shape (one of four, by
// position in the list) and the SKU in large pixel letters.
func demoImage(p Product, n int) image.Image {
	const w, h = 480, 360
	key := p.SKU
	if p.CategoryID != nil {
		key = p.CategoryID.String()
	}
	f := fnv.New32a()
	_, _ = f.Write([]byte(key))
	pair := demoPalette[f.Sum32()%uint32(len(demoPalette))]
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	lerp := func(a, b uint8, t, n int) uint8 { return uint8(int(a) + (int(b)-int(a))*t/n) }
	for y := range h {
		for x := range w {
			o := img.PixOffset(x, y)
			img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = lerp(pair[0].R, pair[1].R, x+y, w+h), lerp(pair[0].G, pair[1].G, x+y, w+h), lerp(pair[0].B, pair[1].B, x+y, w+h), 255
		}
	}
	light := color.RGBA{255, 255, 255, 70}
	cx, cy, r := w/2, h/2-25, 100
	inside := func(x, y int) bool {
		dx, dy := float64(x-cx), float64(y-cy)
		switch n % 4 {
		case 0: // circle
			return dx*dx+dy*dy <= float64(r*r)
		case 1: // square
			return math.Abs(dx) <= float64(r)*0.8 && math.Abs(dy) <= float64(r)*0.8
		case 2: // diamond
			return math.Abs(dx)+math.Abs(dy) <= float64(r)
		default: // triangle, point up
			return dy <= float64(r)*0.7 && dy >= -float64(r) && math.Abs(dx) <= (dy+float64(r))*0.6
		}
	}
	for y := cy - r; y <= cy+r; y++ {
		for x := cx - r; x <= cx+r; x++ {
			if inside(x, y) { // blend white at light.A/255 over the gradient
				o := img.PixOffset(x, y)
				for k := range 3 {
					img.Pix[o+k] += uint8((255 - int(img.Pix[o+k])) * int(light.A) / 255)
				}
			}
		}
	}
	// The SKU at 7×13 pixels per letter, scaled up 3× with hard edges.
	label := strings.ToUpper(p.SKU)
	small := image.NewRGBA(image.Rect(0, 0, 7*len(label)+2, 15))
	d := font.Drawer{Dst: small, Src: image.NewUniform(color.White), Face: basicfont.Face7x13, Dot: fixed.P(1, 12)}
	d.DrawString(label)
	sw, sh := small.Bounds().Dx()*3, small.Bounds().Dy()*3
	at := image.Rect((w-sw)/2, h-sh-25, (w-sw)/2+sw, h-25)
	draw.NearestNeighbor.Scale(img, at, small, small.Bounds(), draw.Over, nil)
	return img
}

// demoDatasheet writes a one-page PDF with the product's name, SKU and specifications in
// Helvetica (a standard font every reader has, so nothing is embedded).
func demoDatasheet(p Product) []byte {
	lines := []string{"Datasheet", p.Name, "SKU " + p.SKU, ""}
	for _, sp := range p.Specs {
		lines = append(lines, strings.TrimSpace(fmt.Sprintf("%s / %s: %s %s", sp.Group, sp.Name, sp.Value, sp.Unit)))
	}
	lines = append(lines, "", "Demo document generated by the Order Management System.")
	var content strings.Builder
	content.WriteString("BT /F1 24 Tf 56 780 Td 30 TL\n")
	for i, l := range lines {
		if i == 1 {
			content.WriteString("/F1 14 Tf 20 TL\n")
		}
		fmt.Fprintf(&content, "(%s) '\n", pdfText(l))
	}
	content.WriteString("ET\n")
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// pdfText escapes a PDF string and keeps it to printable ASCII (the demo's units like "mm²" or
// "°C" become "mm2" and "degC").
func pdfText(s string) string {
	r := strings.NewReplacer("\\", `\\`, "(", `\(`, ")", `\)`, "²", "2", "°", "deg", "–", "-", "—", "-", "×", "x")
	s = r.Replace(s)
	return strings.Map(func(c rune) rune {
		if c < 0x20 || c > 0x7e {
			return '?'
		}
		return c
	}, s)
}
