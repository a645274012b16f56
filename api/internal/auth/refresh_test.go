package auth_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm/schema"

	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
)

const refreshTTL = 30 * 24 * time.Hour

// testClock is a settable clock, safe for the concurrent test.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func (c *testClock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

type refreshFixture struct {
	db    *db.DB
	rt    *auth.RefreshTokens
	clock *testClock
	base  time.Time // the clock's starting point
	ctx   context.Context
}

func newRefreshFixture(t *testing.T) *refreshFixture {
	t.Helper()
	d := dbtest.New(t)
	base := time.Date(2026, 3, 1, 12, 0, 0, 123456000, time.UTC)
	c := &testClock{now: base}
	return &refreshFixture{db: d, rt: auth.NewRefreshTokens(d.Gorm, refreshTTL, c.Now), clock: c, base: base, ctx: context.Background()}
}

func staff() auth.Principal {
	return auth.Principal{ID: uuid.Must(uuid.NewV7()), Kind: auth.KindStaff, Roles: []auth.Role{auth.RoleSupport}}
}

func (f *refreshFixture) issue(t *testing.T, p auth.Principal) string {
	t.Helper()
	tok, _, err := f.rt.Issue(f.ctx, p, auth.ClientMeta{UserAgent: "test", IP: "192.0.2.1"})
	if err != nil {
		t.Fatalf("issue: %v", err)
	}
	return tok
}

// issueAt issues a token as if the clock showed at, then puts the clock back.
func (f *refreshFixture) issueAt(t *testing.T, p auth.Principal, at time.Time) string {
	t.Helper()
	saved := f.clock.Now()
	f.clock.Set(at)
	defer f.clock.Set(saved)
	return f.issue(t, p)
}

func (f *refreshFixture) rotate(t *testing.T, tok string) (auth.Subject, string) {
	t.Helper()
	s, next, _, err := f.rt.Rotate(f.ctx, tok, auth.ClientMeta{UserAgent: "test", IP: "192.0.2.1"})
	if err != nil {
		t.Fatalf("rotate %.12s…: %v", tok, err)
	}
	return s, next
}

func (f *refreshFixture) row(t *testing.T, tok string) auth.RefreshToken {
	t.Helper()
	var r auth.RefreshToken
	if err := f.db.Gorm.Where("token_hash = ?", sha256Hex(tok)).Take(&r).Error; err != nil {
		t.Fatalf("row of %.12s…: %v", tok, err)
	}
	return r
}

func (f *refreshFixture) family(t *testing.T, id uuid.UUID) []auth.RefreshToken {
	t.Helper()
	var rows []auth.RefreshToken
	if err := f.db.Gorm.Where("family_id = ?", id).Order("id").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	return rows
}

func (f *refreshFixture) count(t *testing.T) int64 {
	t.Helper()
	var n int64
	if err := f.db.Gorm.Model(&auth.RefreshToken{}).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// wantInvalid checks err is the one client-facing answer for a refresh token that does not work.
func wantInvalid(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, auth.ErrInvalidRefreshToken) {
		t.Fatalf("err = %v, want ErrInvalidRefreshToken", err)
	}
	ae, ok := apperr.As(err)
	if !ok || ae.Kind != apperr.KindUnauthorized || ae.Message != auth.ErrInvalidRefreshToken.Message {
		t.Fatalf("err = %#v, want unauthorized with message %q", ae, auth.ErrInvalidRefreshToken.Message)
	}
}

