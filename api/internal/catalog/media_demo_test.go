package catalog

import (
	"bytes"
	"context"
	"fmt"
	"image/jpeg"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestSeedDemoImages(t *testing.T) {
	env := newMediaEnv(t, nil, MediaLimits{})
	ctx := context.Background()
	products := []Product{env.product}
	for i := range 47 {
		p, err := env.catalog.CreateProduct(ctx, ProductInput{SKU: fmt.Sprintf("DEMO-%03d", i), Name: fmt.Sprintf("Demo (%d) – 5 mm²", i), Status: Active, Audience: B2C,
			PriceAmount: 100, Currency: "USD", Specs: []Spec{{Group: "Size", Name: "Width", Value: "12", Unit: "mm²"}}})
		if err != nil {
			t.Fatal(err)
		}
		products = append(products, p)
	}
	start := time.Now()
	if err := env.media.SeedDemoImages(ctx, products); err != nil {
		t.Fatal(err)
	}
	t.Logf("48 products seeded in %s", time.Since(start)) // not asserted: timings are for benchmarks
	byProduct, err := env.catalog.MediaOf(ctx, []uuid.UUID{products[0].ID, products[6].ID, products[8].ID, products[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	kindsOf := func(i int) string {
		var k []string
		for _, m := range byProduct[products[i].ID] {
			k = append(k, string(m.Kind))
		}
		return strings.Join(k, " ")
	}
	if kindsOf(0) != "image youtube datasheet" || kindsOf(6) != "image youtube" || kindsOf(8) != "image datasheet" || kindsOf(1) != "image" {
		t.Fatalf("demo media: %q %q %q %q", kindsOf(0), kindsOf(6), kindsOf(8), kindsOf(1))
	}
	img := byProduct[products[1].ID][0]
	f, err := env.files.Open(ctx, img.StorageKey)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := jpeg.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width != 480 || cfg.Height != 360 || img.ThumbSmallKey == img.StorageKey || img.ThumbLargeKey != img.StorageKey {
		t.Fatalf("demo image %+v %v %+v", cfg, err, img)
	}
	pdf := byProduct[products[8].ID][1]
	f, err = env.files.Open(ctx, pdf.StorageKey)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	_, _ = b.ReadFrom(f)
	f.Close()
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-1.4")) || !bytes.Contains(b.Bytes(), []byte("(SKU DEMO-007) '")) || !bytes.HasSuffix(b.Bytes(), []byte("%%EOF\n")) {
		t.Fatalf("pdf %s", b.String())
	}
	// The xref offsets point at the objects (a reader that checks them opens the file).
	for i := 1; i <= 5; i++ {
		at := bytes.Index(b.Bytes(), []byte(fmt.Sprintf("\n%d 0 obj", i))) + 1
		if !bytes.Contains(b.Bytes(), []byte(fmt.Sprintf("%010d 00000 n \n", at))) {
			t.Fatalf("object %d at %d is not in the xref", i, at)
		}
	}
	// Seeding again adds nothing.
	before, _ := env.files.List(ctx, "")
	if err := env.media.SeedDemoImages(ctx, products); err != nil {
		t.Fatal(err)
	}
	after, _ := env.files.List(ctx, "")
	if len(after) != len(before) {
		t.Fatalf("second seed added files: %d → %d", len(before), len(after))
	}
}
