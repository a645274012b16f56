package app

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"mime/multipart"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

func (e *apiEnv) importCSV(token, query, body string) response {
	e.t.Helper()
	req := httptest.NewRequest("POST", "/api/v1/admin/products/import"+query, strings.NewReader(body))
	req.Header.Set("Content-Type", "text/csv")
	req.Header.Set("Authorization", "Bearer "+token)
	rec := httptest.NewRecorder()
	e.a.Echo().ServeHTTP(rec, req)
	return response{rec, e.t}
}

func (e *apiEnv) productCount(token string) int {
	return len(e.allProducts(token, "sort=newest&status=draft&status=active&status=archived"))
}

func TestProductCSVImport(t *testing.T) {
	e := newAPI(t)
	sales := e.login("sales@oms.example.com")
	before := e.productCount(sales)

	// 100 new products, three of them wrong in different ways.
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"sku", "name", "status", "audience", "price", "currency", "category", "stock_on_hand", "specs", "description"})
	bad := map[int]string{} // spreadsheet row → column
	for i := range 100 {
		row := []string{fmt.Sprintf("IMP-%03d", i), fmt.Sprintf("Imported thing %d", i), "active", "b2c", "4.99", "USD", "", "5",
			`[{"group":"Size","name":"Length","value":"10","unit":"cm"}]`, "Made for the import test"}
		line := i + 2
		switch i {
		case 10:
			row[4], bad[line] = "4,99", "price"
		case 50:
			row[3], bad[line] = "everyone", "audience"
		case 97:
			row[6], bad[line] = "no-such-category", "category"
		}
		w.Write(row)
	}
	w.Flush()
	res := e.importCSV(sales, "", b.String())
	if res.Code != 422 {
		t.Fatalf("import with bad rows: %d %s", res.Code, res.Body)
	}
	var prob httpx.Problem
	res.json(&prob)
	var got, want []string
	for _, fe := range prob.Errors {
		got = append(got, fe.Field)
	}
	for line, col := range bad {
		want = append(want, fmt.Sprintf("rows[%d].%s", line, col))
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("errors name %v, want exactly %v", got, want)
	}
	if n := e.productCount(sales); n != before {
		t.Fatalf("a rejected import wrote products: %d → %d", before, n)
	}

	// Fixed, a dry run writes nothing; the real run creates all 100 in one go.
	fixed := strings.NewReplacer(`"4,99"`, "4.99", "everyone", "both", "no-such-category", "").Replace(b.String())
	var r catalog.ImportResultView
	res = e.importCSV(sales, "?dry_run=true", fixed)
	res.json(&r)
	if res.Code != 200 || r.Created != 100 || !r.DryRun || e.productCount(sales) != before {
		t.Fatalf("dry run: %d %+v", res.Code, r)
	}
	res = e.importCSV(sales, "", fixed)
	res.json(&r)
	if res.Code != 200 || r.Created != 100 || r.Updated != 0 {
		t.Fatalf("import: %d %s", res.Code, res.Body)
	}
	var p catalog.ProductView
	e.do("GET", "/api/v1/products/imported-thing-42", "", "").json(&p)
	if p.SKU != "IMP-042" || p.Price.Amount != 499 || p.Stock.Available != 5 || len(p.Specs) != 1 || p.Specs[0].Unit != "cm" {
		t.Fatalf("imported product: %+v", p)
	}
}

