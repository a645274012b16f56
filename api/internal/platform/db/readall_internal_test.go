package db

import (
	"strings"
	"testing"
)

func TestEachRow(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string // want: rows separated by "|", members as key=raw
	}{
		{"empty", `[]`, ``},
		{"flat", `[{"a":1,"b":"x","c":null}, {"a":-2.5e3,"b":"y","c":true}]`, `a=1 b="x" c=null|a=-2.5e3 b="y" c=true`},
		{"escapes", `[{"s":"a \"quoted\" {brace} [and] \\ back","t":"\u20ac"}]`, `s="a \"quoted\" {brace} [and] \\ back" t="\u20ac"`},
		{"nested", `[{"j":{"k":[1,{"m":"}"}]},"after":[]}]`, `j={"k":[1,{"m":"}"}]} after=[]`},
		{"spaces", " [ { \"a\" : 1 , \"b\" : [ ] } ,\n {\"a\":2,\"b\":[1]} ] ", `a=1 b=[ ]|a=2 b=[1]`},
		{"escaped key", `[{"a\"b":1,"\u0063":2}]`, `a"b=1 c=2`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rows []string
			err := eachRow([]byte(tc.in), func() { rows = append(rows, "") }, func(i int, key string, raw []byte) error {
				if i > 0 {
					rows[len(rows)-1] += " "
				}
				rows[len(rows)-1] += key + "=" + string(raw)
				return nil
			})
			if got := strings.Join(rows, "|"); err != nil || got != tc.want {
				t.Fatalf("got %q, %v\nwant %q", got, err, tc.want)
			}
		})
	}
	for _, bad := range []string{``, `{}`, `[{"a":1}`, `[{"a":"x}]`, `[{"a":{"b":1}]`, `[{"a" 1}]`, `[{"a":1}{"a":2}]`} {
		if err := eachRow([]byte(bad), func() {}, func(int, string, []byte) error { return nil }); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestQuestionMarks(t *testing.T) {
	for in, want := range map[string]string{
		``:                                   ``,
		`SELECT 1`:                           `SELECT 1`,
		`INSERT INTO t (a,b) VALUES ($1,$2)`: `INSERT INTO t (a,b) VALUES (?,?)`,
		`x = $10 AND y IN ($11,$123)`:        `x = ? AND y IN (?,?)`,
		`price $ 5, $x, $`:                   `price $ 5, $x, $`,
	} {
		if got := questionMarks(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestDollarParams(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SELECT ?", "SELECT $1"},
		{"a = ? AND b IN (?, ?)", "a = $1 AND b IN ($2, $3)"},
		{"coalesce(x, '[]') = ? AND y = '?' AND z = 'it''s ?' AND w = ?", "coalesce(x, '[]') = $1 AND y = '?' AND z = 'it''s ?' AND w = $2"},
		{"no parameters", "no parameters"},
	} {
		if got, _ := dollarParams(tc.in); got != tc.want {
			t.Errorf("dollarParams(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
