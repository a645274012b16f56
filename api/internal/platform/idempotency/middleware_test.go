package idempotency_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"gorm.io/gorm"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/dbtest"
	"github.com/openoms/oms/api/internal/platform/httpx"
	"github.com/openoms/oms/api/internal/platform/idempotency"
)

type env struct {
	db    *gorm.DB
	e     *echo.Echo
	calls atomic.Int64
	store *idempotency.Store
	now   time.Time
	inTx  bool
}

// modes runs a test with the key claimed by the middleware before the handler, and claimed in the
// handler's transaction (Options.InTransaction).
func modes(t *testing.T, test func(t *testing.T, inTx bool)) {
	for _, inTx := range []bool{false, true} {
		t.Run(map[bool]string{false: "claimed first", true: "claimed in the handler's transaction"}[inTx], func(t *testing.T) { test(t, inTx) })
	}
}

// newEnv serves POST /orders behind the middleware; the handler's answer depends on the body:
// "conflict" → 409, "boom" → 500, "slow" → waits, "tx" → 201 stored in the handler's own
// transaction (with a work row), "txfail" → the same, rolled back with a 409, "txslow" → "tx"
// that waits in its transaction; anything else → 201 with a fresh id. calls counts the handler's
// runs past the claim.
func newEnv(t *testing.T, inTx bool) *env {
	d := dbtest.New(t)
	if err := d.Gorm.AutoMigrate(&workRow{}); err != nil {
		t.Fatal(err)
	}
	en := &env{db: d.Gorm, store: idempotency.NewStore(d.Gorm), now: time.Now().UTC(), inTx: inTx}
	en.e = httpx.New(httpx.Options{Logger: slog.New(slog.DiscardHandler), Metrics: httpx.NewMetrics(prometheus.NewRegistry()), BodyLimit: 1 << 20})
	mw := en.store.Middleware(idempotency.Options{TTL: 24 * time.Hour, Abandoned: time.Minute, Clock: func() time.Time { return en.now }, InTransaction: inTx,
		Scope: func(c echo.Context) (string, bool) { s := c.Request().Header.Get("X-Caller"); return s, s != "" }})
	en.e.POST("/orders", func(c echo.Context) error {
		var req struct{ Kind string }
		if err := c.Bind(&req); err != nil {
			return err
		}
		switch req.Kind {
		case "tx", "txfail", "txslow":
			return en.transactional(c, req.Kind)
		}
		if err := en.claimAlone(c); err != nil {
			return err
		}
		en.calls.Add(1)
		switch req.Kind {
		case "conflict":
			return apperr.Conflict("out of stock")
		case "boom":
			return errors.New("database fell over")
		case "slow":
			time.Sleep(200 * time.Millisecond)
		}
		return c.JSON(http.StatusCreated, map[string]string{"id": uuid.NewString()})
	}, mw)
	return en
}

// workRow is what a transactional handler writes.
type workRow struct{ ID string }

// claimAlone is how a handler without a transaction of its own claims a key claimed in the
// handler (Options.InTransaction): in a transaction that only claims it.
func (en *env) claimAlone(c echo.Context) error {
	claim, _ := idempotency.ClaimFrom(c.Request().Context())
	ctx := c.Request().Context()
	return en.db.Transaction(func(tx *gorm.DB) error {
		if err := db.ReadAll(ctx, tx, claim.Read()); err != nil {
			return err
		}
		return claim.Check(ctx, tx)
	})
}

// transactional does its work and stores its answer in one transaction, as order placement does:
// with the key's claim read with its first reads, and run again when another request with the
// same key committed first (its Save then hits the unique index; Check answers the second time).
func (en *env) transactional(c echo.Context, kind string) error {
	ctx := c.Request().Context()
	claim, ok := idempotency.ClaimFrom(ctx)
	if !ok {
		return errors.New("no claim in the request's context")
	}
	id := uuid.NewString()
	body := []byte(`{"id":"` + id + `"}`)
	work := func(tx *gorm.DB) error {
		var rows []workRow
		if err := db.ReadAll(ctx, tx, db.Read{Dest: &rows, Query: func(q *gorm.DB) *gorm.DB { return q.Model(&workRow{}) }}, claim.Read()); err != nil {
			return err
		}
		if err := claim.Check(ctx, tx); err != nil {
			return err
		}
		en.calls.Add(1)
		if kind == "txslow" {
			time.Sleep(200 * time.Millisecond)
		}
		if err := tx.Create(&workRow{ID: id}).Error; err != nil {
			return err
		}
		if err := claim.Save(tx, http.StatusCreated, echo.MIMEApplicationJSON, body).Error; err != nil {
			return err
		}
		if kind == "txfail" {
			return apperr.Conflict("out of stock")
		}
		return nil
	}
	err := en.db.Transaction(work)
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		err = en.db.Transaction(work)
	}
	if err != nil {
		return err
	}
	claim.Saved()
	return c.JSONBlob(http.StatusCreated, body)
}

