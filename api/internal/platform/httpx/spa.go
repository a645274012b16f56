package httpx

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// apiPrefixes are never answered with the SPA: a typo in an API path must be a JSON 404, not HTML.
var apiPrefixes = []string{"/api/", "/swagger/", "/healthz", "/readyz", "/metrics"}

// SPA serves the built single-page app: real files as they are (hashed assets cached for a year),
// and index.html (never cached) for every other GET so client-side routes survive a reload.
type SPA struct {
	files fs.FS
	index []byte
}

// NewSPA serves files from a built Vite dist directory.
func NewSPA(files fs.FS) *SPA {
	index, _ := fs.ReadFile(files, "index.html")
	return &SPA{files: files, index: index}
}

// Built reports whether the SPA has been built into the binary.
func (s *SPA) Built() bool { return len(s.index) > 0 }

// Fallback is the last middleware: when no route matched a browser GET outside the API, it
// serves the app instead of the 404. It is a middleware rather than Echo's RouteNotFound so that
// a wrong method on an API route stays a 405 and every other request keeps its 404.
func (s *SPA) Fallback(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		if err == nil || !errors.Is(err, echo.ErrNotFound) {
			return err
		}
		req := c.Request()
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			return err
		}
		for _, prefix := range apiPrefixes {
			if req.URL.Path == strings.TrimSuffix(prefix, "/") || strings.HasPrefix(req.URL.Path, prefix) {
				return err
			}
		}
		c.SetPath("/*spa")
		return s.serve(c)
	}
}

func (s *SPA) serve(c echo.Context) error {
	req := c.Request()
	p := req.URL.Path
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasPrefix(name, ".") || strings.Contains(name, "/.") {
		return echo.ErrNotFound // dotfiles such as dist/.gitkeep are build plumbing, not content
	}
	if name != "" && name != "index.html" {
		if st, err := fs.Stat(s.files, name); err == nil && !st.IsDir() {
			h := c.Response().Header()
			if strings.HasPrefix(name, "assets/") {
				h.Set(echo.HeaderCacheControl, "public, max-age=31536000, immutable")
			} else {
				h.Set(echo.HeaderCacheControl, "no-cache")
			}
			http.ServeFileFS(c.Response(), req, s.files, name)
			return nil
		}
		// A missing file (has an extension) is a 404, not the app: a stale asset URL must fail
		// loudly instead of returning HTML under a script's name.
		if path.Ext(name) != "" {
			return echo.ErrNotFound
		}
	}
	c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
	if !s.Built() {
		return c.HTML(http.StatusServiceUnavailable, notBuiltPage)
	}
	return c.HTMLBlob(http.StatusOK, s.index)
}

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Order Management System</title></head>
<body><main><h1>Order Management System</h1><p>The web app is not built into this binary.
Run <code>make build</code> (or <code>make run</code>) to build it. The API works: see <a href="/swagger/index.html">the API documentation</a>.</p></main></body></html>`
