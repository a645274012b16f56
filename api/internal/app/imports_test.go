package app

import (
	"go/build"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// layers is the import rule (DESIGN §3): a package imports only packages of a lower layer;
// platform packages import nothing but platform and config; app imports everything and nothing
// imports app. Cross-domain side effects go through interfaces the lower package declares.
var layers = map[string]int{
	"config": 0, "platform": 0,
	"audit":  1,
	"auth":   2,
	"notify": 3, "customers": 3, "catalog": 3,
	"registration": 4, "pricing": 4,
	"ordering": 5,
	"tracking": 6, "backup": 6,
	"app": 9,
}

const module = "github.com/openoms/oms/api/internal/"

func layerOf(t *testing.T, pkg string) (string, int) {
	t.Helper()
	top, _, _ := strings.Cut(pkg, "/")
	l, ok := layers[top]
	if !ok {
		t.Fatalf("package %s has no layer in the import rule: add it to layers", pkg)
	}
	return top, l
}

func TestImportsPointOneWay(t *testing.T) {
	root := ".."
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		p, err := build.ImportDir(path, 0)
		if err != nil {
			return nil // no Go files here
		}
		rel, _ := filepath.Rel(root, path)
		pkg := filepath.ToSlash(rel)
		top, layer := layerOf(t, pkg)
		checked++
		for _, imp := range p.Imports {
			dep, ok := strings.CutPrefix(imp, module)
			if !ok {
				continue
			}
			depTop, depLayer := layerOf(t, dep)
			switch {
			case depTop == "app":
				t.Errorf("%s imports app: nothing may", pkg)
			case top == "platform" && depTop != "platform" && depTop != "config":
				t.Errorf("%s imports %s: platform never imports a domain", pkg, dep)
			case top != "platform" && depTop == top:
			case top != "platform" && depLayer >= layer && depTop != "platform":
				t.Errorf("%s (layer %d) imports %s (layer %d): imports point down only", pkg, layer, dep, depLayer)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Fatalf("only %d packages checked", checked)
	}
}
