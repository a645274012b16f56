package auth_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/audit"
	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/dbtest"
	"github.com/openoms/oms/api/internal/platform/ratelimit"
)

func TestCreateStaff(t *testing.T) {
	d := dbtest.New(t)
	svc := newService(t, d.Gorm)
	ctx := context.Background()
	good := auth.NewStaff{Email: " Ada@Example.COM ", Name: "Ada", Password: "correct horse battery", Role: auth.RoleAdmin}

	u, err := svc.CreateStaff(ctx, good)
	if err != nil {
		t.Fatal(err)
	}
	if u.Email != "ada@example.com" {
		t.Fatalf("email not normalised: %q", u.Email)
	}
	if strings.Contains(u.PasswordHash, good.Password) || !strings.HasPrefix(u.PasswordHash, "$argon2id$") {
		t.Fatalf("password not hashed with argon2id: %q", u.PasswordHash)
	}

	for _, tc := range []struct {
		name  string
		in    auth.NewStaff
		kind  apperr.Kind
		field string
	}{
		{"same email in other case", auth.NewStaff{Email: "ADA@example.com", Name: "B", Password: "another long password", Role: auth.RoleSales}, apperr.KindConflict, ""},
		{"bad email", auth.NewStaff{Email: "not-an-email", Name: "B", Password: "another long password", Role: auth.RoleSales}, apperr.KindInvalid, "email"},
		{"short password", auth.NewStaff{Email: "b@example.com", Name: "B", Password: "short", Role: auth.RoleSales}, apperr.KindInvalid, "password"},
		{"common password", auth.NewStaff{Email: "b@example.com", Name: "B", Password: "qwerty123456", Role: auth.RoleSales}, apperr.KindInvalid, "password"},
		{"no name", auth.NewStaff{Email: "b@example.com", Name: "  ", Password: "another long password", Role: auth.RoleSales}, apperr.KindInvalid, "name"},
		{"unknown role", auth.NewStaff{Email: "b@example.com", Name: "B", Password: "another long password", Role: "customer"}, apperr.KindInvalid, "role"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := svc.CreateStaff(ctx, tc.in)
			if tc.kind == apperr.KindConflict && !errors.Is(err, auth.ErrStaffEmailTaken) {
				t.Fatalf("err = %v, want ErrStaffEmailTaken", err)
			}
			ae, ok := apperr.As(err)
			if !ok || ae.Kind != tc.kind {
				t.Fatalf("err = %v, want kind %v", err, tc.kind)
			}
			if tc.field != "" && (len(ae.Fields) != 1 || ae.Fields[0].Field != tc.field) {
				t.Fatalf("fields = %v, want %s", ae.Fields, tc.field)
			}
		})
	}
	var n int64
	d.Gorm.Model(&auth.StaffUser{}).Count(&n)
	if n != 1 {
		t.Fatalf("%d staff users after refused inputs, want 1", n)
	}
}

func newService(t *testing.T, db *gorm.DB) *auth.Service {
	t.Helper()
	policy, err := auth.NewPasswordPolicy()
	if err != nil {
		t.Fatal(err)
	}
	// No customer logins in these tests.
	throttle := auth.Throttle{Limiter: ratelimit.NewMemory(time.Now), PerAccount: ratelimit.Limit{Events: 10, Window: time.Minute}, PerIP: ratelimit.Limit{Events: 50, Window: time.Minute}}
	return auth.NewService(auth.NewStore(db), nil, policy, throttle, audit.New(db, time.Now), auth.NewRefreshTokens(db, time.Hour, time.Now), time.Now)
}

func TestEnsureStaffIsIdempotent(t *testing.T) {
	d := dbtest.New(t)
	svc := newService(t, d.Gorm)
	in := auth.NewStaff{Email: "ops@example.com", Name: "Ops", Password: "a long enough password", Role: auth.RoleFulfilment}
	first, created, err := svc.EnsureStaff(context.Background(), in)
	if err != nil || !created {
		t.Fatalf("first: created=%v err=%v", created, err)
	}
	second, created, err := svc.EnsureStaff(context.Background(), in)
	if err != nil || created || second.ID != first.ID {
		t.Fatalf("second: created=%v err=%v id %v vs %v", created, err, second.ID, first.ID)
	}
}

func TestPasswordHashing(t *testing.T) {
	h, err := auth.HashPassword("s3cret password!")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := auth.HashPassword("s3cret password!")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt missing")
	}
	for _, tc := range []struct {
		hash, pw string
		ok       bool
		err      bool
	}{
		{h, "s3cret password!", true, false},
		{h, "s3cret password", false, false},
		{"$argon2i$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA", "x", false, true},
		{"garbage", "x", false, true},
	} {
		ok, err := auth.VerifyPassword(tc.hash, tc.pw)
		if ok != tc.ok || (err != nil) != tc.err {
			t.Errorf("VerifyPassword(%.20q, %q) = %v, %v", tc.hash, tc.pw, ok, err)
		}
	}
}
