package catalog

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/platform/dbtest"
	"github.com/openoms/oms/api/internal/platform/filestore"
	"github.com/openoms/oms/api/internal/platform/filestore/fakes3"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// mediaEnv is a migrated database with one product, a media service on a chosen store, and an
// Echo router with the media routes (without authentication: the app's tests cover roles).
type mediaEnv struct {
	t       *testing.T
	catalog *Service
	media   *MediaService
	files   filestore.Store
	product Product
	e       *echo.Echo
	audit   *audit.Log
}

func newMediaEnv(t *testing.T, files filestore.Store, limits MediaLimits) *mediaEnv {
	t.Helper()
	d := dbtest.New(t)
	if files == nil {
		var err error
		if files, err = filestore.NewLocal(t.TempDir()); err != nil {
			t.Fatal(err)
		}
	}
	log := audit.New(d.Gorm, time.Now)
	cat := NewService(NewStore(d.Gorm, d.Gorm.Dialector.Name() == "postgres"), log, time.Now)
	p, err := cat.CreateProduct(context.Background(), ProductInput{SKU: "DRL-1", Name: "Drill", Status: Active, Audience: B2C, PriceAmount: 100, Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	m := NewMediaService(d.Gorm, MediaOptions{Files: files, Audit: log, Limits: limits})
	e := httpx.New(httpx.Options{Logger: slog.New(slog.DiscardHandler), Metrics: httpx.NewMetrics(prometheus.NewRegistry()),
		BodyLimit: 1 << 20, RouteBodyLimits: MediaBodyLimits(m.Limits())})
	h := NewMediaHandler(m)
	h.Register(httpx.NewRoutes(e.Group("/api/v1/admin")))
	h.RegisterFiles(e)
	return &mediaEnv{t: t, catalog: cat, media: m, files: files, product: p, e: e, audit: log}
}

type part struct {
	name, filename string
	data           []byte
}

func (env *mediaEnv) upload(path string, parts ...part) *httptest.ResponseRecorder {
	env.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for _, p := range parts {
		if p.filename == "" {
			_ = w.WriteField(p.name, string(p.data))
			continue
		}
		fw, _ := w.CreateFormFile(p.name, p.filename)
		_, _ = fw.Write(p.data)
	}
	_ = w.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	rec := httptest.NewRecorder()
	env.e.ServeHTTP(rec, req)
	return rec
}

func (env *mediaEnv) do(method, path, body string, header ...string) *httptest.ResponseRecorder {
	env.t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	env.e.ServeHTTP(rec, req)
	return rec
}

func (env *mediaEnv) path(suffix string) string {
	return "/api/v1/admin/products/" + env.product.ID.String() + suffix
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %s: %v", rec.Body, err)
	}
	return v
}

func (env *mediaEnv) exists(url string) bool {
	env.t.Helper()
	_, err := env.files.Stat(context.Background(), strings.TrimPrefix(url, "/media/"))
	return err == nil
}

// testMP4 starts like an MP4 (an ftyp box with an mp4 brand), which is all sniffing reads.
func testMP4(size int) []byte {
	b := make([]byte, size)
	copy(b, "\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom")
	return b
}

func testPDF() []byte { return []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") }

// Statuses and messages of uploads, through the real router and middleware (body limits).
func TestMediaUploads(t *testing.T) {
	env := newMediaEnv(t, nil, MediaLimits{Image: ImageLimits{MaxBytes: 256 << 10}, MaxVideoBytes: 512 << 10, MaxDatasheetBytes: 64 << 10})
	jpg := testJPEG(t, 640, 480)
	missing := "/api/v1/admin/products/" + uuid.NewString()
	for _, tc := range []struct {
		name   string
		path   string
		parts  []part
		status int
		want   string
	}{
		{"jpeg", env.path("/images"), []part{{"file", "a.jpg", jpg}, {"alt", "", []byte("Front view")}}, 201, `"alt":"Front view"`},
		{"webp", env.path("/images"), []part{{"file", "a.webp", testWebP(300, 200, color.NRGBA{10, 20, 30, 255})}}, 201, `"width":300`},
		{"php renamed .jpg", env.path("/images"), []part{{"file", "shell.jpg", []byte("<?php echo shell_exec($_GET['c']); ?>")}}, 422, "must be a JPEG, PNG or WebP"},
		{"html renamed .jpg", env.path("/images"), []part{{"file", "x.jpg", []byte("<html><body onload=alert(1)>")}}, 422, "must be a JPEG, PNG or WebP"},
		{"svg renamed .jpg", env.path("/images"), []part{{"file", "x.jpg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)}}, 422, "must be a JPEG, PNG or WebP"},
		{"just over the image limit: 422", env.path("/images"), []part{{"file", "big.jpg", append(testJPEG(t, 8, 8), make([]byte, 256<<10)...)}}, 422, "must be at most 256 KiB"},
		{"far over the body limit: 413", env.path("/images"), []part{{"file", "huge.jpg", make([]byte, 400<<10)}}, 413, "larger than"},
		{"no file", env.path("/images"), []part{{"alt", "", []byte("x")}}, 422, `"field":"file"`},
		{"two files", env.path("/images"), []part{{"file", "a.jpg", jpg}, {"file", "b.jpg", jpg}}, 422, "must be sent once"},
		{"unknown field", env.path("/images"), []part{{"file", "a.jpg", jpg}, {"owner", "", []byte("x")}}, 422, `"field":"owner"`},
		{"alt too long", env.path("/images"), []part{{"file", "a.jpg", jpg}, {"alt", "", []byte(strings.Repeat("a", 301))}}, 422, `"field":"alt"`},
		{"unknown product", missing + "/images", []part{{"file", "a.jpg", jpg}}, 404, "product not found"},
		{"bad product id", "/api/v1/admin/products/nope/images", []part{{"file", "a.jpg", jpg}}, 404, "product not found"},
		{"video with poster", env.path("/videos"), []part{{"title", "", []byte("Demo")}, {"file", "v.mp4", testMP4(100 << 10)}, {"poster", "p.jpg", jpg}}, 201, `"poster_url":"/media/vid/`},
		{"poster before video", env.path("/videos"), []part{{"poster", "p.png", testPNG(t, 50, 50, 255)}, {"file", "v.webm", append([]byte("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm"), make([]byte, 1000)...)}}, 201, `.webm"`},
		{"video without poster", env.path("/videos"), []part{{"file", "v.mp4", testMP4(1000)}}, 422, `"field":"poster"`},
		{"video that is not a video", env.path("/videos"), []part{{"file", "v.mp4", []byte("<html>not a video</html>")}, {"poster", "p.jpg", jpg}}, 422, "must be an MP4 or WebM"},
		{"poster that is not an image", env.path("/videos"), []part{{"file", "v.mp4", testMP4(1000)}, {"poster", "p.jpg", []byte("<?php")}}, 422, `"field":"poster"`},
		{"video over its limit", env.path("/videos"), []part{{"file", "v.mp4", testMP4(512<<10 + 1)}, {"poster", "p.jpg", jpg}}, 422, "must be at most 512 KiB"},
		{"datasheet", env.path("/datasheets"), []part{{"file", "Drill Manual (EN).pdf", testPDF()}}, 201, `"title":"Drill Manual (EN)"`},
		{"datasheet with title", env.path("/datasheets"), []part{{"file", "x.pdf", testPDF()}, {"title", "", []byte("Safety sheet")}}, 201, `"title":"Safety sheet"`},
		{"datasheet that is not a pdf", env.path("/datasheets"), []part{{"file", "x.pdf", []byte("<html>")}}, 422, "must be a PDF"},
		{"datasheet too large", env.path("/datasheets"), []part{{"file", "x.pdf", append(testPDF(), make([]byte, 64<<10)...)}}, 422, "must be at most"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := env.upload(tc.path, tc.parts...)
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.want) {
				t.Fatalf("%d %s; want %d with %q", rec.Code, rec.Body, tc.status, tc.want)
			}
			if rec.Code >= 400 && rec.Header().Get("Content-Type") != httpx.ProblemContentType {
				t.Fatalf("error content type %q", rec.Header().Get("Content-Type"))
			}
		})
	}
	// Refused uploads left no file behind: the store holds exactly the accepted media's files.
	ms, err := env.media.List(context.Background(), env.product.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{}
	for _, m := range ms {
		for _, k := range m.keys() {
			want[k] = true
		}
	}
	for _, dir := range []string{"img/", "vid/", "doc/"} {
		files, err := env.files.List(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if !want[f.Key] {
				t.Errorf("orphan file %s", f.Key)
			}
			delete(want, f.Key)
		}
	}
	if len(want) != 0 || len(ms) != 6 {
		t.Fatalf("%d media; files missing: %v", len(ms), want)
	}
	// Not multipart at all.
	if rec := env.do("POST", env.path("/images"), `{"file":"x"}`); rec.Code != 415 {
		t.Fatalf("json to an upload route: %d %s", rec.Code, rec.Body)
	}
}

func TestMediaLifecycle(t *testing.T) {
	env := newMediaEnv(t, nil, MediaLimits{})
	ctx := context.Background()
	img := decode[MediaView](t, env.upload(env.path("/images"), part{"file", "a.jpg", testJPEG(t, 1200, 800)}, part{"alt", "", []byte("Drill, side")}))
	if img.Kind != MediaImage || *img.Width != 1200 || img.Thumbnails == nil || img.Thumbnails.Large == *img.URL || img.Thumbnails.Small == img.Thumbnails.Medium {
		t.Fatalf("image %+v", img)
	}
	for _, u := range []string{*img.URL, img.Thumbnails.Small, img.Thumbnails.Medium, img.Thumbnails.Large} {
		if !env.exists(u) {
			t.Fatalf("%s not stored", u)
		}
	}
	small := decode[MediaView](t, env.upload(env.path("/images"), part{"file", "s.png", testPNG(t, 200, 100, 255)}))
	if small.Thumbnails.Medium != *small.URL || small.Thumbnails.Large != *small.URL || small.Thumbnails.Small == *small.URL {
		t.Fatalf("small image thumbnails %+v (should fall back to the original, not upscale)", small.Thumbnails)
	}
	link := env.do("POST", env.path("/video-links"), `{"url":"https://youtu.be/M7lc1UVf-VE","title":"How it works"}`)
	lv := decode[MediaView](t, link)
	if link.Code != 201 || lv.Kind != MediaYouTube || *lv.EmbedURL != "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE" || lv.URL != nil {
		t.Fatalf("link %d %s", link.Code, link.Body)
	}
	for _, bad := range []string{`{"url":"javascript:alert(1)"}`, `{"url":"https://evil.example/watch?v=M7lc1UVf-VE"}`, `{"url":""}`, `{"url":"https://youtu.be/M7lc1UVf-VE","extra":1}`} {
		if rec := env.do("POST", env.path("/video-links"), bad); rec.Code != 422 && rec.Code != 400 {
			t.Errorf("%s: %d %s", bad, rec.Code, rec.Body)
		}
	}
	sheet := decode[MediaView](t, env.upload(env.path("/datasheets"), part{"file", "manual.pdf", testPDF()}))

	// Positions follow upload order; reordering the images alone keeps the others in place.
	list := decode[MediaList](t, env.do("GET", env.path("/media"), ""))
	if got := kinds(list); got != "image image youtube datasheet" {
		t.Fatalf("order %s", got)
	}
	rec := env.do("PUT", env.path("/media/order"), fmt.Sprintf(`{"ids":[%q,%q]}`, small.ID, img.ID))
	list = decode[MediaList](t, rec)
	if rec.Code != 200 || list.Items[0].ID != small.ID || list.Items[1].ID != img.ID || list.Items[2].ID != lv.ID || list.Items[3].ID != sheet.ID {
		t.Fatalf("reorder %d %s", rec.Code, rec.Body)
	}
	rec = env.do("PUT", env.path("/media/order"), fmt.Sprintf(`{"ids":[%q,%q,%q,%q]}`, sheet.ID, lv.ID, img.ID, small.ID))
	if list = decode[MediaList](t, rec); kinds(list) != "datasheet youtube image image" {
		t.Fatalf("full reorder %s", rec.Body)
	}
	for _, bad := range []string{fmt.Sprintf(`{"ids":[%q,%q]}`, img.ID, img.ID), fmt.Sprintf(`{"ids":[%q]}`, uuid.NewString()), `{"ids":[]}`, `{"ids":["x"]}`} {
		if rec := env.do("PUT", env.path("/media/order"), bad); rec.Code != 422 && rec.Code != 400 {
			t.Errorf("reorder %s: %d %s", bad, rec.Code, rec.Body)
		}
	}

	// Product views group the media by kind, in display order, loaded for many products at once.
	views := []ProductView{productView(env.product, false), {ID: uuid.NewString()}}
	if err := (&Handler{svc: env.catalog}).attachMedia(ctx, views); err != nil {
		t.Fatal(err)
	}
	pv := views[0]
	if len(pv.Images) != 2 || pv.Images[0].ID != img.ID || pv.Images[0].Alt != "Drill, side" || pv.Images[0].Thumbnails.Small == "" ||
		len(pv.Videos) != 1 || pv.Videos[0].Kind != "youtube" || *pv.Videos[0].EmbedURL == "" || len(pv.Datasheets) != 1 || pv.Datasheets[0].Bytes != int64(len(testPDF())) {
		t.Fatalf("product view media %+v", pv)
	}
	if views[1].Images == nil || len(views[1].Images) != 0 || views[1].Videos == nil || views[1].Datasheets == nil {
		t.Fatalf("a product without media must have empty lists, not null: %+v", views[1])
	}

	// Text edits: alt for images, title for the rest.
	for _, tc := range []struct {
		id, body string
		status   int
	}{
		{img.ID, `{"alt":"Drill, front"}`, 200},
		{img.ID, `{"title":"x"}`, 422},
		{lv.ID, `{"title":"Setup"}`, 200},
		{lv.ID, `{"alt":"x"}`, 422},
		{sheet.ID, `{"title":"` + strings.Repeat("t", 201) + `"}`, 422},
		{uuid.NewString(), `{"alt":"x"}`, 404},
		{"nope", `{"alt":"x"}`, 404},
	} {
		if rec := env.do("PATCH", env.path("/media/"+tc.id), tc.body); rec.Code != tc.status {
			t.Errorf("PATCH %s %s: %d %s", tc.id, tc.body, rec.Code, rec.Body)
		}
	}

	// Delete removes the row and every file of it.
	if rec := env.do("DELETE", env.path("/media/"+img.ID), ""); rec.Code != 204 {
		t.Fatalf("delete %d %s", rec.Code, rec.Body)
	}
	for _, u := range []string{*img.URL, img.Thumbnails.Small, img.Thumbnails.Medium, img.Thumbnails.Large} {
		if env.exists(u) {
			t.Fatalf("%s still stored after delete", u)
		}
	}
	if rec := env.do("DELETE", env.path("/media/"+img.ID), ""); rec.Code != 404 {
		t.Fatalf("second delete %d", rec.Code)
	}
	if rec := env.do("DELETE", env.path("/media/"+sheet.ID), ""); rec.Code != 204 || env.exists(*sheet.URL) {
		t.Fatalf("delete datasheet %d", rec.Code)
	}
	// Another product's media cannot be reached through this product.
	other, err := env.catalog.CreateProduct(ctx, ProductInput{SKU: "OTH-1", Name: "Other", Status: Active, Audience: B2C, PriceAmount: 1, Currency: "USD"})
	if err != nil {
		t.Fatal(err)
	}
	if rec := env.do("DELETE", "/api/v1/admin/products/"+other.ID.String()+"/media/"+small.ID, ""); rec.Code != 404 {
		t.Fatalf("cross-product delete %d", rec.Code)
	}
	if rec := env.do("GET", "/api/v1/admin/products/"+uuid.NewString()+"/media", ""); rec.Code != 404 {
		t.Fatalf("media of an unknown product %d", rec.Code)
	}

	// Every change left an audit entry.
	entries, err := env.audit.List(ctx, audit.Query{EntityType: "product", EntityID: env.product.ID.String(), Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, e := range entries {
		counts[e.Action]++
	}
	if counts["product.media_added"] != 4 || counts["product.media_reordered"] != 2 || counts["product.media_updated"] != 2 || counts["product.media_deleted"] != 2 {
		t.Fatalf("audit %v", counts)
	}
}

func kinds(l MediaList) string {
	var out []string
	for _, m := range l.Items {
		out = append(out, string(m.Kind))
	}
	return strings.Join(out, " ")
}

func TestMediaLimitPerProduct(t *testing.T) {
	env := newMediaEnv(t, nil, MediaLimits{})
	ctx := context.Background()
	for i := range maxMediaPerProduct {
		if _, err := env.media.AddVideoLink(ctx, env.product.ID, fmt.Sprintf("https://vimeo.com/%d", i+1), ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := env.media.AddVideoLink(ctx, env.product.ID, "https://vimeo.com/999", ""); err != ErrTooManyMedia {
		t.Fatalf("51st media: %v", err)
	}
	rec := env.upload(env.path("/images"), part{"file", "a.jpg", testJPEG(t, 32, 32)})
	if rec.Code != 409 {
		t.Fatalf("upload over the limit: %d %s", rec.Code, rec.Body)
	}
	if files, _ := env.files.List(ctx, "img/"); len(files) != 0 {
		t.Fatalf("refused upload left files %v", files)
	}
}

// Serving: content type from the stored kind, never sniffed; cache, CSP, Range; 404 for anything
// that is not a stored key. Run on the local directory and on S3.
func TestServingMedia(t *testing.T) {
	o := fakes3.Start(t, "media")
	o.Prefix = "media"
	s3, err := filestore.NewS3(o)
	if err != nil {
		t.Fatal(err)
	}
	for name, files := range map[string]filestore.Store{"local": nil, "s3": s3} {
		t.Run(name, func(t *testing.T) {
			env := newMediaEnv(t, files, MediaLimits{})
			img := decode[MediaView](t, env.upload(env.path("/images"), part{"file", "a.jpg", testJPEG(t, 600, 400)}))
			vid := decode[MediaView](t, env.upload(env.path("/videos"), part{"file", "v.mp4", testMP4(5000)}, part{"poster", "p.jpg", testJPEG(t, 64, 64)}))
			pdf := decode[MediaView](t, env.upload(env.path("/datasheets"), part{"file", `..\Spec "sheet" <1>.pdf`, testPDF()}))
			if img.URL == nil || vid.URL == nil || pdf.URL == nil {
				t.Fatal("uploads failed")
			}
			for _, tc := range []struct {
				name, url, ctype string
			}{
				{"image", *img.URL, "image/jpeg"},
				{"thumbnail", img.Thumbnails.Small, "image/jpeg"},
				{"video", *vid.URL, "video/mp4"},
				{"poster", *vid.PosterURL, "image/jpeg"},
				{"pdf", *pdf.URL, "application/pdf"},
			} {
				rec := env.do("GET", tc.url, "")
				h := rec.Header()
				if rec.Code != 200 || h.Get("Content-Type") != tc.ctype || h.Get("X-Content-Type-Options") != "nosniff" ||
					h.Get("Cache-Control") != "public, max-age=31536000, immutable" || h.Get("Content-Security-Policy") != "default-src 'none'; sandbox" {
					t.Fatalf("%s: %d %v", tc.name, rec.Code, h)
				}
				if tc.name == "pdf" && h.Get("Content-Disposition") != `inline; filename=spec-sheet-1.pdf` {
					t.Fatalf("pdf disposition %q", h.Get("Content-Disposition"))
				}
				// Revalidation is cheap: the key is the ETag.
				if again := env.do("GET", tc.url, "", "If-None-Match", h.Get("ETag")); again.Code != 304 {
					t.Fatalf("%s conditional GET: %d", tc.name, again.Code)
				}
			}
			// Range requests let a <video> seek; the gzip middleware must not touch them.
			rec := env.do("GET", *vid.URL, "", "Range", "bytes=4990-", "Accept-Encoding", "gzip")
			if rec.Code != 206 || rec.Header().Get("Content-Range") != "bytes 4990-4999/5000" || rec.Body.Len() != 10 || rec.Header().Get("Content-Encoding") != "" {
				t.Fatalf("range: %d %v %d", rec.Code, rec.Header(), rec.Body.Len())
			}
			full := env.do("GET", *img.URL, "", "Accept-Encoding", "gzip")
			if full.Header().Get("Content-Encoding") != "" {
				t.Fatal("an image was gzipped")
			}
			if _, err := gzip.NewReader(bytes.NewReader(full.Body.Bytes())); err == nil {
				t.Fatal("image body is gzip")
			}
			if head := env.do("HEAD", *img.URL, ""); head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("Content-Type") != "image/jpeg" {
				t.Fatalf("HEAD: %d", head.Code)
			}
			for _, bad := range []string{
				"/media/img/" + uuid.NewString() + ".jpg",                     // well-formed, not stored
				"/media/img/../../etc/passwd",                                 // traversal
				"/media/img/%2e%2e/%2e%2e/etc/passwd",                         //
				"/media/" + strings.TrimPrefix(*img.URL, "/media/") + ".html", // other extension
				"/media/img/not-a-key.jpg",                                    //
				"/media/registrations/x/y",                                    // other files of the store
				"/media/",                                                     //
				"/media/vid/" + uuid.NewString() + ".php",                     //
				strings.ToUpper(*img.URL),                                     //
			} {
				rec := env.do("GET", bad, "")
				if rec.Code != 404 || rec.Header().Get("Content-Type") != httpx.ProblemContentType {
					t.Errorf("%s: %d %s", bad, rec.Code, rec.Header().Get("Content-Type"))
				}
			}
			// Delete removes the files on either store.
			if rec := env.do("DELETE", env.path("/media/"+vid.ID), ""); rec.Code != 204 {
				t.Fatalf("delete %d", rec.Code)
			}
			for _, u := range []string{*vid.URL, *vid.PosterURL} {
				if env.exists(u) || env.do("GET", u, "").Code != 404 {
					t.Fatalf("%s served after delete", u)
				}
			}
		})
	}
}

func TestStreamedVideoIsNotBuffered(t *testing.T) {
	env := newMediaEnv(t, nil, MediaLimits{MaxVideoBytes: 8 << 20})
	ctx := context.Background()
	// A reader that yields 6 MiB without ever holding it: the store copies it in small pieces.
	r := io.MultiReader(bytes.NewReader(testMP4(512)), io.LimitReader(zeros{}, 6<<20))
	f, err := env.media.StageVideo(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if f.Bytes != 512+6<<20 || f.ContentType != "video/mp4" {
		t.Fatalf("staged %+v", f)
	}
	// Over the limit: refused, and the partial file is gone.
	_, err = env.media.StageVideo(ctx, io.MultiReader(bytes.NewReader(testMP4(512)), io.LimitReader(zeros{}, 9<<20)))
	if msg := fieldMessage(t, err); !strings.Contains(msg, "at most 8 MiB") {
		t.Fatalf("over limit: %s", msg)
	}
	files, _ := env.files.List(ctx, "vid/")
	if len(files) != 1 || files[0].Key != f.Key {
		t.Fatalf("files %v", files)
	}
	// A staged video whose poster is refused is deleted.
	if _, err := env.media.AddVideo(ctx, env.product.ID, f, []byte("nope"), ""); err == nil {
		t.Fatal("bad poster accepted")
	}
	if env.exists(MediaURL(f.Key)) {
		t.Fatal("staged video kept after a refused poster")
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
