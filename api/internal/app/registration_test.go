package app

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openoms/oms/api/internal/notify"
	"github.com/openoms/oms/api/internal/registration"
)

type applicant struct {
	Type     string            `json:"type"`
	Name     string            `json:"name"`
	Email    string            `json:"email"`
	Phone    string            `json:"phone"`
	Password string            `json:"password"`
	Address  map[string]string `json:"address"`
	Company  map[string]string `json:"company,omitempty"`
}

var seq int

// consumer returns a valid consumer application with unique contact details.
func consumer() applicant {
	seq++
	return applicant{Type: "consumer", Name: "Grace Hopper", Email: fmt.Sprintf("grace%d@example.com", seq),
		Phone: fmt.Sprintf("+1415555%04d", 2000+seq), Password: "cobol compilers rule 1959",
		Address: map[string]string{"line1": "1 Market Street", "city": "San Francisco", "postal_code": "94105", "country": "US"}}
}

func business() applicant {
	a := consumer()
	a.Type = "business"
	a.Company = map[string]string{"legal_name": "Hopper Compilers Inc.", "tax_id": fmt.Sprintf("US12-34567%02d", seq), "registration_number": "C1234567"}
	return a
}

func (a applicant) json() string {
	b, _ := json.Marshal(a)
	return string(b)
}

func (a applicant) with(f func(*applicant)) applicant { f(&a); return a }

// apply submits an application and returns its id and token.
func (e *apiEnv) apply(a applicant) (id, token string) {
	e.t.Helper()
	res := e.do("POST", "/api/v1/registrations", "", a.json())
	if res.Code != 201 {
		e.t.Fatalf("apply: %d %s", res.Code, res.Body)
	}
	var out registration.ApplyResponse
	res.json(&out)
	if out.Status != registration.PendingVerification || out.Token == "" {
		e.t.Fatalf("apply response %+v", out)
	}
	return out.ID, out.Token
}

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// code reads the latest verification code sent to a recipient from the message log, as staff
// do in console mode.
func (e *apiEnv) code(to string) string {
	e.t.Helper()
	var page notify.MessagePage
	e.do("GET", "/api/v1/admin/messages?to="+url.QueryEscape(to), e.login("support@oms.example.com"), "").json(&page)
	for _, m := range page.Items {
		if m.Template == string(notify.TplVerificationCode) {
			if c := sixDigits.FindString(m.Body); c != "" {
				return c
			}
		}
	}
	e.t.Fatalf("no code sent to %s", to)
	return ""
}

func (e *apiEnv) verify(id, token, channel, code string) response {
	e.t.Helper()
	return e.do("POST", "/api/v1/registrations/"+id+"/verify", "", fmt.Sprintf(`{"token":%q,"channel":%q,"code":%q}`, token, channel, code))
}

func (e *apiEnv) verifyBoth(a applicant, id, token string) registration.StatusResponse {
	e.t.Helper()
	if res := e.verify(id, token, "email", e.code(a.Email)); res.Code != 200 {
		e.t.Fatalf("verify email: %d %s", res.Code, res.Body)
	}
	res := e.verify(id, token, "sms", e.code(a.Phone))
	if res.Code != 200 {
		e.t.Fatalf("verify sms: %d %s", res.Code, res.Body)
	}
	var st registration.StatusResponse
	res.json(&st)
	return st
}

func (e *apiEnv) customerLogin(login, password string) response {
	e.t.Helper()
	return e.do("POST", "/api/v1/auth/login", "", fmt.Sprintf(`{"login":%q,"password":%q}`, login, password))
}

var (
	regIDPattern   = regexp.MustCompile(`^REG-\d{4}-\d{6}$`)
	loginIDPattern = regexp.MustCompile(`^C\d{6,}$`)
)

