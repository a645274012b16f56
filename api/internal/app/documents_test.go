package app

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/registration"
)

func (e *apiEnv) upload(id, token, filename string, content []byte) response {
	e.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("token", token)
	fw, _ := w.CreateFormFile("file", filename)
	_, _ = fw.Write(content)
	_ = w.Close()
	req := httptest.NewRequest("POST", "/api/v1/registrations/"+id+"/documents", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	rec := httptest.NewRecorder()
	e.a.Echo().ServeHTTP(rec, req)
	return response{rec, e.t}
}

func TestRegistrationDocuments(t *testing.T) {
	e := newAPI(t)
	b := business()
	id, token := e.apply(b)
	pdf := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)

	res := e.upload(id, token, `..\..\certificate "of" incorporation.pdf`, pdf)
	var doc registration.DocumentView
	res.json(&doc)
	if res.Code != 201 || doc.ContentType != "application/pdf" || doc.SizeBytes != int64(len(pdf)) || doc.Filename != `certificate of incorporation.pdf` {
		t.Fatalf("pdf upload: %d %+v", res.Code, doc)
	}
	for _, tc := range []struct {
		name, token, filename string
		content               []byte
		want                  int
	}{
		{"html dressed as a pdf", token, "evil.pdf", []byte("<html><script>alert(1)</script></html>"), 422},
		{"svg", token, "logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), 422},
		{"wrong token", "nope", "a.pdf", pdf, 404},
		{"too large", token, "big.pdf", append(append([]byte{}, pdf...), make([]byte, 6<<20)...), 413},
		{"png", token, "tax.png", png, 201},
	} {
		if res := e.upload(id, tc.token, tc.filename, tc.content); res.Code != tc.want {
			t.Errorf("%s: %d %s", tc.name, res.Code, res.Body)
		}
	}
	for range 3 {
		e.upload(id, token, "more.pdf", pdf)
	}
	if res := e.upload(id, token, "sixth.pdf", pdf); res.Code != 409 {
		t.Fatalf("sixth document: %d", res.Code)
	}

	support := e.login("support@oms.example.com")
	var review registration.ReviewView
	e.do("GET", "/api/v1/admin/registrations/"+id, support, "").json(&review)
	if len(review.Documents) != 5 || review.Documents[0].ID != doc.ID {
		t.Fatalf("reviewer sees %d documents", len(review.Documents))
	}
	path := "/api/v1/admin/registrations/" + id + "/documents/" + doc.ID
	dl := e.do("GET", path, support, "")
	if dl.Code != 200 || dl.Header().Get("Content-Type") != "application/pdf" || !bytes.Equal(dl.Body.Bytes(), pdf) ||
		!strings.HasPrefix(dl.Header().Get("Content-Disposition"), "attachment") || dl.Header().Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("download: %d %v", dl.Code, dl.Header())
	}
	customer := e.loginAs("casey@example.com", DemoPassword)
	for name, tok := range map[string]string{"anonymous": "", "customer": customer} {
		if res := e.do("GET", path, tok, ""); res.Code != 401 && res.Code != 403 {
			t.Errorf("%s downloading: %d", name, res.Code)
		}
	}
	if res := e.do("GET", "/api/v1/admin/registrations/"+id+"/documents/0190d0a0-0000-7000-8000-000000000000", support, ""); res.Code != 404 {
		t.Fatalf("unknown document: %d", res.Code)
	}
}
