package app

import (
	"bytes"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/openoms/oms/api/internal/auth"
)

// pageTTL is how long a catalog answer is served from memory; while one request recomputes an
// expired answer, others get the previous one (at most 2×pageTTL old). Any successful write on
// this replica empties the cache at once, so an editor, a buyer who just ordered, or a test sees
// its own change immediately; a change made on another replica shows here within 2×pageTTL
// (stock and prices are checked again, in the transaction, when an order is placed).
const pageTTL = 5 * time.Second

// pageCache keeps recent catalog answers (products, categories, catalogs) per caller: prices and
// visibility depend on who asks, so a guest, each customer and each API key have their own
// entries. Staff are never served from it.
type pageCache struct {
	mu    sync.Mutex
	clock func() time.Time
	pages map[string]cachedPage
	gen   uint64 // bumped by every invalidation
	off   bool   // benchmarks measure the uncached path with it
	// filling marks keys being computed: other requests for the key wait for that answer rather
	// than all computing it at once when an entry expires (a stampede that can swamp the database).
	filling map[string]chan struct{}
}

type cachedPage struct {
	at          time.Time
	contentType string
	body        []byte
}

// maxCachedPages bounds memory: past it the cache starts over.
const maxCachedPages = 5000

func newPageCache(clock func() time.Time) *pageCache {
	return &pageCache{clock: clock, pages: map[string]cachedPage{}, filling: map[string]chan struct{}{}}
}

// invalidate drops every page (something changed).
func (p *pageCache) invalidate() {
	p.mu.Lock()
	p.pages = map[string]cachedPage{}
	p.gen++
	p.mu.Unlock()
}

// lookup returns a fresh entry; otherwise the generation a new answer must be stored under and
// whether this caller is the one to compute it (done must then be called).
func (p *pageCache) lookup(key string, now time.Time) (e cachedPage, gen uint64, hit bool, wait <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	e, ok := p.pages[key]
	if ok && now.Sub(e.at) < pageTTL && !now.Before(e.at) {
		return e, p.gen, true, nil
	}
	if ch, busy := p.filling[key]; busy {
		if ok && now.Sub(e.at) < 2*pageTTL && !now.Before(e.at) {
			return e, p.gen, true, nil // being refreshed: the previous answer meanwhile
		}
		return cachedPage{}, p.gen, false, ch
	}
	p.filling[key] = make(chan struct{})
	return cachedPage{}, p.gen, false, nil
}

// done ends the computation of key, releasing whoever waits for it.
func (p *pageCache) done(key string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if ch, ok := p.filling[key]; ok {
		close(ch)
		delete(p.filling, key)
	}
}

// store keeps an answer unless something changed while it was being computed (it may be stale).
func (p *pageCache) store(key string, e cachedPage, gen uint64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if gen != p.gen {
		return
	}
	if len(p.pages) >= maxCachedPages {
		p.pages = map[string]cachedPage{}
	}
	p.pages[key] = e
}

// serve answers GETs from the cache, and fills it with successful answers.
func (p *pageCache) serve(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Method != http.MethodGet || p.off {
			return next(c)
		}
		who := "guest"
		if pr, ok := auth.PrincipalFrom(c); ok {
			if pr.Kind == auth.KindStaff {
				return next(c)
			}
			who = string(pr.Kind) + ":" + pr.ID.String()
		}
		key := who + " " + c.Request().URL.RequestURI()
		e, gen, hit, wait := p.lookup(key, p.clock())
		if wait != nil {
			select { // another request is computing this page: wait for it, then look again
			case <-wait:
			case <-c.Request().Context().Done():
				return c.Request().Context().Err()
			}
			e, gen, hit, wait = p.lookup(key, p.clock())
			if wait != nil { // it failed or was dropped: compute without the cache
				return next(c)
			}
		}
		if hit {
			c.Response().Header().Set("X-Cache", "hit")
			return c.Blob(http.StatusOK, e.contentType, e.body)
		}
		defer p.done(key)
		now := p.clock()
		rec := &teeWriter{ResponseWriter: c.Response().Writer}
		c.Response().Writer = rec
		err := next(c)
		c.Response().Writer = rec.ResponseWriter
		if err == nil && c.Response().Status == http.StatusOK && !rec.overflow {
			p.store(key, cachedPage{at: now, contentType: c.Response().Header().Get(echo.HeaderContentType), body: rec.buf.Bytes()}, gen)
		}
		return err
	}
}

// invalidateOnWrite empties the cache after every successful request that may change data.
func (p *pageCache) invalidateOnWrite(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		switch c.Request().Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			if err == nil && c.Response().Status < 400 {
				p.invalidate()
			}
		}
		return err
	}
}

// maxCachedBody: larger answers pass through uncached.
const maxCachedBody = 1 << 20

// teeWriter copies what the handler writes, up to maxCachedBody.
type teeWriter struct {
	http.ResponseWriter
	buf      bytes.Buffer
	overflow bool
}

func (t *teeWriter) Write(b []byte) (int, error) {
	if !t.overflow {
		if t.buf.Len()+len(b) > maxCachedBody {
			t.overflow = true
			t.buf = bytes.Buffer{}
		} else {
			t.buf.Write(b)
		}
	}
	return t.ResponseWriter.Write(b)
}

func (t *teeWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