func TestConsumerIsApprovedAutomaticallyAndCanLogIn(t *testing.T) {
	e := newAPI(t)
	a := consumer()
	id, token := e.apply(a)

	if res := e.customerLogin(a.Email, a.Password); res.Code != 401 {
		t.Fatalf("login before approval: %d", res.Code)
	}
	st := e.verifyBoth(a, id, token)
	if st.Status != registration.Approved || st.RegistrationID == nil || st.LoginID == nil {
		t.Fatalf("after both codes: %+v", st)
	}
	if !regIDPattern.MatchString(*st.RegistrationID) || !loginIDPattern.MatchString(*st.LoginID) {
		t.Fatalf("ids %s %s", *st.RegistrationID, *st.LoginID)
	}
	// The customer is told both IDs by email and SMS.
	support := e.login("support@oms.example.com")
	for _, to := range []string{a.Email, a.Phone} {
		var page notify.MessagePage
		e.do("GET", "/api/v1/admin/messages?to="+url.QueryEscape(to), support, "").json(&page)
		if len(page.Items) == 0 || page.Items[0].Template != string(notify.TplRegistrationApproved) ||
			!strings.Contains(page.Items[0].Body, *st.RegistrationID) || !strings.Contains(page.Items[0].Body, *st.LoginID) {
			t.Fatalf("approval notice to %s: %+v", to, page.Items)
		}
	}
	for _, login := range []string{*st.LoginID, strings.ToLower(*st.LoginID), strings.ToUpper(a.Email)} {
		res := e.customerLogin(login, a.Password)
		if res.Code != 200 {
			t.Fatalf("login as %s: %d %s", login, res.Code, res.Body)
		}
	}
	tok := e.loginAs(*st.LoginID, a.Password)
	var me map[string]any
	e.do("GET", "/api/v1/me", tok, "").json(&me)
	if me["registration_id"] != *st.RegistrationID || me["login_id"] != *st.LoginID || me["type"] != "consumer" || me["email"] != a.Email {
		t.Fatalf("me %v", me)
	}
	// A customer is not staff.
	for _, path := range []string{"/api/v1/admin/registrations", "/api/v1/admin/messages"} {
		if res := e.do("GET", path, tok, ""); res.Code != 403 {
			t.Fatalf("customer on %s: %d", path, res.Code)
		}
	}
	// The status page shows the same IDs to the token holder.
	var again registration.StatusResponse
	e.do("GET", "/api/v1/registrations/"+id+"?token="+url.QueryEscape(token), "", "").json(&again)
	if again.Status != registration.Approved || *again.LoginID != *st.LoginID {
		t.Fatalf("status %+v", again)
	}
	// Registration IDs are never issued twice.
	b := consumer()
	id2, token2 := e.apply(b)
	st2 := e.verifyBoth(b, id2, token2)
	if *st2.RegistrationID == *st.RegistrationID || *st2.LoginID == *st.LoginID {
		t.Fatalf("ids reused: %s %s", *st2.RegistrationID, *st2.LoginID)
	}
}

func (e *apiEnv) loginAs(login, password string) string {
	e.t.Helper()
	res := e.customerLogin(login, password)
	if res.Code != 200 {
		e.t.Fatalf("login %s: %d %s", login, res.Code, res.Body)
	}
	var tok map[string]any
	res.json(&tok)
	return tok["access_token"].(string)
}