func TestRefreshIssueAndRotate(t *testing.T) {
	f := newRefreshFixture(t)
	for _, kind := range []auth.Kind{auth.KindStaff, auth.KindCustomer} {
		t.Run(string(kind), func(t *testing.T) {
			p := auth.Principal{ID: uuid.Must(uuid.NewV7()), Kind: kind}
			issuedAt := f.clock.Now()
			tok, exp, err := f.rt.Issue(f.ctx, p, auth.ClientMeta{UserAgent: "Mozilla/5.0 (login)", IP: "198.51.100.7"})
			if err != nil {
				t.Fatal(err)
			}
			raw, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(tok, "ort_"))
			if !strings.HasPrefix(tok, "ort_") || err != nil || len(raw) != 32 {
				t.Fatalf("token %q: want ort_ + base64url (no padding) of 32 bytes (decode err %v, %d bytes)", tok, err, len(raw))
			}
			if !exp.Equal(issuedAt.Add(refreshTTL)) {
				t.Fatalf("expires %s, want %s", exp, issuedAt.Add(refreshTTL))
			}

			first := f.row(t, tok)
			if first.TokenHash == tok || first.TokenHash != sha256Hex(tok) {
				t.Fatalf("stored token_hash %q, want the SHA-256 hex of the token", first.TokenHash)
			}
			var clear int64
			f.db.Gorm.Model(&auth.RefreshToken{}).Where("token_hash = ? OR user_agent = ? OR ip = ?", tok, tok, tok).Count(&clear)
			if clear != 0 {
				t.Fatal("the token itself is stored")
			}
			if first.SubjectID != p.ID || first.SubjectKind != kind || first.UsedAt != nil || first.RevokedAt != nil ||
				first.UserAgent != "Mozilla/5.0 (login)" || first.IP != "198.51.100.7" || !first.CreatedAt.Equal(issuedAt) {
				t.Fatalf("stored row %+v", first)
			}

			f.clock.Advance(time.Hour)
			rotatedAt := f.clock.Now()
			subj, next, exp2, err := f.rt.Rotate(f.ctx, tok, auth.ClientMeta{UserAgent: "Mozilla/5.0 (refresh)", IP: "203.0.113.9"})
			if err != nil {
				t.Fatal(err)
			}
			if subj != (auth.Subject{ID: p.ID, Kind: kind}) {
				t.Fatalf("subject %+v, want %s %s", subj, kind, p.ID)
			}
			if next == tok || !strings.HasPrefix(next, "ort_") {
				t.Fatalf("new token %q (old %q)", next, tok)
			}
			if !exp2.Equal(rotatedAt.Add(refreshTTL)) {
				t.Fatalf("new token expires %s, want %s", exp2, rotatedAt.Add(refreshTTL))
			}
			old, succ := f.row(t, tok), f.row(t, next)
			if old.UsedAt == nil || !old.UsedAt.Equal(rotatedAt) || old.RevokedAt != nil {
				t.Fatalf("old token after rotation: used_at %v revoked_at %v, want used at %s and not revoked", old.UsedAt, old.RevokedAt, rotatedAt)
			}
			if succ.FamilyID != old.FamilyID || succ.UsedAt != nil || succ.UserAgent != "Mozilla/5.0 (refresh)" || succ.IP != "203.0.113.9" {
				t.Fatalf("successor %+v: want same family %s, unused, with the refreshing client's meta", succ, old.FamilyID)
			}

			// The successor rotates in turn.
			if _, third := f.rotate(t, next); third == next {
				t.Fatal("third token equals the second")
			}
		})
	}
}

func TestRefreshIssueRefusesAnInvalidPrincipal(t *testing.T) {
	f := newRefreshFixture(t)
	for _, p := range []auth.Principal{
		{ID: uuid.Nil, Kind: auth.KindStaff},
		{ID: uuid.Must(uuid.NewV7()), Kind: "robot"},
	} {
		if _, _, err := f.rt.Issue(f.ctx, p, auth.ClientMeta{}); err == nil {
			t.Errorf("Issue(%+v) succeeded", p)
		}
	}
	if n := f.count(t); n != 0 {
		t.Fatalf("%d rows after refused issues", n)
	}
}

