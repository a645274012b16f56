package auth

import (
	"strings"
	"testing"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

func TestPasswordPolicy(t *testing.T) {
	p, err := NewPasswordPolicy()
	if err != nil {
		t.Fatal(err)
	}
	if p.Size() < 10000 {
		t.Fatalf("only %d common passwords shipped", p.Size())
	}
	for _, tc := range []struct {
		pw      string
		ok      bool
		because string
	}{
		{"correct horse battery staple", true, ""},
		{"short", false, "at least 12"},
		{strings.Repeat("x", 1025), false, "at most 1024"},
		{"1qaz2wsx3edc", false, "most common"},
		{"QWERTY123456", false, "most common"},
		{"lovelace-rocks-2026", false, "your name"},
		{"my ada.l mailbox pw", false, "your name"},
		{"Adamantium spoon 9", true, ""}, // "ada" is under 4 characters, so it is not refused
	} {
		err := p.Check(tc.pw, "Ada Lovelace", "ada.l@example.com")
		if tc.ok != (err == nil) {
			t.Errorf("%q: %v", tc.pw, err)
			continue
		}
		if err != nil {
			ae, _ := apperr.As(err)
			if ae.Fields[0].Field != "password" || !strings.Contains(ae.Fields[0].Message, tc.because) {
				t.Errorf("%q: %v", tc.pw, ae.Fields)
			}
		}
	}
}