func TestBusinessGoesToReviewAndStaffDecide(t *testing.T) {
	e := newAPI(t)
	support, fulfilment := e.login("support@oms.example.com"), e.login("fulfilment@oms.example.com")

	approved, rejected := business(), business()
	idA, tokA := e.apply(approved)
	idR, tokR := e.apply(rejected)
	for _, x := range []struct {
		a       applicant
		id, tok string
	}{{approved, idA, tokA}, {rejected, idR, tokR}} {
		if st := e.verifyBoth(x.a, x.id, x.tok); st.Status != registration.PendingReview || st.LoginID != nil {
			t.Fatalf("business after verification: %+v", st)
		}
	}
	if res := e.customerLogin(approved.Email, approved.Password); res.Code != 401 {
		t.Fatalf("login while in review: %d", res.Code)
	}
	if res := e.do("GET", "/api/v1/admin/registrations?status=pending_review", fulfilment, ""); res.Code != 403 {
		t.Fatalf("fulfilment staff may not review: %d", res.Code)
	}
	var queue registration.ApplicationPage
	e.do("GET", "/api/v1/admin/registrations?status=pending_review", support, "").json(&queue)
	if len(queue.Items) != 2 || queue.Items[0].Company == nil || queue.Items[0].Company.LegalName != "Hopper Compilers Inc." {
		t.Fatalf("queue %+v", queue.Items)
	}
	var detail registration.ReviewView
	e.do("GET", "/api/v1/admin/registrations/"+idA, support, "").json(&detail)
	if detail.Email != approved.Email || detail.EmailVerifiedAt == nil || detail.PhoneVerifiedAt == nil {
		t.Fatalf("detail %+v", detail)
	}

	res := e.do("POST", "/api/v1/admin/registrations/"+idA+"/approve", support, "")
	var v registration.ApplicationView
	res.json(&v)
	if res.Code != 200 || v.Status != registration.Approved || v.LoginID == nil || v.ReviewedBy == nil {
		t.Fatalf("approve: %d %+v", res.Code, v)
	}
	if res := e.do("POST", "/api/v1/admin/registrations/"+idA+"/approve", support, ""); res.Code != 409 {
		t.Fatalf("approving twice: %d", res.Code)
	}
	var approvedList registration.ApplicationPage
	e.do("GET", "/api/v1/admin/registrations?status=approved&page_size=100", support, "").json(&approvedList)
	for _, it := range approvedList.Items {
		if it.LoginID == nil || it.RegistrationID == nil {
			t.Fatalf("approved application %s listed without its IDs", it.ID)
		}
	}
	if res := e.customerLogin(*v.LoginID, approved.Password); res.Code != 200 {
		t.Fatalf("approved business login: %d", res.Code)
	}

	if res := e.do("POST", "/api/v1/admin/registrations/"+idR+"/reject", support, `{"reason":"  "}`); res.Code != 422 {
		t.Fatalf("reject without reason: %d", res.Code)
	}
	res = e.do("POST", "/api/v1/admin/registrations/"+idR+"/reject", support, `{"reason":"We could not confirm the company registration number."}`)
	if res.Code != 200 {
		t.Fatalf("reject: %d %s", res.Code, res.Body)
	}
	if res := e.customerLogin(rejected.Email, rejected.Password); res.Code != 401 {
		t.Fatalf("rejected applicant logged in: %d", res.Code)
	}
	var st registration.StatusResponse
	e.do("GET", "/api/v1/registrations/"+idR+"?token="+url.QueryEscape(tokR), "", "").json(&st)
	if st.Status != registration.Rejected || st.RejectReason == nil || st.LoginID != nil {
		t.Fatalf("rejected status %+v", st)
	}
	var page notify.MessagePage
	e.do("GET", "/api/v1/admin/messages?to="+url.QueryEscape(rejected.Email), support, "").json(&page)
	if page.Items[0].Template != string(notify.TplRegistrationRejected) || !strings.Contains(page.Items[0].Body, "company registration number") {
		t.Fatalf("rejection email %+v", page.Items[0])
	}
}