func TestRefreshIssueStoresCleanClientMeta(t *testing.T) {
	f := newRefreshFixture(t)
	ua := "bad\x00byte \xff\xfe " + strings.Repeat("é", 600) // NUL and invalid UTF-8: PostgreSQL text refuses both
	tok, _, err := f.rt.Issue(f.ctx, staff(), auth.ClientMeta{UserAgent: ua, IP: strings.Repeat("1", 100)})
	if err != nil {
		t.Fatal(err)
	}
	r := f.row(t, tok)
	if !utf8.ValidString(r.UserAgent) || strings.Contains(r.UserAgent, "\x00") || len(r.UserAgent) > 512 || !strings.HasPrefix(r.UserAgent, "badbyte ") {
		t.Fatalf("stored user agent %q (%d bytes): want valid UTF-8 without NUL, at most 512 bytes", r.UserAgent, len(r.UserAgent))
	}
	if len(r.IP) != 64 {
		t.Fatalf("stored ip has %d bytes, want it cut to 64", len(r.IP))
	}
}

func TestRefreshReuseRevokesTheFamily(t *testing.T) {
	for _, tc := range []struct {
		name  string
		reuse int // index in the chain of the token presented again
	}{
		{"the login's token presented again", 0},
		{"the previous token presented again", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newRefreshFixture(t)
			p := staff()
			chain := []string{f.issue(t, p)}
			for range 2 {
				_, next := f.rotate(t, chain[len(chain)-1])
				chain = append(chain, next)
			}
			otherSession := f.issue(t, p) // same user, another login

			_, _, _, err := f.rt.Rotate(f.ctx, chain[tc.reuse], auth.ClientMeta{})
			wantInvalid(t, err)
			if !errors.Is(err, auth.ErrRefreshTokenReused) {
				t.Fatalf("err = %v, want ErrRefreshTokenReused in its chain", err)
			}

			// The newest token of the family, which nobody presented twice, no longer works.
			_, _, _, err = f.rt.Rotate(f.ctx, chain[len(chain)-1], auth.ClientMeta{})
			wantInvalid(t, err)
			if errors.Is(err, auth.ErrRefreshTokenReused) {
				t.Fatal("a revoked token is reported as reuse again")
			}
			for _, r := range f.family(t, f.row(t, chain[0]).FamilyID) {
				if r.RevokedAt == nil || r.RevokedReason == nil || *r.RevokedReason != auth.RevokeReasonReuseDetected {
					t.Fatalf("family row %s: revoked_at %v reason %v, want revoked for reuse_detected", r.ID, r.RevokedAt, r.RevokedReason)
				}
			}
			if n := len(f.family(t, f.row(t, chain[0]).FamilyID)); n != len(chain) {
				t.Fatalf("family has %d tokens, want %d (no token issued on reuse)", n, len(chain))
			}

			f.rotate(t, otherSession)
		})
	}
}

