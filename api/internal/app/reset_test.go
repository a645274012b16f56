package app

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/notify"
)

func TestPasswordReset(t *testing.T) {
	e := newAPI(t)
	var tok auth.TokenResponse
	e.do("POST", "/api/v1/auth/login", "", `{"login":"casey@example.com","password":"`+DemoPassword+`"}`).json(&tok)
	var me auth.Me
	e.do("GET", "/api/v1/me", tok.AccessToken, "").json(&me)

	// Unknown logins get the same answer and no email.
	if res := e.do("POST", "/api/v1/auth/password-reset", "", `{"login":"ghost@example.com"}`); res.Code != 202 {
		t.Fatalf("unknown login: %d", res.Code)
	}
	if res := e.do("POST", "/api/v1/auth/password-reset", "", `{"login":"`+*me.LoginID+`"}`); res.Code != 202 {
		t.Fatalf("request: %d %s", res.Code, res.Body)
	}
	var page notify.MessagePage
	e.do("GET", "/api/v1/admin/messages?to="+url.QueryEscape("casey@example.com"), e.login("support@oms.example.com"), "").json(&page)
	if len(page.Items) == 0 || page.Items[0].Template != string(notify.TplPasswordReset) {
		t.Fatalf("no reset email: %+v", page.Items)
	}
	code := sixDigits.FindString(page.Items[0].Body)
	if !strings.Contains(page.Items[0].Body, "/reset-password?code="+code) {
		t.Fatalf("reset email without a link: %s", page.Items[0].Body)
	}
	confirm := func(login, c, pw string) response {
		return e.do("POST", "/api/v1/auth/password-reset/confirm", "", fmt.Sprintf(`{"login":%q,"code":%q,"new_password":%q}`, login, c, pw))
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if res := confirm(*me.LoginID, wrong, "a fresh start passphrase"); res.Code != 422 {
		t.Fatalf("wrong code: %d", res.Code)
	}
	if res := confirm(*me.LoginID, code, "qwerty123456"); res.Code != 422 || !strings.Contains(res.Body.String(), "new_password") {
		t.Fatalf("weak password: %d %s", res.Code, res.Body)
	}
	if res := confirm("ghost@example.com", code, "a fresh start passphrase"); res.Code != 422 {
		t.Fatalf("unknown login: %d", res.Code)
	}
	if res := confirm(*me.LoginID, code, "a fresh start passphrase"); res.Code != 204 {
		t.Fatalf("confirm: %d %s", res.Code, res.Body)
	}
	if res := confirm(*me.LoginID, code, "another fresh passphrase"); res.Code != 422 {
		t.Fatalf("code used twice: %d", res.Code)
	}
	if res := e.customerLogin("casey@example.com", "a fresh start passphrase"); res.Code != 200 {
		t.Fatalf("login with the new password: %d", res.Code)
	}
	if res := e.do("POST", "/api/v1/auth/refresh", "", `{"refresh_token":"`+tok.RefreshToken+`"}`); res.Code != 401 {
		t.Fatalf("login from before the reset survived: %d", res.Code)
	}

	// Five wrong tries use a code up.
	e.do("POST", "/api/v1/auth/password-reset", "", `{"login":"casey@example.com"}`)
	e.do("GET", "/api/v1/admin/messages?to="+url.QueryEscape("casey@example.com"), e.login("support@oms.example.com"), "").json(&page)
	code = sixDigits.FindString(page.Items[0].Body)
	wrong = "000000"
	if code == wrong {
		wrong = "111111"
	}
	for range 5 {
		confirm("casey@example.com", wrong, "yet another passphrase")
	}
	if res := confirm("casey@example.com", code, "yet another passphrase"); res.Code != 422 {
		t.Fatalf("right code after 5 wrong tries: %d", res.Code)
	}
}