func TestApplicationValidationAndScreening(t *testing.T) {
	e := newAPI(t)
	existing := consumer()
	id, token := e.apply(existing)
	e.verifyBoth(existing, id, token)
	var before int64
	e.a.DB.Gorm.Model(&registration.Application{}).Count(&before)

	for _, tc := range []struct {
		name   string
		body   string
		want   int
		detail string
	}{
		{"email of an existing customer", consumer().with(func(a *applicant) { a.Email = strings.ToUpper(existing.Email) }).json(), 409, "email address already exists"},
		{"phone of an existing customer", consumer().with(func(a *applicant) { a.Phone = "(415) 555-" + existing.Phone[8:] }).json(), 409, "phone number already exists"},
		{"common password", consumer().with(func(a *applicant) { a.Password = "qwerty123456" }).json(), 422, "most common"},
		{"password with the name", consumer().with(func(a *applicant) { a.Password = "hopper forever and ever" }).json(), 422, "your name"},
		{"bad email", consumer().with(func(a *applicant) { a.Email = "grace@" }).json(), 422, "email"},
		{"bad phone", consumer().with(func(a *applicant) { a.Phone = "12345" }).json(), 422, "phone"},
		{"bad country", consumer().with(func(a *applicant) { a.Address["country"] = "USA" }).json(), 422, "address.country"},
		{"missing city", consumer().with(func(a *applicant) { delete(a.Address, "city") }).json(), 422, "address.city"},
		{"business without company", business().with(func(a *applicant) { a.Company = nil }).json(), 422, "company"},
		{"unknown type", consumer().with(func(a *applicant) { a.Type = "reseller" }).json(), 422, "type"},
		{"mass assignment of status", strings.Replace(consumer().json(), `{`, `{"status":"approved",`, 1), 400, "unknown field"},
		{"mass assignment of registration_id", strings.Replace(consumer().json(), `{`, `{"registration_id":"REG-2026-000001",`, 1), 400, "unknown field"},
		{"malformed", `{"type":`, 400, "JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := e.do("POST", "/api/v1/registrations", "", tc.body)
			if res.Code != tc.want || !strings.Contains(res.Body.String(), tc.detail) {
				t.Fatalf("%d %s", res.Code, res.Body)
			}
		})
	}
	var after int64
	e.a.DB.Gorm.Model(&registration.Application{}).Count(&after)
	if after != before {
		t.Fatalf("%d applications stored by refused requests; they must change nothing", after-before)
	}

	// SQL-looking input is stored as it was typed.
	odd := consumer().with(func(a *applicant) { a.Name = "Robert'); DROP TABLE customers;--" })
	oid, otok := e.apply(odd)
	e.verifyBoth(odd, oid, otok)
	var stored registration.Application
	if err := e.a.DB.Gorm.Where("email = ?", odd.Email).Take(&stored).Error; err != nil || stored.Name != odd.Name {
		t.Fatalf("stored name %q, %v", stored.Name, err)
	}

	// Risk flags send even a consumer to review.
	admin := e.login("admin@oms.example.com")
	for _, tc := range []struct {
		name string
		a    applicant
		flag registration.Flag
	}{
		{"disposable email", consumer().with(func(a *applicant) { a.Email = fmt.Sprintf("x%d@mailinator.com", seq) }), registration.FlagDisposableEmail},
		{"phone country differs from address", consumer().with(func(a *applicant) { a.Phone = fmt.Sprintf("+4420794609%02d", seq) }), registration.FlagCountryMismatch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id, token := e.apply(tc.a)
			if st := e.verifyBoth(tc.a, id, token); st.Status != registration.PendingReview {
				t.Fatalf("status %s", st.Status)
			}
			var v registration.ReviewView
			e.do("GET", "/api/v1/admin/registrations/"+id, admin, "").json(&v)
			if !slices.Contains(v.Flags, tc.flag) {
				t.Fatalf("flags %v lack %s", v.Flags, tc.flag)
			}
		})
	}
	// A second open application with the same email is flagged as a duplicate.
	first := consumer()
	e.apply(first)
	dupID, _ := e.apply(first)
	var dup registration.ReviewView
	e.do("GET", "/api/v1/admin/registrations/"+dupID, admin, "").json(&dup)
	// (Every test request comes from one address, so by now the IP velocity flag is raised too.)
	if !slices.Contains(dup.Flags, registration.FlagDuplicateApplication) || !slices.Contains(dup.Flags, registration.FlagPhoneVelocity) || len(dup.Related) != 1 {
		t.Fatalf("duplicate: flags %v related %d", dup.Flags, len(dup.Related))
	}
}