func (en *env) post(caller, key, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", "/orders", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set(idempotency.Header, key)
	}
	if caller != "" {
		req.Header.Set("X-Caller", caller)
	}
	rec := httptest.NewRecorder()
	en.e.ServeHTTP(rec, req)
	return rec
}

func TestIdempotencyScenarios(t *testing.T) {
	modes(t, func(t *testing.T, inTx bool) {
		en := newEnv(t, inTx)
		if rec := en.post("c1", "", `{"kind":"x"}`); rec.Code != 400 {
			t.Fatalf("no key: %d", rec.Code)
		}
		if rec := en.post("c1", strings.Repeat("k", 256), `{"kind":"x"}`); rec.Code != 400 {
			t.Fatalf("long key: %d", rec.Code)
		}
		first := en.post("c1", "k1", `{"kind":"x"}`)
		again := en.post("c1", "k1", `{"kind":"x"}`)
		if first.Code != 201 || again.Code != 201 || first.Body.String() != again.Body.String() || again.Header().Get(idempotency.ReplayedHeader) != "true" {
			t.Fatalf("replay: %d %s / %d %s", first.Code, first.Body, again.Code, again.Body)
		}
		if again.Header().Get("Content-Type") != first.Header().Get("Content-Type") {
			t.Fatalf("content type %q vs %q", again.Header().Get("Content-Type"), first.Header().Get("Content-Type"))
		}
		if en.calls.Load() != 1 {
			t.Fatalf("handler ran %d times", en.calls.Load())
		}
		if rec := en.post("c1", "k1", `{"kind":"y"}`); rec.Code != 422 {
			t.Fatalf("same key, other body: %d", rec.Code)
		}
		if rec := en.post("c2", "k1", `{"kind":"x"}`); rec.Code != 201 || rec.Body.String() == first.Body.String() {
			t.Fatalf("another caller's key is separate: %d %s", rec.Code, rec.Body)
		}
		// A business answer (409) is stored and replayed too.
		c1 := en.post("c1", "k2", `{"kind":"conflict"}`)
		c2 := en.post("c1", "k2", `{"kind":"conflict"}`)
		if c1.Code != 409 || c2.Code != 409 || c2.Header().Get(idempotency.ReplayedHeader) != "true" {
			t.Fatalf("stored conflict: %d %d", c1.Code, c2.Code)
		}
		// A server error is not stored: the retry runs again.
		before := en.calls.Load()
		if rec := en.post("c1", "k3", `{"kind":"boom"}`); rec.Code != 500 {
			t.Fatalf("boom: %d", rec.Code)
		}
		if rec := en.post("c1", "k3", `{"kind":"boom"}`); rec.Code != 500 || en.calls.Load() != before+2 {
			t.Fatalf("retry after 500 did not run again: %d, calls %d", rec.Code, en.calls.Load()-before)
		}
		// After the TTL the key is free again.
		en.now = en.now.Add(25 * time.Hour)
		if rec := en.post("c1", "k1", `{"kind":"other"}`); rec.Code != 201 {
			t.Fatalf("expired key: %d %s", rec.Code, rec.Body)
		}
	})
}

