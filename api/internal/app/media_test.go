package app

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/openoms/oms/api/internal/catalog"
	"github.com/openoms/oms/api/internal/config"
	"github.com/openoms/oms/api/internal/platform/filestore/fakes3"
)

func (e *apiEnv) mediaUpload(path, token string, fields map[string]string, filename string, file []byte) response {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile("file", filename)
	_, _ = fw.Write(file)
	_ = w.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	rec := httptest.NewRecorder()
	e.a.Echo().ServeHTTP(rec, req)
	return response{rec, e.t}
}

// photo is a JPEG with an EXIF block holding a GPS-like string, as phones write them.
func photo(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	seg := append([]byte("Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00"), "GPS 51.5007N 0.1246W"...)
	var out bytes.Buffer
	out.Write(b.Bytes()[:2])
	out.Write([]byte{0xFF, 0xE1})
	_ = binary.Write(&out, binary.BigEndian, uint16(len(seg)+2))
	out.Write(seg)
	out.Write(b.Bytes()[2:])
	return out.Bytes()
}

// productFor returns a demo product of the audience.
// productFor creates an active product for an audience, with no media yet (demo products come
// with generated images).
func (e *apiEnv) productFor(audience catalog.Audience) catalog.ProductView {
	e.t.Helper()
	sku := "MEDIA-" + strings.ToUpper(string(audience))
	res := e.do("POST", "/api/v1/admin/products", e.login("sales@oms.example.com"),
		`{"sku":"`+sku+`","name":"Media test `+string(audience)+`","status":"active","audience":"`+string(audience)+`","price":{"amount":1000,"currency":"USD"},"stock_on_hand":5}`)
	if res.Code != 201 {
		e.t.Fatalf("create %s product: %d %s", audience, res.Code, res.Body)
	}
	var p catalog.ProductView
	res.json(&p)
	return p
}

