// Package frontend embeds the built SPA (frontend/dist) into the Go binary. dist/.gitkeep keeps
// `go build` working before the SPA is built; the server then says how to build it.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built SPA rooted at dist/.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic("frontend: dist missing from embed: " + err.Error()) // impossible: the pattern above embeds it
	}
	return sub
}