// A handler may store its answer in its own transaction: it is replayed like any other, and a
// rolled-back transaction leaves the middleware to store the error answer.
func TestAnswerStoredInHandlersTransaction(t *testing.T) {
	modes(t, func(t *testing.T, inTx bool) {
		en := newEnv(t, inTx)
		first := en.post("c1", "t1", `{"kind":"tx"}`)
		again := en.post("c1", "t1", `{"kind":"tx"}`)
		if first.Code != 201 || again.Code != 201 || first.Body.String() != again.Body.String() || again.Header().Get(idempotency.ReplayedHeader) != "true" {
			t.Fatalf("replay: %d %s / %d %s", first.Code, first.Body, again.Code, again.Body)
		}
		if again.Header().Get("Content-Type") != echo.MIMEApplicationJSON {
			t.Fatalf("content type %q", again.Header().Get("Content-Type"))
		}
		failed := en.post("c1", "t2", `{"kind":"txfail"}`)
		replayed := en.post("c1", "t2", `{"kind":"txfail"}`)
		if failed.Code != 409 || replayed.Code != 409 || replayed.Header().Get(idempotency.ReplayedHeader) != "true" || replayed.Body.String() != failed.Body.String() {
			t.Fatalf("rolled back: %d %s / %d %s", failed.Code, failed.Body, replayed.Code, replayed.Body)
		}
		var rows int64
		if err := en.db.Model(&workRow{}).Count(&rows).Error; err != nil || rows != 1 {
			t.Fatalf("work rows %d (%v): want the committed one only", rows, err)
		}
		if en.calls.Load() != 2 {
			t.Fatalf("handler ran %d times", en.calls.Load())
		}
	})
}

func TestConcurrentRetriesRunOnce(t *testing.T) {
	modes(t, func(t *testing.T, inTx bool) {
		en := newEnv(t, inTx)
		// Claimed first, any handler runs once. Claimed in the handler's transaction, the
		// handler's work is what runs once: a request that took the key's lock just after the
		// first committed may get past Check, but its transaction cannot commit (see Claim).
		body := `{"kind":"slow"}`
		if inTx {
			body = `{"kind":"txslow"}`
		}
		var wg sync.WaitGroup
		codes := make([]int, 50)
		bodies := make([]string, 50)
		for i := range 50 {
			wg.Go(func() {
				rec := en.post("c1", "same", body)
				codes[i], bodies[i] = rec.Code, rec.Body.String()
			})
		}
		wg.Wait()
		var work int64
		if err := en.db.Model(&workRow{}).Count(&work).Error; err != nil {
			t.Fatal(err)
		}
		if (!inTx && en.calls.Load() != 1) || (inTx && work != 1) {
			t.Fatalf("handler ran %d times for one key, committed %d times", en.calls.Load(), work)
		}
		var created string
		for i, code := range codes {
			switch code {
			case 201:
				if created != "" && bodies[i] != created {
					t.Fatalf("two different answers: %s / %s", created, bodies[i])
				}
				created = bodies[i]
			case 409:
			default:
				t.Fatalf("response %d: %d %s", i, code, bodies[i])
			}
		}
		if created == "" {
			t.Fatal("no response carried the created resource")
		}
		if rec := en.post("c1", "same", body); rec.Code != 201 || rec.Body.String() != created {
			t.Fatalf("replay after the race: %d %s", rec.Code, rec.Body)
		}
	})
}

func TestAbandonedRequestIsTakenOver(t *testing.T) {
	modes(t, func(t *testing.T, inTx bool) {
		en := newEnv(t, inTx)
		body := `{"kind":"x"}`
		sum := sha256.Sum256([]byte("POST /orders\n" + body))
		// A request that never finished (its server died mid-request) blocks retries only for a while.
		row := idempotency.Key{ID: uuid.Must(uuid.NewV7()), Scope: "c1", IdemKey: "k", RequestHash: hex.EncodeToString(sum[:]), CreatedAt: en.now, ExpiresAt: en.now.Add(24 * time.Hour)}
		if err := en.db.Create(&row).Error; err != nil {
			t.Fatal(err)
		}
		if rec := en.post("c1", "k", body); rec.Code != 409 || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), `"type":"`+idempotency.ProblemInProgress+`"`) {
			t.Fatalf("in-flight key: %d", rec.Code)
		}
		en.now = en.now.Add(2 * time.Minute)
		if rec := en.post("c1", "k", body); rec.Code != 201 {
			t.Fatalf("abandoned key not taken over: %d %s", rec.Code, rec.Body)
		}
		if en.calls.Load() != 1 {
			t.Fatalf("handler ran %d times", en.calls.Load())
		}
	})
}
