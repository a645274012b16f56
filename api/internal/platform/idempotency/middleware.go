package idempotency

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/openoms/oms/api/internal/platform/apperr"
	"github.com/openoms/oms/api/internal/platform/db"
	"github.com/openoms/oms/api/internal/platform/httpx"
)

// Header is the request header that names a retry-safe request (IETF draft
// "The Idempotency-Key HTTP Header Field").
const Header = "Idempotency-Key"

// ReplayedHeader marks a response that was stored and replayed, not computed again.
const ReplayedHeader = "Idempotent-Replayed"

// Problem types (see httpx.Problem.Type).
const (
	ProblemKeyReused  = "urn:oms:problem:idempotency-key-reused"
	ProblemInProgress = "urn:oms:problem:request-in-progress"
)

var (
	ErrKeyReused = apperr.Invalid("this Idempotency-Key was already used with a different request; use a new key for a new request").
			Typed(ProblemKeyReused, "")
	ErrInProgress = apperr.Conflict("a request with this Idempotency-Key is still being processed; retry in a moment").
			Typed(ProblemInProgress, "")
)

// Options tune the middleware.
type Options struct {
	TTL       time.Duration // how long a completed response is replayed (≥ 24 h)
	Abandoned time.Duration // an unfinished request older than this is taken over (its server died)
	Clock     func() time.Time
	// Scope names the caller, so one caller's key never meets another's; false means no caller
	// (the route should be authenticated before this middleware).
	Scope func(c echo.Context) (string, bool)
	// InTransaction: the handler claims the key inside its own database transaction (see
	// Claim.Read), instead of the middleware claiming it in a transaction of its own first.
	InTransaction bool
}

// Middleware makes a route safe to retry: the first completed response to (caller, key, request)
// is stored and replayed byte for byte; the same key with a different request body is a 422; the
// same key while the first request is still running is a 409; no key is a 400. Server errors
// (5xx) are not stored, so the client may retry them with the same key.
func (s *Store) Middleware(opts Options) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			key := c.Request().Header.Get(Header)
			if key == "" {
				return httpx.BadRequest("the Idempotency-Key header is required: send a new random value (e.g. a UUID) for each new request, and the same one when you retry it")
			}
			if len(key) > 255 {
				return httpx.BadRequest("the Idempotency-Key header must be at most 255 characters")
			}
			scope, ok := opts.Scope(c)
			if !ok {
				return apperr.Unauthorized("log in to use this endpoint")
			}
			body, err := io.ReadAll(c.Request().Body)
			if err != nil {
				return err // the body limit's 413, or a broken connection
			}
			c.Request().Body = io.NopCloser(bytes.NewReader(body))
			sum := sha256.Sum256(append([]byte(c.Request().Method+" "+c.Request().URL.Path+"\n"), body...))
			hash := hex.EncodeToString(sum[:])

			ctx := c.Request().Context()
			now := opts.Clock().UTC()
			cl := &Claim{row: Key{ID: uuid.Must(uuid.NewV7()), Scope: scope, IdemKey: key, RequestHash: hash, CreatedAt: now, ExpiresAt: now.Add(opts.TTL)},
				inTx: opts.InTransaction, abandoned: opts.Abandoned}
			if !cl.inTx {
				claimed, existing, err := s.claim(ctx, &cl.row, now, opts.Abandoned)
				if err != nil {
					return err
				}
				if !claimed {
					if err := cl.refuse(existing); !errors.Is(err, errAnswered) {
						return withRetryAfter(c, err)
					}
					return replay(c, *cl.answer)
				}
			}

			c.SetRequest(c.Request().WithContext(context.WithValue(ctx, claimKey{}, cl)))
			rec := &recorder{ResponseWriter: c.Response().Writer}
			c.Response().Writer = rec
			if err := next(c); errors.Is(err, errAnswered) {
				c.Response().Writer = rec.ResponseWriter
				return replay(c, *cl.answer)
			} else if err != nil {
				c.Error(withRetryAfter(c, err)) // write the problem now, so it is recorded like any other answer
			}
			if cl.saved || cl.refused {
				return nil // stored with the handler's own work, or not this request's to store
			}
			status := c.Response().Status
			ct := c.Response().Header().Get(echo.HeaderContentType)
			switch {
			case status >= 500 || !c.Response().Committed:
				// Nothing worth replaying: free the key (claimed in a handler's transaction, it
				// was never stored) so a retry runs again.
				if cl.inTx {
					return nil
				}
				if err := s.db.WithContext(ctx).Where("id = ?", cl.row.ID).Delete(&Key{}).Error; err != nil {
					return fmt.Errorf("release idempotency key: %w", err)
				}
			case cl.inTx:
				if err := s.storeAnswer(ctx, cl, status, ct, rec.body.Bytes()); err != nil {
					return fmt.Errorf("store idempotent response: %w", err)
				}
			default:
				if err := cl.Save(s.db.WithContext(ctx), status, ct, rec.body.Bytes()).Error; err != nil {
					return fmt.Errorf("store idempotent response: %w", err)
				}
			}
			return nil
		}
	}
}

