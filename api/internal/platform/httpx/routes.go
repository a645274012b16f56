package httpx

import "github.com/labstack/echo/v4"

// Routes adds routes under a prefix with middleware applied to each route. Echo's own group
// middleware registers a catch-all for the prefix, which turns a wrong method (405) into 404 and
// runs the middleware for paths that do not exist; per-route middleware keeps both right.
type Routes struct {
	g  *echo.Group
	mw []echo.MiddlewareFunc
}

// NewRoutes starts a route set on g (created without middleware) with mw on every route.
func NewRoutes(g *echo.Group, mw ...echo.MiddlewareFunc) *Routes { return &Routes{g: g, mw: mw} }

func (r *Routes) with(m []echo.MiddlewareFunc) []echo.MiddlewareFunc {
	return append(append([]echo.MiddlewareFunc{}, r.mw...), m...)
}

func (r *Routes) GET(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.g.GET(path, h, r.with(m)...)
}

func (r *Routes) POST(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.g.POST(path, h, r.with(m)...)
}

func (r *Routes) PUT(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.g.PUT(path, h, r.with(m)...)
}

func (r *Routes) PATCH(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.g.PATCH(path, h, r.with(m)...)
}

func (r *Routes) DELETE(path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.g.DELETE(path, h, r.with(m)...)
}

// Group returns a route set under a longer prefix with more middleware.
func (r *Routes) Group(prefix string, mw ...echo.MiddlewareFunc) *Routes {
	return &Routes{g: r.g.Group(prefix), mw: r.with(mw)}
}