func TestVerificationCodeRules(t *testing.T) {
	e := newAPI(t)
	a := consumer()
	id, token := e.apply(a)
	emailCode := e.code(a.Email)
	wrong := "000000"
	if wrong == emailCode {
		wrong = "111111"
	}

	for _, tc := range []struct {
		name, id, token, channel, code string
		want                           int
		detail                         string
	}{
		{"wrong token", id, "not-the-token", "email", emailCode, 404, "application not found"},
		{"unknown application", "0190d0a0-0000-7000-8000-000000000000", token, "email", emailCode, 404, "application not found"},
		{"malformed id", "nope", token, "email", emailCode, 404, ""},
		{"code of the wrong length", id, token, "email", "12345", 422, "code"},
		{"unknown channel", id, token, "fax", emailCode, 422, "channel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if res := e.verify(tc.id, tc.token, tc.channel, tc.code); res.Code != tc.want || !strings.Contains(res.Body.String(), tc.detail) {
				t.Fatalf("%d %s", res.Code, res.Body)
			}
		})
	}
	if res := e.do("GET", "/api/v1/registrations/"+id+"?token=wrong", "", ""); res.Code != 404 {
		t.Fatalf("status with a wrong token: %d", res.Code)
	}

	// Five wrong tries use the code up; even the right code is refused after that.
	for i := range 5 {
		if res := e.verify(id, token, "email", wrong); res.Code != 422 || !strings.Contains(res.Body.String(), "not the code") {
			t.Fatalf("wrong try %d: %d %s", i+1, res.Code, res.Body)
		}
	}
	if res := e.verify(id, token, "email", emailCode); res.Code != 422 || !strings.Contains(res.Body.String(), "too many times") {
		t.Fatalf("after 5 wrong tries: %d %s", res.Code, res.Body)
	}
	// A resend is throttled for a minute...
	if res := e.do("POST", "/api/v1/registrations/"+id+"/resend", "", fmt.Sprintf(`{"token":%q,"channel":"email"}`, token)); res.Code != 429 || res.Header().Get("Retry-After") == "" {
		t.Fatalf("early resend: %d %s", res.Code, res.Body)
	}
	// ...and after it, brings a fresh code that works.
	e.a.DB.Gorm.Model(&registration.Code{}).Where("application_id = ?", id).Update("last_sent_at", time.Now().Add(-2*time.Minute))
	if res := e.do("POST", "/api/v1/registrations/"+id+"/resend", "", fmt.Sprintf(`{"token":%q,"channel":"email"}`, token)); res.Code != 202 {
		t.Fatalf("resend: %d %s", res.Code, res.Body)
	}
	fresh := e.code(a.Email)
	if res := e.verify(id, token, "email", fresh); res.Code != 200 {
		t.Fatalf("fresh code: %d %s", res.Code, res.Body)
	}
	if res := e.verify(id, token, "email", fresh); res.Code != 409 {
		t.Fatalf("verifying twice: %d", res.Code)
	}

	// An expired code is refused.
	smsCode := e.code(a.Phone)
	e.a.DB.Gorm.Model(&registration.Code{}).Where("application_id = ? AND channel = ?", id, "sms").Update("expires_at", time.Now().Add(-time.Second))
	if res := e.verify(id, token, "sms", smsCode); res.Code != 422 || !strings.Contains(res.Body.String(), "expired") {
		t.Fatalf("expired code: %d %s", res.Code, res.Body)
	}
	// Codes are never stored in clear.
	var stored []registration.Code
	e.a.DB.Gorm.Where("application_id = ?", id).Find(&stored)
	for _, c := range stored {
		if strings.Contains(c.CodeHash, smsCode) || strings.Contains(c.CodeHash, fresh) || len(c.CodeHash) != 64 {
			t.Fatalf("code stored as %q", c.CodeHash)
		}
	}
}
