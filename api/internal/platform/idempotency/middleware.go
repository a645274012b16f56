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

	"github.com/openoms/oms/api/internal/platform/apperr"
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
			row := Key{ID: uuid.Must(uuid.NewV7()), Scope: scope, IdemKey: key, RequestHash: hash, CreatedAt: now, ExpiresAt: now.Add(opts.TTL)}
			claimed, existing, err := s.claim(ctx, &row, now, opts.Abandoned)
			if err != nil {
				return err
			}
			if !claimed {
				switch {
				case existing.RequestHash != hash:
					return ErrKeyReused
				case existing.StatusCode == nil:
					c.Response().Header().Set("Retry-After", "1")
					return ErrInProgress
				}
				h := c.Response().Header()
				if existing.ContentType != nil {
					h.Set(echo.HeaderContentType, *existing.ContentType)
				}
				h.Set(ReplayedHeader, "true")
				c.Response().WriteHeader(*existing.StatusCode)
				_, err := c.Response().Write(existing.ResponseBody)
				return err
			}

			cl := &Claim{id: row.ID}
			c.SetRequest(c.Request().WithContext(context.WithValue(ctx, claimKey{}, cl)))
			rec := &recorder{ResponseWriter: c.Response().Writer}
			c.Response().Writer = rec
			if err := next(c); err != nil {
				c.Error(err) // write the problem now, so it is recorded like any other answer
			}
			if cl.saved {
				return nil // the handler stored its answer with its own work
			}
			status := c.Response().Status
			if status >= 500 || !c.Response().Committed {
				// Nothing worth replaying: free the key so a retry runs again.
				if err := s.db.WithContext(ctx).Where("id = ?", row.ID).Delete(&Key{}).Error; err != nil {
					return fmt.Errorf("release idempotency key: %w", err)
				}
				return nil
			}
			ct := c.Response().Header().Get(echo.HeaderContentType)
			err = cl.Save(s.db.WithContext(ctx), status, ct, rec.body.Bytes()).Error
			if err != nil {
				return fmt.Errorf("store idempotent response: %w", err)
			}
			return nil
		}
	}
}

// Claim is a running request's hold on its key, in the request's context (ClaimFrom). A handler
// whose work is one database transaction can store its answer in that transaction (Save), so
// the answer commits with the work: one commit fewer per request, and no window in which the
// work is done but the answer not yet stored.
type Claim struct {
	id    uuid.UUID
	saved bool
}

type claimKey struct{}

// ClaimFrom returns the claim of the request whose context this is, if it came through the
// middleware.
func ClaimFrom(ctx context.Context) (*Claim, bool) {
	c, ok := ctx.Value(claimKey{}).(*Claim)
	return c, ok
}

// Save returns the statement that stores the answer on db (the handler's transaction; also
// usable in a dry run). The handler must then write exactly this answer and call Saved once the
// transaction has committed.
func (cl *Claim) Save(db *gorm.DB, status int, contentType string, body []byte) *gorm.DB {
	return db.Model(&Key{}).Where("id = ?", cl.id).
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