func TestProductCSVExportRoundTrip(t *testing.T) {
	e := newAPI(t)
	sales := e.login("sales@oms.example.com")
	res := e.do("GET", "/api/v1/admin/products/export", sales, "")
	if res.Code != 200 || !strings.HasPrefix(res.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("export: %d %s", res.Code, res.Header())
	}
	recs, err := csv.NewReader(bytes.NewReader(res.Body.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	total := e.productCount(sales)
	if len(recs) != total+1 || recs[0][0] != "sku" {
		t.Fatalf("export has %d rows for %d products", len(recs), total)
	}
	// Importing the export changes nothing but versions.
	var r catalog.ImportResultView
	res = e.importCSV(sales, "", res.Body.String())
	res.json(&r)
	if res.Code != 200 || r.Created != 0 || r.Updated != total {
		t.Fatalf("re-import: %d %s", res.Code, res.Body)
	}

	// A description that a spreadsheet would run as a formula is exported inert and imported intact.
	csvIn := "sku,name,status,audience,price,currency,description\nFORMULA-1,Formula,active,b2c,1.00,USD,\"=HYPERLINK(\"\"http://evil\"\")\"\n"
	if res := e.importCSV(sales, "", csvIn); res.Code != 200 {
		t.Fatalf("import: %d %s", res.Code, res.Body)
	}
	out := e.do("GET", "/api/v1/admin/products/export", sales, "").Body.String()
	if !strings.Contains(out, `'=HYPERLINK`) {
		t.Fatal("formula exported as a live formula")
	}
	if p := e.products("", "q=FORMULA-1").Items; len(p) != 1 || p[0].Description != `=HYPERLINK("http://evil")` {
		t.Fatalf("description after import: %+v", p)
	}
}

// Weight and packed size go in through the API and the CSV and come back out; an import of a
// file without some optional columns (say one exported before the dimension columns existed)
// leaves those fields as they were.
func TestProductDimensions(t *testing.T) {
	e := newAPI(t)
	sales := e.login("sales@oms.example.com")
	body := `{"sku":"BOX-100","name":"Storage box","status":"active","audience":"both","price":{"amount":1999,"currency":"USD"},
		"description":"Stacks","weight_grams":850,"length_mm":400,"width_mm":300,"height_mm":250}`
	res := e.do("POST", "/api/v1/admin/products", sales, body)
	var p catalog.ProductView
	res.json(&p)
	if res.Code != 201 || p.WeightGrams == nil || *p.WeightGrams != 850 || p.LengthMM == nil || *p.LengthMM != 400 || *p.WidthMM != 300 || *p.HeightMM != 250 {
		t.Fatalf("create: %d %s", res.Code, res.Body)
	}
	for _, bad := range []string{`"length_mm":400`, `"width_mm":300`, `"height_mm":250`} {
		neg := strings.Replace(strings.Replace(body, "BOX-100", "BOX-101", 1), bad, strings.SplitN(bad, ":", 2)[0]+":-1", 1)
		if res := e.do("POST", "/api/v1/admin/products", sales, neg); res.Code != 422 {
			t.Errorf("%s negative: %d %s", bad, res.Code, res.Body)
		}
	}
	export := e.do("GET", "/api/v1/admin/products/export", sales, "").Body.String()
	if !strings.Contains(export, "weight_grams,length_mm,width_mm,height_mm") || !strings.Contains(export, ",850,400,300,250,") {
		t.Fatalf("export lacks the dimensions:\n%.400s", export)
	}

	// A file with only the required columns changes what it lists and nothing else.
	if res := e.importCSV(sales, "", "sku,name,status,audience,price,currency\nBOX-100,Storage box XL,active,both,21.99,USD\n"); res.Code != 200 {
		t.Fatalf("partial import: %d %s", res.Code, res.Body)
	}
	e.do("GET", "/api/v1/products/"+p.Slug, sales, "").json(&p)
	if p.Name != "Storage box XL" || p.Price.Amount != 2199 || p.Description != "Stacks" || *p.WeightGrams != 850 || *p.LengthMM != 400 || *p.HeightMM != 250 {
		t.Fatalf("after a partial import: %+v", p)
	}
	// Listed and empty clears; a bad number is refused with its column named.
	if res := e.importCSV(sales, "", "sku,name,status,audience,price,currency,height_mm\nBOX-100,Storage box XL,active,both,21.99,USD,\n"); res.Code != 200 {
		t.Fatalf("clearing import: %d %s", res.Code, res.Body)
	}
	e.do("GET", "/api/v1/products/"+p.Slug, sales, "").json(&p)
	if p.HeightMM != nil || p.LengthMM == nil {
		t.Fatalf("after clearing the height: %+v", p)
	}
	if res := e.importCSV(sales, "", "sku,name,status,audience,price,currency,width_mm\nBOX-100,Storage box XL,active,both,21.99,USD,wide\n"); res.Code != 422 || !strings.Contains(res.Body.String(), "rows[2].width_mm") {
		t.Fatalf("bad width: %d %s", res.Code, res.Body)
	}
}

func TestProductCSVRefusals(t *testing.T) {
	e := newAPI(t)
	sales := e.login("sales@oms.example.com")
	consumer := e.loginAs("casey@example.com", DemoPassword)
	for name, tc := range map[string]struct {
		token, body string
		want        int
	}{
		"customer":        {consumer, "sku,name\n", 403},
		"guest":           {"", "sku,name\n", 401},
		"empty":           {sales, "", 422},
		"unknown column":  {sales, "sku,name,status,audience,price,currency,colour\nA-1,A,active,b2c,1,USD,red\n", 422},
		"missing column":  {sales, "sku,name\nA-1,A\n", 422},
		"no rows":         {sales, "sku,name,status,audience,price,currency\n", 422},
		"duplicate sku":   {sales, "sku,name,status,audience,price,currency\nA-1,A,active,b2c,1,USD\na-1,B,active,b2c,1,USD\n", 422},
		"slug of another": {sales, "sku,name,slug,status,audience,price,currency\nNEW-1,A,x,active,b2c,1,USD\nNEW-2,B,x,active,b2c,1,USD\n", 422},
	} {
		var res response
		if tc.token == "" {
			res = e.do("POST", "/api/v1/admin/products/import", "", tc.body)
		} else {
			res = e.importCSV(tc.token, "", tc.body)
		}
		if res.Code != tc.want {
			t.Errorf("%s: %d, want %d: %s", name, res.Code, tc.want, res.Body)
		}
	}
	if res := e.do("POST", "/api/v1/admin/products/import", sales, `{"sku":"x"}`); res.Code != 415 {
		t.Errorf("JSON body: %d", res.Code)
	}
	// Multipart works too.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "products.csv")
	fw.Write([]byte("sku,name,status,audience,price,currency\nMP-1,Multipart,draft,b2b,2.50,USD\n"))
	mw.Close()
	req := httptest.NewRequest("POST", "/api/v1/admin/products/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+sales)
	rec := httptest.NewRecorder()
	e.a.Echo().ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("multipart import: %d %s", rec.Code, rec.Body)
	}
}
