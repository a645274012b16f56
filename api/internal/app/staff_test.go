package app

import (
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/auth"
)

func TestStaffAdministration(t *testing.T) {
	e := newAPI(t)
	admin, support := e.login("admin@oms.example.com"), e.login("support@oms.example.com")
	var me auth.Me
	e.do("GET", "/api/v1/me", admin, "").json(&me)

	if res := e.do("GET", "/api/v1/admin/users", support, ""); res.Code != 403 {
		t.Fatalf("support listing staff: %d", res.Code)
	}
	for _, tc := range []struct {
		name, body string
		want       int
	}{
		{"weak password", `{"email":"new@oms.example.com","name":"New Person","role":"sales","password":"short"}`, 422},
		{"unknown role", `{"email":"new@oms.example.com","name":"New Person","role":"owner","password":"a very fine passphrase"}`, 422},
		{"existing email", `{"email":"SALES@oms.example.com","name":"X","role":"sales","password":"a very fine passphrase"}`, 409},
		{"created", `{"email":"new@oms.example.com","name":"New Person","role":"sales","password":"a very fine passphrase"}`, 201},
	} {
		if res := e.do("POST", "/api/v1/admin/users", admin, tc.body); res.Code != tc.want {
			t.Errorf("%s: %d %s", tc.name, res.Code, res.Body)
		}
	}
	var list auth.StaffList
	e.do("GET", "/api/v1/admin/users", admin, "").json(&list)
	var created auth.StaffView
	for _, u := range list.Items {
		if u.Email == "new@oms.example.com" {
			created = u
		}
	}
	if created.Role != auth.RoleSales || strings.Contains(e.do("GET", "/api/v1/admin/users", admin, "").Body.String(), "argon2") {
		t.Fatalf("list %+v", list.Items)
	}

	// Disabling ends the account's logins at once.
	var tok auth.TokenResponse
	e.do("POST", "/api/v1/auth/login", "", `{"login":"new@oms.example.com","password":"a very fine passphrase"}`).json(&tok)
	res := e.do("PATCH", "/api/v1/admin/users/"+created.ID, admin, `{"disabled":true}`)
	if res.Code != 200 {
		t.Fatalf("disable: %d %s", res.Code, res.Body)
	}
	if res := e.do("POST", "/api/v1/auth/refresh", "", `{"refresh_token":"`+tok.RefreshToken+`"}`); res.Code != 401 {
		t.Fatalf("refresh of a disabled account: %d", res.Code)
	}
	if res := e.do("POST", "/api/v1/auth/login", "", `{"login":"new@oms.example.com","password":"a very fine passphrase"}`); res.Code != 401 {
		t.Fatalf("login of a disabled account: %d", res.Code)
	}
	for _, tc := range []struct {
		name, id, body string
		want           int
	}{
		{"admin disables self", me.ID, `{"disabled":true}`, 409},
		{"admin demotes self", me.ID, `{"role":"support"}`, 409},
		{"unknown id", "0190d0a0-0000-7000-8000-000000000000", `{"role":"sales"}`, 404},
		{"bad role", created.ID, `{"role":"owner"}`, 422},
		{"re-enable and promote", created.ID, `{"disabled":false,"role":"fulfilment"}`, 200},
	} {
		if res := e.do("PATCH", "/api/v1/admin/users/"+tc.id, admin, tc.body); res.Code != tc.want {
			t.Errorf("%s: %d %s", tc.name, res.Code, res.Body)
		}
	}
	if res := e.do("POST", "/api/v1/auth/login", "", `{"login":"new@oms.example.com","password":"a very fine passphrase"}`); res.Code != 200 {
		t.Fatalf("login after re-enabling: %d", res.Code)
	}
}

func TestChangePassword(t *testing.T) {
	e := newAPI(t)
	var tok auth.TokenResponse
	e.do("POST", "/api/v1/auth/login", "", `{"login":"casey@example.com","password":"`+DemoPassword+`"}`).json(&tok)
	for _, tc := range []struct {
		name, body string
		want       int
		field      string
	}{
		{"wrong current password", `{"current_password":"nope nope nope","new_password":"a brand new passphrase"}`, 422, "current_password"},
		{"weak new password", `{"current_password":"` + DemoPassword + `","new_password":"qwerty123456"}`, 422, "new_password"},
		{"missing new password", `{"current_password":"` + DemoPassword + `"}`, 422, "new_password"},
		{"changed", `{"current_password":"` + DemoPassword + `","new_password":"a brand new passphrase"}`, 204, ""},
	} {
		res := e.do("POST", "/api/v1/me/password", tok.AccessToken, tc.body)
		if res.Code != tc.want || !strings.Contains(res.Body.String(), tc.field) {
			t.Fatalf("%s: %d %s", tc.name, res.Code, res.Body)
		}
	}
	if res := e.do("POST", "/api/v1/me/password", "", `{"current_password":"x","new_password":"y"}`); res.Code != 401 {
		t.Fatalf("anonymous: %d", res.Code)
	}
	if res := e.customerLogin("casey@example.com", DemoPassword); res.Code != 401 {
		t.Fatalf("old password still works: %d", res.Code)
	}
	if res := e.customerLogin("casey@example.com", "a brand new passphrase"); res.Code != 200 {
		t.Fatalf("new password: %d", res.Code)
	}
	if res := e.do("POST", "/api/v1/auth/refresh", "", `{"refresh_token":"`+tok.RefreshToken+`"}`); res.Code != 401 {
		t.Fatalf("a login from before the change survived: %d", res.Code)
	}
}
