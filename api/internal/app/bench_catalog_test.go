package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/dbtest"
)

// benchProducts is how many products the catalog benchmark browses (the issue asks for ≥ 10k).
const benchProducts = 10000

// seedBenchProducts adds n active products for both audiences with two specs each, in batches.
func seedBenchProducts(b *testing.B, a *App, n int) []uuid.UUID {
	b.Helper()
	ctx := context.Background()
	cats, err := a.Catalog.Categories(ctx)
	if err != nil || len(cats) == 0 {
		b.Fatalf("categories: %v", err)
	}
	now := time.Now().UTC()
	ids := make([]uuid.UUID, 0, n)
	for start := 0; start < n; start += 1000 {
		var batch []catalog.Product
		var specs []catalog.Spec
		for i := start; i < min(start+1000, n); i++ {
			id := uuid.Must(uuid.NewV7())
			aud := []catalog.Audience{catalog.Both, catalog.B2B, catalog.B2C}[i%3]
			batch = append(batch, catalog.Product{ID: id, SKU: fmt.Sprintf("BENCH-%05d", i), Slug: fmt.Sprintf("bench-product-%05d", i),
				Name: fmt.Sprintf("Bench product %d", i), Description: "A product for the catalog benchmark, with a plain description.",
				CategoryID: &cats[i%len(cats)].ID, Status: catalog.Active, Audience: aud, PriceAmount: int64(100 + i%9000), Currency: "USD",
				TaxClass: "standard", StockOnHand: i % 50, MinOrderQty: 1, OrderMultiple: 1, Version: 1, CreatedAt: now, UpdatedAt: now})
			specs = append(specs, catalog.Spec{ID: uuid.Must(uuid.NewV7()), ProductID: id, Group: "Size", Name: "Length", Value: "10", Unit: "cm"},
				catalog.Spec{ID: uuid.Must(uuid.NewV7()), ProductID: id, Group: "Size", Name: "Width", Value: "5", Unit: "cm", Position: 1})
			ids = append(ids, id)
		}
		if err := a.DB.Gorm.Omit("Category", "Specs").CreateInBatches(batch, 250).Error; err != nil {
			b.Fatal(err)
		}
		if err := a.DB.Gorm.CreateInBatches(specs, 500).Error; err != nil {
			b.Fatal(err)
		}
	}
	if dbtest.Dialect() == "postgres" {
		a.DB.Gorm.Exec("ANALYZE")
	}
	return ids
}

// BenchmarkCatalogBrowse measures GET /api/v1/products?page_size=24 for a business customer
// (its visibility and prices) over real HTTP, against an Echo+GORM one-row read in the same run.
// The issue asks for PostgreSQL: run with OMS_TEST_POSTGRES_URL set (make bench does when a
// local server answers). Results go to docs/benchmarks.md.
func BenchmarkCatalogBrowse(b *testing.B) {
	defer TuneGC(os.Getenv)() // as omsd serve runs
	if os.Getenv(dbtest.EnvPostgresURL) == "" {
		b.Skip("the catalog benchmark runs on PostgreSQL: set " + dbtest.EnvPostgresURL)
	}
	a := newTestApp(b)
	if _, err := a.SeedDemo(context.Background()); err != nil {
		b.Fatal(err)
	}
	ids := seedBenchProducts(b, a, benchProducts)
	srv := httptest.NewServer(a.Echo())
	defer srv.Close()
	token := benchLogin(b, a, "purchasing@northwind.example.com")

	// The reference: the smallest useful Echo + GORM endpoint, one row by primary key.
	ref := echo.New()
	ref.GET("/product/:id", func(c echo.Context) error {
		var p catalog.Product
		if err := a.DB.Gorm.WithContext(c.Request().Context()).Where("id = ?", c.Param("id")).Take(&p).Error; err != nil {
			return err
		}
		return c.JSON(http.StatusOK, p)
	})
	refSrv := httptest.NewServer(ref)
	defer refSrv.Close()

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64}, Timeout: 10 * time.Second}
	subject := getter(client, srv.URL+"/api/v1/products?page_size=24", token)
	if err := subject(); err != nil {
		b.Fatal(err)
	}
	reference := getter(client, refSrv.URL+"/product/"+ids[len(ids)/2].String(), "")
	b.ResetTimer()
	for range b.N {
		// As served: repeated pages come from the short-lived page cache (see pagecache.go).
		compare(b, "catalog page (24)", 16, 3*time.Second, subject, reference)
		// Every request computed: the database path alone.
		a.pages.off = true
		compare(b, "uncached page (24)", 16, 3*time.Second, subject, reference)
		a.pages.off = false
	}
}

func benchLogin(b *testing.B, a *App, login string) string {
	b.Helper()
	t := &testing.T{}
	e := &apiEnv{t: t, a: a}
	res := e.customerLogin(login, DemoPassword)
	if res.Code != 200 {
		b.Fatalf("login %s: %d", login, res.Code)
	}
	var tok map[string]any
	res.json(&tok)
	return tok["access_token"].(string)
}
