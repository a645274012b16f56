package notify

import (
	"fmt"
	"testing"
)

func TestPhoneCache(t *testing.T) {
	c := phoneCache{m: map[string]string{}}
	for range 2 { // uncached, then cached: the same answer
		if n, err := c.normalize("(415) 555-2671", "US"); err != nil || n != "+14155552671" {
			t.Fatalf("got %q, %v", n, err)
		}
	}
	for range 2 { // an invalid number is refused every time, never remembered
		if _, err := c.normalize("12", "US"); err == nil {
			t.Fatal("invalid number accepted")
		}
	}
	if len(c.m) != 1 {
		t.Fatalf("%d entries, want 1", len(c.m))
	}
	for i := len(c.m); i < phoneCacheSize; i++ {
		c.m[fmt.Sprint(i)] = "x"
	}
	if n, err := c.normalize("+14155552672", "US"); err != nil || n != "+14155552672" || len(c.m) != 1 {
		t.Fatalf("full cache: got %q, %v, %d entries (want emptied, then this one)", n, err, len(c.m))
	}
}