func withRetryAfter(c echo.Context, err error) error {
	if errors.Is(err, ErrInProgress) {
		c.Response().Header().Set("Retry-After", "1")
	}
	return err
}

// replay sends a stored answer.
func replay(c echo.Context, k Key) error {
	h := c.Response().Header()
	if k.ContentType != nil {
		h.Set(echo.HeaderContentType, *k.ContentType)
	}
	h.Set(ReplayedHeader, "true")
	c.Response().WriteHeader(*k.StatusCode)
	_, err := c.Response().Write(k.ResponseBody)
	return err
}

// storeAnswer stores an answer the handler did not store in its transaction (a refusal before
// its work began, or a failure that rolled it back) under a key claimed in the handler's
// transaction. It is stored only while nobody holds the key: a request with the same key that
// is still running (it holds the key's lock) or finished first (its row exists) wins, and this
// answer is only sent.
func (s *Store) storeAnswer(ctx context.Context, cl *Claim, status int, contentType string, body []byte) error {
	k := cl.row
	k.StatusCode, k.ContentType, k.ResponseBody = &status, &contentType, body
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if tx.Dialector.Name() == "postgres" {
			var locked bool
			if err := tx.Raw("SELECT "+lockSQL, cl.lockKey()).Row().Scan(&locked); err != nil || !locked {
				return err
			}
		}
		return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&k).Error
	})
}

// Claim is a running request's hold on its key, in the request's context (ClaimFrom). A handler
// whose work is one database transaction can store its answer in that transaction (Save), so
// the answer commits with the work: one commit fewer per request, and no window in which the
// work is done but the answer not yet stored.
//
// With Options.InTransaction the handler also claims the key in that transaction, instead of the
// middleware in a transaction of its own before the handler runs (one more commit and round trip
// saved): Read, run with the handler's first reads (db.ReadAll), takes the key's
// transaction-scoped lock (PostgreSQL; on SQLite the transaction already holds the database's only
// write lock) and reads the stored answer; Check then refuses the request (ErrInProgress when
// another request holds the lock, ErrKeyReused for another body) or ends it with the stored
// answer, which the middleware replays. Save then inserts the key with its answer. Two requests
// that both pass Check (the second took the lock just after the first committed, with a snapshot
// from just before) cannot both commit: the second's Save hits the unique index and its write
// fails. (A handler refused before its write checks Unanswered.)
//
// A handler whose work is one statement outside a transaction (PostgreSQL orders: no BEGIN and
// COMMIT round trips) reads with SessionRead instead: the lock is then the connection's session's,
// held across its statements until it runs Unlock's statement (in its write), releases it
// otherwise, or the connection closes.
type Claim struct {
	row       Key
	inTx      bool
	session   bool // the lock is the session's (SessionRead)
	held      bool // the session holds the key's lock (Check saw it taken)
	abandoned time.Duration
	lookup    []lookupRow // Read's rows (one)
	answer    *Key        // the stored answer to replay (errAnswered)
	refused   bool        // Check refused the request: there is nothing of this request's to store
	saved     bool
}

// lookupRow is what Read reads: whether the key's lock was taken, and the key if it exists.
type lookupRow struct {
	Locked       bool
	ID           *uuid.UUID
	RequestHash  *string
	StatusCode   *int
	ContentType  *string
	ResponseBody []byte
	CreatedAt    *time.Time
	ExpiresAt    *time.Time
}