func TestRefreshTokensThatDoNotWork(t *testing.T) {
	f := newRefreshFixture(t)
	p := staff()
	past := func(d time.Duration) time.Time { return f.base.Add(-d) }
	for _, tc := range []struct {
		name  string
		token func(t *testing.T) string
	}{
		{"unknown token", func(*testing.T) string {
			b := make([]byte, 32)
			_, _ = rand.Read(b)
			return "ort_" + base64.RawURLEncoding.EncodeToString(b)
		}},
		{"empty", func(*testing.T) string { return "" }},
		{"not base64url", func(*testing.T) string { return "ort_" + strings.Repeat("!", 43) }},
		{"wrong prefix", func(t *testing.T) string { return "xyz_" + strings.TrimPrefix(f.issue(t, p), "ort_") }},
		{"with padding", func(t *testing.T) string { return f.issue(t, p) + "=" }},
		{"an access token", func(*testing.T) string { return "eyJhbGciOiJIUzI1NiJ9.e30.sig" }},
		{"expired a second ago", func(t *testing.T) string { return f.issueAt(t, p, past(refreshTTL+time.Second)) }},
		{"expiring right now", func(t *testing.T) string { return f.issueAt(t, p, past(refreshTTL)) }},
		{"revoked by logout", func(t *testing.T) string {
			tok := f.issue(t, p)
			if err := f.rt.Revoke(f.ctx, tok); err != nil {
				t.Fatal(err)
			}
			return tok
		}},
		{"revoked for a password change", func(t *testing.T) string {
			q := staff()
			tok := f.issue(t, q)
			if err := f.rt.RevokeAllFor(f.ctx, q.Kind, q.ID, auth.RevokeReasonPasswordChanged); err != nil {
				t.Fatal(err)
			}
			return tok
		}},
		{"already rotated", func(t *testing.T) string {
			tok := f.issue(t, p)
			f.rotate(t, tok)
			return tok
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok := tc.token(t)
			before := f.count(t)
			s, next, exp, err := f.rt.Rotate(f.ctx, tok, auth.ClientMeta{})
			wantInvalid(t, err)
			if s != (auth.Subject{}) || next != "" || !exp.IsZero() {
				t.Fatalf("a failed rotation returned %+v %q %s", s, next, exp)
			}
			if after := f.count(t); after != before {
				t.Fatalf("%d rows after a failed rotation, want %d", after, before)
			}
		})
	}

	t.Run("a second before expiry still works", func(t *testing.T) {
		f.rotate(t, f.issueAt(t, p, past(refreshTTL-time.Second)))
	})
}

func TestRefreshLogout(t *testing.T) {
	f := newRefreshFixture(t)
	p := staff()
	first := f.issue(t, p)
	_, current := f.rotate(t, first)
	otherSession := f.issue(t, p)

	for _, tok := range []string{current, current, first, "", "ort_unknown", "garbage"} {
		if err := f.rt.Revoke(f.ctx, tok); err != nil {
			t.Fatalf("Revoke(%.12q): %v, want nil (logout is idempotent)", tok, err)
		}
	}
	for _, tok := range []string{current, first} {
		_, _, _, err := f.rt.Rotate(f.ctx, tok, auth.ClientMeta{})
		wantInvalid(t, err)
		if errors.Is(err, auth.ErrRefreshTokenReused) {
			t.Fatalf("a logged-out token is reported as reuse")
		}
	}
	for _, r := range f.family(t, f.row(t, first).FamilyID) {
		if r.RevokedReason == nil || *r.RevokedReason != auth.RevokeReasonLogout || !r.RevokedAt.Equal(f.clock.Now()) {
			t.Fatalf("row %s: revoked_at %v reason %v, want logout now", r.ID, r.RevokedAt, r.RevokedReason)
		}
	}
	f.rotate(t, otherSession)
}

func TestRefreshConcurrentRotationHasOneWinner(t *testing.T) {
	f := newRefreshFixture(t)
	const workers = 8
	for round := range 5 {
		tok := f.issue(t, staff())
		var (
			wg      sync.WaitGroup
			start   = make(chan struct{})
			mu      sync.Mutex
			winners []string
			errs    []error
		)
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, next, _, err := f.rt.Rotate(f.ctx, tok, auth.ClientMeta{})
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					errs = append(errs, err)
				} else {
					winners = append(winners, next)
				}
			}()
		}
		close(start)
		wg.Wait()

		if len(winners) != 1 {
			t.Fatalf("round %d: %d rotations succeeded, want exactly 1 (errors: %v)", round, len(winners), errs)
		}
		for _, err := range errs {
			wantInvalid(t, err)
		}
		if n := len(f.family(t, f.row(t, tok).FamilyID)); n != 2 {
			t.Fatalf("round %d: family has %d tokens, want 2", round, n)
		}
		// The losers presented a token that was already rotated: that is reuse, so the
		// winner's token is revoked with the rest of the family.
		_, _, _, err := f.rt.Rotate(f.ctx, winners[0], auth.ClientMeta{})
		wantInvalid(t, err)
	}
}

