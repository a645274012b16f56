package phone

import "testing"

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		raw, region, want string
		ok                bool
	}{
		{"+1 415 555 2671", "US", "+14155552671", true},
		{"(415) 555-2671", "US", "+14155552671", true},
		{"020 7946 0958", "GB", "+442079460958", true},
		{"+44 20 7946 0958", "US", "+442079460958", true},
		{"0049 30 901820", "DE", "+4930901820", true},
		{"12", "US", "", false},
		{"not a number", "US", "", false},
		{"", "US", "", false},
		{"+1 415 555 2671; DROP TABLE x", "US", "", false},
	} {
		got, err := Normalize(tc.raw, tc.region)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("Normalize(%q, %s) = %q, %v; want %q", tc.raw, tc.region, got, err, tc.want)
		}
	}
}

func TestRegion(t *testing.T) {
	if r := Region("+442079460958"); r != "GB" {
		t.Fatalf("Region = %q", r)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"+14155552671", "(415) 555-2671", "0049 30 901820", "++", "+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := Normalize(raw, "US")
		if err != nil {
			return
		}
		again, err := Normalize(got, "US")
		if err != nil || again != got {
			t.Fatalf("normalising %q twice: %q then %q, %v", raw, got, again, err)
		}
	})
}