func TestProductMediaThroughTheAPI(t *testing.T) {
	e := newAPI(t, func(c *config.Config) { c.MediaMaxImageBytes = 256 << 10 })
	sales := e.login("sales@oms.example.com")
	support := e.login("support@oms.example.com")
	consumer := e.loginAs("casey@example.com", DemoPassword)
	b2c := e.productFor(catalog.B2C)
	b2b := e.productFor(catalog.B2B)
	images := func(id string) string { return "/api/v1/admin/products/" + id + "/images" }
	img := photo(t, 800, 600)

	for _, tc := range []struct {
		name, path, token, filename string
		file                        []byte
		status                      int
		want                        string
	}{
		{"guest", images(b2c.ID), "", "a.jpg", img, 401, ""},
		{"customer", images(b2c.ID), consumer, "a.jpg", img, 403, ""},
		{"support staff", images(b2c.ID), support, "a.jpg", img, 403, ""},
		{"unknown product", images(uuid.NewString()), sales, "a.jpg", img, 404, "product not found"},
		{"php renamed .jpg", images(b2c.ID), sales, "shell.jpg", []byte("<?php system($_GET['c']); ?>"), 422, "must be a JPEG, PNG or WebP"},
		{"html renamed .jpg", images(b2c.ID), sales, "page.jpg", []byte("<!doctype html><script>alert(1)</script>"), 422, "must be a JPEG, PNG or WebP"},
		{"svg renamed .jpg", images(b2c.ID), sales, "logo.jpg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`), 422, "must be a JPEG, PNG or WebP"},
		{"over the image limit", images(b2c.ID), sales, "big.jpg", append(photo(t, 8, 8), make([]byte, 256<<10)...), 422, "must be at most 256 KiB"},
		{"over the body limit", images(b2c.ID), sales, "huge.jpg", make([]byte, 1<<20), 413, ""},
		{"b2c image", images(b2c.ID), sales, "a.jpg", img, 201, `"kind":"image"`},
		{"b2b image", images(b2b.ID), sales, "b.jpg", img, 201, `"kind":"image"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := e.mediaUpload(tc.path, tc.token, map[string]string{"alt": "Product photo"}, tc.filename, tc.file)
			if res.Code != tc.status || !strings.Contains(res.Body.String(), tc.want) {
				t.Fatalf("%d %s; want %d %q", res.Code, res.Body, tc.status, tc.want)
			}
		})
	}
	if res := e.do("POST", "/api/v1/admin/products/"+b2c.ID+"/video-links", sales, `{"url":"https://youtu.be/M7lc1UVf-VE","title":"In use"}`); res.Code != 201 {
		t.Fatalf("video link %d %s", res.Code, res.Body)
	}

	// A guest sees the consumer product's image, thumbnails and video, by slug and in the list.
	res := e.do("GET", "/api/v1/products/"+b2c.Slug, "", "")
	var view catalog.ProductView
	res.json(&view)
	if res.Code != 200 || len(view.Images) != 1 || view.Images[0].Alt != "Product photo" || view.Images[0].Width != 800 ||
		len(view.Videos) != 1 || *view.Videos[0].EmbedURL != "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE" || view.Datasheets == nil {
		t.Fatalf("guest view %d %s", res.Code, res.Body)
	}
	var listed bool
	for _, p := range e.allProducts("", "sort=newest") {
		if p.ID == b2c.ID {
			listed = len(p.Images) == 1 && p.Images[0].URL == view.Images[0].URL
		}
	}
	if !listed {
		t.Fatal("the list does not carry the product's image")
	}
	// The file is served as a JPEG, re-encoded: the EXIF block and its GPS text are gone.
	file := e.do("GET", view.Images[0].URL, "", "")
	if file.Code != 200 || file.Header().Get("Content-Type") != "image/jpeg" || file.Header().Get("X-Content-Type-Options") != "nosniff" ||
		!strings.HasPrefix(file.Header().Get("Cache-Control"), "public, max-age=31536000") {
		t.Fatalf("serving %d %v", file.Code, file.Header())
	}
	if bytes.Contains(file.Body.Bytes(), []byte("Exif")) || bytes.Contains(file.Body.Bytes(), []byte("GPS")) || !bytes.Contains(img, []byte("GPS")) {
		t.Fatal("EXIF survived the upload")
	}
	for _, u := range []string{view.Images[0].Thumbnails.Small, view.Images[0].Thumbnails.Medium, view.Images[0].Thumbnails.Large} {
		if r := e.do("GET", u, "", ""); r.Code != 200 {
			t.Fatalf("thumbnail %s: %d", u, r.Code)
		}
	}
	// The business product's media appear nowhere a guest or consumer can look.
	for _, tok := range []string{"", consumer} {
		if r := e.do("GET", "/api/v1/products/"+b2b.ID, tok, ""); r.Code != 404 {
			t.Fatalf("b2b product visible: %d", r.Code)
		}
		for _, p := range e.allProducts(tok, "sort=newest") {
			if p.ID == b2b.ID {
				t.Fatal("b2b product listed")
			}
		}
	}
	business := e.loginAs("purchasing@northwind.example.com", DemoPassword)
	var bview catalog.ProductView
	e.do("GET", "/api/v1/products/"+b2b.ID, business, "").json(&bview)
	if len(bview.Images) != 1 {
		t.Fatalf("business sees %d images of its product", len(bview.Images))
	}
	// Staff manage media: list, delete (which removes the files).
	var list catalog.MediaList
	e.do("GET", "/api/v1/admin/products/"+b2c.ID+"/media", sales, "").json(&list)
	if len(list.Items) != 2 {
		t.Fatalf("media list %+v", list)
	}
	if r := e.do("DELETE", "/api/v1/admin/products/"+b2c.ID+"/media/"+list.Items[0].ID, support, ""); r.Code != 403 {
		t.Fatalf("support deleting media: %d", r.Code)
	}
	if r := e.do("DELETE", "/api/v1/admin/products/"+b2c.ID+"/media/"+list.Items[0].ID, sales, ""); r.Code != 204 {
		t.Fatalf("delete: %d %s", r.Code, r.Body)
	}
	if r := e.do("GET", view.Images[0].URL, "", ""); r.Code != 404 {
		t.Fatalf("deleted image still served: %d", r.Code)
	}
}

// With a bucket configured, media go to S3 (here an in-process fake) and are served from there.
func TestProductMediaOnS3(t *testing.T) {
	o := fakes3.Start(t, "oms-media")
	e := newAPI(t, func(c *config.Config) {
		c.MediaS3Bucket, c.S3Endpoint, c.S3Region, c.S3AccessKeyID, c.S3SecretAccessKey, c.S3UseSSL = o.Bucket, o.Endpoint, o.Region, o.AccessKeyID, o.SecretAccessKey, false
	})
	sales := e.login("sales@oms.example.com")
	p := e.productFor(catalog.Both)
	res := e.mediaUpload("/api/v1/admin/products/"+p.ID+"/images", sales, nil, "a.jpg", photo(t, 300, 200))
	var m catalog.MediaView
	res.json(&m)
	if res.Code != 201 || m.URL == nil {
		t.Fatalf("upload %d %s", res.Code, res.Body)
	}
	if _, err := e.a.Media.Files().Stat(t.Context(), strings.TrimPrefix(*m.URL, "/media/")); err != nil {
		t.Fatalf("not in the bucket: %v", err)
	}
	if r := e.do("GET", *m.URL, "", "", "Range", "bytes=0-1"); r.Code != 206 || r.Body.String() != "\xff\xd8" {
		t.Fatalf("range from S3: %d %q", r.Code, r.Body)
	}
}