// A revocation that races a rotation of the same family must not miss the token that rotation
// adds (on PostgreSQL the revoking UPDATE's snapshot may predate it).
func TestRefreshRevocationRacingARotationLeavesNoLiveToken(t *testing.T) {
	f := newRefreshFixture(t)
	for _, tc := range []struct {
		name   string
		revoke func(p auth.Principal, previous, current string) error
	}{
		{"logout", func(_ auth.Principal, _, current string) error { return f.rt.Revoke(f.ctx, current) }},
		{"reuse of the previous token", func(_ auth.Principal, previous, _ string) error {
			_, _, _, err := f.rt.Rotate(f.ctx, previous, auth.ClientMeta{})
			if errors.Is(err, auth.ErrRefreshTokenReused) {
				return nil
			}
			return err
		}},
		{"revoke all for the subject", func(p auth.Principal, _, _ string) error {
			return f.rt.RevokeAllFor(f.ctx, p.Kind, p.ID, auth.RevokeReasonAccountDisabled)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for round := range 20 {
				p := staff()
				previous := f.issue(t, p)
				_, current := f.rotate(t, previous)
				var (
					wg                  sync.WaitGroup
					start               = make(chan struct{})
					rotateErr, revokErr error
				)
				wg.Add(2)
				go func() {
					defer wg.Done()
					<-start
					_, _, _, rotateErr = f.rt.Rotate(f.ctx, current, auth.ClientMeta{})
				}()
				go func() {
					defer wg.Done()
					<-start
					revokErr = tc.revoke(p, previous, current)
				}()
				close(start)
				wg.Wait()
				if revokErr != nil {
					t.Fatalf("round %d: revocation: %v", round, revokErr)
				}
				if rotateErr != nil {
					wantInvalid(t, rotateErr) // the revocation came first
				}
				for _, r := range f.family(t, f.row(t, previous).FamilyID) {
					if r.RevokedAt == nil {
						t.Fatalf("round %d: token %s (used %v) is still live after the revocation (rotation err %v)", round, r.ID, r.UsedAt, rotateErr)
					}
				}
			}
		})
	}
}

func TestRefreshRevokeAllForOneSubject(t *testing.T) {
	f := newRefreshFixture(t)
	target, other := staff(), staff()
	sameIDCustomer := auth.Principal{ID: target.ID, Kind: auth.KindCustomer} // another kind, same UUID

	_, rotated := f.rotate(t, f.issue(t, target))
	targetTokens := []string{rotated, f.issue(t, target)}
	survivors := []string{f.issue(t, other), f.issue(t, sameIDCustomer)}

	if err := f.rt.RevokeAllFor(f.ctx, auth.KindStaff, target.ID, ""); err == nil {
		t.Fatal("RevokeAllFor without a reason succeeded")
	}
	if err := f.rt.RevokeAllFor(f.ctx, auth.KindStaff, target.ID, auth.RevokeReasonPasswordReset); err != nil {
		t.Fatal(err)
	}
	for _, tok := range targetTokens {
		_, _, _, err := f.rt.Rotate(f.ctx, tok, auth.ClientMeta{})
		wantInvalid(t, err)
	}
	var rows []auth.RefreshToken
	f.db.Gorm.Where("subject_kind = ? AND subject_id = ?", auth.KindStaff, target.ID).Find(&rows)
	if len(rows) != 3 {
		t.Fatalf("%d rows for the target, want 3", len(rows))
	}
	for _, r := range rows {
		if r.RevokedReason == nil || *r.RevokedReason != auth.RevokeReasonPasswordReset {
			t.Fatalf("row %s reason %v, want password_reset", r.ID, r.RevokedReason)
		}
	}
	for _, tok := range survivors {
		f.rotate(t, tok)
	}
	if err := f.rt.RevokeAllFor(f.ctx, auth.KindStaff, uuid.Must(uuid.NewV7()), auth.RevokeReasonAccountDisabled); err != nil {
		t.Fatalf("RevokeAllFor a subject without tokens: %v", err)
	}
}