// errAnswered ends a handler whose request was already answered: the middleware replays the
// stored answer (Claim.answer).
var errAnswered = errors.New("idempotency: the request was already answered")

type claimKey struct{}

// ClaimFrom returns the claim of the request whose context this is, if it came through the
// middleware.
func ClaimFrom(ctx context.Context) (*Claim, bool) {
	c, ok := ctx.Value(claimKey{}).(*Claim)
	return c, ok
}

// The key's advisory lock (PostgreSQL), taken without waiting: for the transaction, or for the
// session until released. unlockSQL hands a session's lock to the running statement's
// transaction (a session may take a lock it holds again), then releases the session's hold: the
// key stays locked until that transaction ends, so a request that takes the lock next sees what
// it committed.
const (
	lockSQL        = "pg_try_advisory_xact_lock(hashtextextended(?, 0))"
	sessionLockSQL = "pg_try_advisory_lock(hashtextextended(?, 0))"
	unlockSQL      = "CASE WHEN pg_try_advisory_xact_lock(hashtextextended(?, 0)) THEN pg_advisory_unlock(hashtextextended(?, 0)) END"
)

// lockKey names the key's lock: the caller and the key (a header value has no line breaks).
func (cl *Claim) lockKey() string { return cl.row.Scope + "\n" + cl.row.IdemKey }

// Read is the claim's read for the handler's first batch of reads inside its transaction
// (db.ReadAll); nothing to read unless the claim is made in the handler's transaction.
func (cl *Claim) Read() db.Read {
	if !cl.inTx {
		return db.Read{}
	}
	return db.Read{Dest: &cl.lookup, Query: func(q *gorm.DB) *gorm.DB {
		locked, args := "true AS locked", []any{}
		if q.Dialector.Name() == "postgres" {
			lock := lockSQL
			if cl.session {
				lock = sessionLockSQL
			}
			locked, args = lock+" AS locked", []any{cl.lockKey()}
		}
		return q.Raw("SELECT "+locked+`, k.id, k.request_hash, k.status_code, k.content_type, k.response_body, k.created_at, k.expires_at
			FROM (SELECT 1 AS one) one LEFT JOIN idempotency_keys k ON k.scope = ? AND k.idem_key = ?`, append(args, cl.row.Scope, cl.row.IdemKey)...)
	}}
}

// SessionRead is Read taking the key's lock for the connection's session: the handler's
// statements then run outside a transaction, on one connection, and the lock is released by
// Unlock's statement.
func (cl *Claim) SessionRead() db.Read {
	cl.session = true
	return cl.Read()
}

// Unlock returns the expression that releases the key's session lock (SessionRead) when the
// statement running it ends, and whether the session holds it (Check took it). Run it in a
// SELECT on the connection that read — in the write statement, so the key stays locked until the
// write commits. A handler that stops before its write releases the lock otherwise (ordering
// runs pg_advisory_unlock_all, since a failed read may leave it held twice).
func (cl *Claim) Unlock() (db.Statement, bool) {
	return db.Statement{SQL: unlockSQL, Vars: []any{cl.lockKey(), cl.lockKey()}}, cl.held
}

// Unanswered returns an SQL condition: no answer is stored under the key (a claim still in
// progress has none). A handler refused for what the world looks like now (out of stock, say)
// checks it: when a request with the same key committed its answer between this request's read
// and its refusal, the refusal may be about what that request did, and the handler should read
// again and replay the stored answer.
func (cl *Claim) Unanswered() db.Statement {
	return db.Statement{SQL: "NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE scope = ? AND idem_key = ? AND status_code IS NOT NULL)",
		Vars: []any{cl.row.Scope, cl.row.IdemKey}}
}

