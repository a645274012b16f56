package catalog

import "testing"

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		in, currency string
		want         int64
		ok           bool
	}{
		{"12.99", "USD", 1299, true},
		{"0.29", "USD", 29, true}, // float math would give 28
		{"12.5", "EUR", 1250, true},
		{"12", "usd", 1200, true},
		{" 7.00 ", "USD", 700, true},
		{"1299", "JPY", 1299, true},
		{"12.9", "JPY", 0, false},
		{"12.999", "USD", 0, false},
		{"12.", "USD", 0, false},
		{".5", "USD", 0, false},
		{"-1", "USD", 0, false},
		{"1,299.00", "USD", 0, false},
		{"$5", "USD", 0, false},
		{"", "USD", 0, false},
		{"1e3", "USD", 0, false},
		{"9999999999999999", "USD", 0, false},
	} {
		got, err := ParseAmount(tc.in, tc.currency)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseAmount(%q, %s) = %d, %v; want %d ok=%v", tc.in, tc.currency, got, err, tc.want, tc.ok)
		}
		if tc.ok {
			back, err := ParseAmount(FormatAmount(got, tc.currency), tc.currency)
			if err != nil || back != got {
				t.Errorf("round trip of %d %s: %d %v", got, tc.currency, back, err)
			}
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"12.99", "0.01", "7", "1.2.3", "-0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseAmount(s, "USD")
		if err != nil {
			return
		}
		if n < 0 {
			t.Fatalf("%q parsed negative: %d", s, n)
		}
		if back, err := ParseAmount(FormatAmount(n, "USD"), "USD"); err != nil || back != n {
			t.Fatalf("%q: %d does not round trip (%d, %v)", s, n, back, err)
		}
	})
}

func TestNeutralizeFormulas(t *testing.T) {
	for in, want := range map[string]string{"=SUM(A1)": "'=SUM(A1)", "+1": "'+1", "@x": "'@x", "-2": "'-2", "plain": "plain", "": "", "'Tis": "'Tis"} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q", in, got)
		}
		if back := unneutralize(SafeCell(in)); back != in {
			t.Errorf("unneutralize(SafeCell(%q)) = %q", in, back)
		}
	}
}
