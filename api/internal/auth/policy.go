package auth

import (
	"bufio"
	"compress/gzip"
	"embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/openoms/oms/api/internal/platform/apperr"
)

//go:embed data/common-passwords-12plus.txt.gz
var commonPasswordsFile embed.FS

// PasswordPolicy decides whether a new password is acceptable: 12 to 1024 characters, not one of
// the ~44,000 most common passwords of that length (compared case-insensitively), and not built
// from the person's own name or email (NIST SP 800-63B §5.1.1.2).
type PasswordPolicy struct {
	common map[string]struct{}
}

// NewPasswordPolicy loads the embedded common-password list.
func NewPasswordPolicy() (*PasswordPolicy, error) {
	f, err := commonPasswordsFile.Open("data/common-passwords-12plus.txt.gz")
	if err != nil {
		return nil, fmt.Errorf("open common passwords: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read common passwords: %w", err)
	}
	p := &PasswordPolicy{common: make(map[string]struct{}, 45000)}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		p.common[sc.Text()] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read common passwords: %w", err)
	}
	return p, nil
}

// Size is how many common passwords the policy knows.
func (p *PasswordPolicy) Size() int { return len(p.common) }

// Check returns a 422 on field "password" explaining what to change. personal holds the
// person's name and email; a password containing one of their parts (4+ characters) is refused.
func (p *PasswordPolicy) Check(password string, personal ...string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return apperr.Field("password", fmt.Sprintf("must be at least %d characters; a few unrelated words make a good one", MinPasswordLength))
	case n > 1024:
		return apperr.Field("password", "must be at most 1024 characters")
	}
	lower := strings.ToLower(password)
	if _, ok := p.common[lower]; ok {
		return apperr.Field("password", "is one of the most common passwords; choose another")
	}
	for _, part := range personalParts(personal) {
		if strings.Contains(lower, part) {
			return apperr.Field("password", "must not contain your name or email address")
		}
	}
	return nil
}

// personalParts splits names and emails into the pieces worth refusing: "Ada Lovelace",
// "ada.l@example.com" → ada, lovelace, ada.l (the domain is not personal).
func personalParts(values []string) []string {
	var parts []string
	for _, v := range values {
		v = strings.ToLower(strings.TrimSpace(v))
		if local, _, ok := strings.Cut(v, "@"); ok {
			v = local
			parts = append(parts, local)
		}
		parts = append(parts, strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '.' || r == '_' || r == '-' || r == '+' })...)
	}
	out := parts[:0]
	for _, p := range parts {
		if utf8.RuneCountInString(p) >= 4 {
			out = append(out, p)
		}
	}
	return out
}