// Check decides, after Read, whether the handler may go on: nil, ErrInProgress, ErrKeyReused,
// or errAnswered (return it: the middleware replays the stored answer). A key that expired or
// was abandoned is taken over (deleted in tx). It runs Read itself when the handler's batch did
// not (e.g. it stopped on invalid input first).
func (cl *Claim) Check(ctx context.Context, tx *gorm.DB) error {
	if !cl.inTx {
		return nil
	}
	if len(cl.lookup) == 0 {
		if err := db.ReadAll(ctx, tx, cl.Read()); err != nil {
			return fmt.Errorf("read idempotency key: %w", err)
		}
	}
	if len(cl.lookup) != 1 {
		return fmt.Errorf("read idempotency key: %d rows", len(cl.lookup))
	}
	l := cl.lookup[0]
	cl.lookup = nil // a retried transaction reads again
	cl.held = cl.session && l.Locked && tx.Dialector.Name() == "postgres"
	if !l.Locked {
		cl.refused = true
		return ErrInProgress
	}
	if l.ID == nil {
		return nil
	}
	existing := Key{ID: *l.ID, RequestHash: *l.RequestHash, StatusCode: l.StatusCode, ContentType: l.ContentType, ResponseBody: l.ResponseBody,
		CreatedAt: *l.CreatedAt, ExpiresAt: *l.ExpiresAt}
	now := cl.row.CreatedAt
	if existing.ExpiresAt.Before(now) || (existing.StatusCode == nil && existing.CreatedAt.Before(now.Add(-cl.abandoned))) {
		if err := tx.WithContext(ctx).Where("id = ?", existing.ID).Delete(&Key{}).Error; err != nil {
			return fmt.Errorf("take over idempotency key: %w", err)
		}
		return nil
	}
	return cl.refuse(existing)
}

// refuse answers a request whose key exists and is live: ErrKeyReused, ErrInProgress, or
// errAnswered with the stored answer in cl.answer.
func (cl *Claim) refuse(existing Key) error {
	switch {
	case existing.RequestHash != cl.row.RequestHash:
		cl.refused = true
		return ErrKeyReused
	case existing.StatusCode == nil:
		cl.refused = true
		return ErrInProgress
	}
	cl.answer = &existing
	return errAnswered
}

// Save returns the statement that stores the answer on db (the handler's transaction; also
// usable in a dry run): an update of the claimed key, or with Options.InTransaction its insert.
// The handler must then write exactly this answer and call Saved once the transaction has
// committed.
func (cl *Claim) Save(db *gorm.DB, status int, contentType string, body []byte) *gorm.DB {
	if cl.inTx {
		k := cl.row
		k.StatusCode, k.ContentType, k.ResponseBody = &status, &contentType, body
		return db.Create(&k)
	}
	return db.Model(&Key{}).Where("id = ?", cl.row.ID).
		Updates(map[string]any{"status_code": status, "content_type": contentType, "response_body": body})
}

// Saved tells the middleware that the answer was stored with the handler's committed work.
func (cl *Claim) Saved() { cl.saved = true }

// claim inserts the key as "in progress". If the key exists, it returns it instead — unless it
// expired or was abandoned by a server that died mid-request, in which case it is taken over.
func (s *Store) claim(ctx context.Context, row *Key, now time.Time, abandoned time.Duration) (bool, Key, error) {
	db := s.db.WithContext(ctx)
	for range 3 {
		err := db.Create(row).Error
		if err == nil {
			return true, Key{}, nil
		}
		if !errors.Is(err, gorm.ErrDuplicatedKey) {
			return false, Key{}, fmt.Errorf("claim idempotency key: %w", err)
		}
		var existing Key
		err = db.Where("scope = ? AND idem_key = ?", row.Scope, row.IdemKey).Take(&existing).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			continue // released between our insert and read: try again
		}
		if err != nil {
			return false, Key{}, fmt.Errorf("read idempotency key: %w", err)
		}
		stale := existing.ExpiresAt.Before(now) || (existing.StatusCode == nil && existing.CreatedAt.Before(now.Add(-abandoned)))
		if !stale {
			return false, existing, nil
		}
		// Take over with a conditional delete: of two takers, only one deletes the row.
		res := db.Where("id = ? AND created_at = ?", existing.ID, existing.CreatedAt).Delete(&Key{})
		if res.Error != nil {
			return false, Key{}, fmt.Errorf("take over idempotency key: %w", res.Error)
		}
	}
	return false, Key{}, ErrInProgress
}

// recorder keeps a copy of what the handler writes.
type recorder struct {
	http.ResponseWriter
	body bytes.Buffer
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}
