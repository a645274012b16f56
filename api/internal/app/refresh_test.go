package app

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/auth"
)

func TestRefreshRotationAndReuse(t *testing.T) {
	e := newAPI(t)
	var first auth.TokenResponse
	e.do("POST", "/api/v1/auth/login", "", `{"login":"casey@example.com","password":"`+DemoPassword+`"}`).json(&first)
	if !strings.HasPrefix(first.RefreshToken, "ort_") {
		t.Fatalf("login gave no refresh token: %+v", first)
	}
	refresh := func(tok string) response {
		return e.do("POST", "/api/v1/auth/refresh", "", `{"refresh_token":"`+tok+`"}`)
	}
	res := refresh(first.RefreshToken)
	var second auth.TokenResponse
	res.json(&second)
	if res.Code != 200 || second.RefreshToken == first.RefreshToken || second.AccessToken == "" || res.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("refresh: %d %+v", res.Code, second)
	}
	var me map[string]any
	e.do("GET", "/api/v1/me", second.AccessToken, "").json(&me)
	if me["email"] != "casey@example.com" || me["roles"].([]any)[0] != "customer" {
		t.Fatalf("me after refresh: %v", me)
	}
	// Presenting the used token again means it leaked: the whole login is revoked.
	if res := refresh(first.RefreshToken); res.Code != 401 {
		t.Fatalf("reuse: %d", res.Code)
	}
	if res := refresh(second.RefreshToken); res.Code != 401 {
		t.Fatalf("newest token of a revoked family: %d", res.Code)
	}
	for _, bad := range []string{"", "ort_nope", "eyJhbGciOi.x.y"} {
		if res := refresh(bad); res.Code != 401 {
			t.Errorf("refresh %q: %d", bad, res.Code)
		}
	}
}

func TestRefreshCookieForTheWebApp(t *testing.T) {
	e := newAPI(t)
	res := e.do("POST", "/api/v1/auth/login", "", `{"login":"admin@oms.example.com","password":"`+DemoPassword+`","use_cookie":true}`)
	var tok auth.TokenResponse
	res.json(&tok)
	if res.Code != 200 || tok.RefreshToken != "" {
		t.Fatalf("cookie login must keep the refresh token out of the body: %+v", tok)
	}
	ck := cookie(t, res.Result())
	if !ck.HttpOnly || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/api/v1/auth" || !strings.HasPrefix(ck.Value, "ort_") {
		t.Fatalf("cookie %+v", ck)
	}
	withCookie := func(path string, c *http.Cookie) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", path, nil)
		req.AddCookie(c)
		rec := httptest.NewRecorder()
		e.a.Echo().ServeHTTP(rec, req)
		return rec
	}
	rec := withCookie("/api/v1/auth/refresh", ck)
	if rec.Code != 200 || strings.Contains(rec.Body.String(), "ort_") {
		t.Fatalf("cookie refresh: %d %s", rec.Code, rec.Body)
	}
	next := cookie(t, rec.Result())
	if next.Value == ck.Value {
		t.Fatal("cookie not rotated")
	}
	rec = withCookie("/api/v1/auth/logout", next)
	if rec.Code != 204 || cookie(t, rec.Result()).MaxAge >= 0 {
		t.Fatalf("logout: %d, cookie %+v", rec.Code, rec.Result().Cookies())
	}
	if rec := withCookie("/api/v1/auth/refresh", next); rec.Code != 401 {
		t.Fatalf("refresh after logout: %d", rec.Code)
	}
	if rec := withCookie("/api/v1/auth/logout", next); rec.Code != 204 {
		t.Fatalf("logout twice: %d", rec.Code)
	}
}

func cookie(t *testing.T, res *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range res.Cookies() {
		if c.Name == auth.RefreshCookie {
			return c
		}
	}
	t.Fatalf("no %s cookie in %v", auth.RefreshCookie, res.Header["Set-Cookie"])
	return nil
}