func TestRefreshPurgeDeletesOnlyExpiredRows(t *testing.T) {
	f := newRefreshFixture(t)
	p := staff()
	at := func(d time.Duration) time.Time { return f.base.Add(d) }
	expiredUsed := f.issueAt(t, p, at(-refreshTTL-48*time.Hour))
	f.clock.Set(at(-refreshTTL - time.Hour))
	f.rotate(t, expiredUsed) // its successor expired an hour ago too
	f.clock.Set(f.base)
	expiredUnused := f.issueAt(t, p, at(-refreshTTL-time.Minute))
	kept := map[string]string{
		"expires exactly at the cut-off": f.issueAt(t, p, at(-refreshTTL)),
		"alive":                          f.issue(t, p),
		"alive but revoked":              f.issue(t, p),
		"alive but used":                 f.issueAt(t, p, at(-time.Hour)),
	}
	if err := f.rt.Revoke(f.ctx, kept["alive but revoked"]); err != nil {
		t.Fatal(err)
	}
	_, kept["successor of used"] = f.rotate(t, kept["alive but used"])

	n, err := f.rt.Purge(f.ctx, f.base)
	if err != nil || n != 3 {
		t.Fatalf("Purge = %d, %v; want 3 (two of one family, one alone)", n, err)
	}
	for _, tok := range []string{expiredUsed, expiredUnused} {
		var c int64
		f.db.Gorm.Model(&auth.RefreshToken{}).Where("token_hash = ?", sha256Hex(tok)).Count(&c)
		if c != 0 {
			t.Fatalf("an expired token survived the purge")
		}
	}
	for name, tok := range kept {
		var c int64
		f.db.Gorm.Model(&auth.RefreshToken{}).Where("token_hash = ?", sha256Hex(tok)).Count(&c)
		if c != 1 {
			t.Fatalf("%s: purged, want kept", name)
		}
	}
	if n, err := f.rt.Purge(f.ctx, f.base); err != nil || n != 0 {
		t.Fatalf("second Purge = %d, %v; want 0", n, err)
	}

	t.Run("more than one batch", func(t *testing.T) {
		rows := make([]auth.RefreshToken, 1001)
		for i := range rows {
			rows[i] = auth.RefreshToken{
				ID: uuid.Must(uuid.NewV7()), FamilyID: uuid.Must(uuid.NewV7()), SubjectID: p.ID, SubjectKind: p.Kind,
				TokenHash: sha256Hex(uuid.NewString()), CreatedAt: at(-refreshTTL - 24*time.Hour), ExpiresAt: at(-24 * time.Hour),
			}
		}
		if err := f.db.Gorm.CreateInBatches(rows, 500).Error; err != nil {
			t.Fatal(err)
		}
		before := f.count(t)
		if n, err := f.rt.Purge(f.ctx, f.base); err != nil || n != 1001 {
			t.Fatalf("Purge = %d, %v; want 1001", n, err)
		}
		if after := f.count(t); after != before-1001 {
			t.Fatalf("%d rows after purge, want %d", after, before-1001)
		}
	})
}

func TestRefreshTokenModelMatchesTable(t *testing.T) {
	d := dbtest.New(t)
	s, err := schema.Parse(&auth.RefreshToken{}, &sync.Map{}, d.Gorm.NamingStrategy)
	if err != nil {
		t.Fatal(err)
	}
	m := d.Gorm.Migrator()
	if !m.HasTable(s.Table) {
		t.Fatalf("table %s missing on %s", s.Table, d.Dialect)
	}
	for _, fld := range s.Fields {
		if fld.DBName != "" && !m.HasColumn(&auth.RefreshToken{}, fld.DBName) {
			t.Errorf("%s.%s: column missing on %s", s.Table, fld.DBName, d.Dialect)
		}
	}
}
