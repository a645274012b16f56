package ordering

import (
	"strings"
	"testing"
)

func TestNewReferenceShape(t *testing.T) {
	seen := map[string]bool{}
	for range 10000 {
		ref := NewReference()
		if len(ref) != 13 || !strings.HasPrefix(ref, "ORD-") || ref[8] != '-' {
			t.Fatalf("bad shape %q", ref)
		}
		if strings.ContainsAny(ref[4:], "ILOU") {
			t.Fatalf("%q has a look-alike letter", ref)
		}
		if back, err := ParseReference(ref); err != nil || back != ref {
			t.Fatalf("%q does not parse back: %q %v", ref, back, err)
		}
		seen[ref] = true
	}
	if len(seen) < 9990 { // 40 random bits: a handful of collisions in 10k would mean a broken source
		t.Fatalf("only %d distinct references in 10000", len(seen))
	}
}

func TestParseReference(t *testing.T) {
	for in, want := range map[string]string{
		"ORD-7K3F-9QXM":     "ORD-7K3F-9QXM",
		"ord-7k3f-9qxm":     "ORD-7K3F-9QXM",
		" ORD-7K3F-9QXM ":   "ORD-7K3F-9QXM",
		"7K3F9QXM":          "ORD-7K3F-9QXM",
		"ORD 7K3F 9QXM":     "ORD-7K3F-9QXM",
		"ORD-7K3F-9QXO":     "ORD-7K3F-9QX0", // O read as zero
		"ORD-IK3F-9QXL":     "ORD-1K3F-9QX1", // I and L read as one
		"ORD-7K3F-9QX":      "",
		"ORD-7K3F-9QXMM":    "",
		"ORD-7K3F-9QXU":     "", // U is not in the alphabet
		"ORD-7K3F-9QX!":     "",
		"":                  "",
		"ORD-ÄK3F-9QXM":     "",
		"' OR 1=1 --":       "",
		"ORD-7K3F-9QXM-EXT": "",
	} {
		got, err := ParseReference(in)
		if want == "" {
			if err == nil {
				t.Errorf("ParseReference(%q) = %q, want an error", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("ParseReference(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func FuzzParseReference(f *testing.F) {
	for _, s := range []string{"ORD-7K3F-9QXM", "7k3f9qxm", "ORD--", "ÄÖÜ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref, err := ParseReference(s)
		if err != nil {
			return
		}
		if again, err := ParseReference(ref); err != nil || again != ref {
			t.Fatalf("canonical %q of %q does not parse to itself: %q %v", ref, s, again, err)
		}
	})
}
