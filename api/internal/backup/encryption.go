package backup

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"filippo.io/age"
)

// ageMagic starts every binary age file.
const ageMagic = "age-encryption.org/v1\n"

// ParseRecipients reads age recipients (public keys, "age1…"; post-quantum "age1pq1…"),
// separated by commas, spaces or new lines. Lines starting with # are comments.
func ParseRecipients(s string) ([]age.Recipient, error) {
	var lines []string
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		lines = append(lines, strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\r' })...)
	}
	if len(lines) == 0 {
		return nil, nil
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "AGE-SECRET-KEY-") {
			// A private key here would sit beside the backups it opens.
			return nil, errors.New("this is an age private key (identity): give the public key (age1…) here; the identity stays off this server")
		}
	}
	recs, err := age.ParseRecipients(strings.NewReader(strings.Join(lines, "\n")))
	if err != nil {
		return nil, fmt.Errorf("age recipients: %w", err)
	}
	return recs, nil
}

// ParseIdentities reads age identities ("AGE-SECRET-KEY-1…" lines, as age-keygen writes them).
func ParseIdentities(r io.Reader) ([]age.Identity, error) {
	ids, err := age.ParseIdentities(r)
	if err != nil {
		return nil, fmt.Errorf("age identity: %w", err)
	}
	return ids, nil
}

// isEncrypted peeks at the start of an archive.
func isEncrypted(r *bufio.Reader) bool {
	head, _ := r.Peek(len(ageMagic))
	return bytes.Equal(head, []byte(ageMagic))
}

// decrypt opens an age stream with the identities; a missing or wrong key has its own error.
func decrypt(r io.Reader, ids []age.Identity) (io.Reader, error) {
	if len(ids) == 0 {
		return nil, ErrEncrypted
	}
	dr, err := age.Decrypt(r, ids...)
	var nomatch *age.NoIdentityMatchError
	if errors.As(err, &nomatch) {
		return nil, ErrWrongKey
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return dr, nil
}

// Identity opens encrypted archives (an age private key); Recipient is what archives are
// encrypted to (an age public key).
type (
	Identity  = age.Identity
	Recipient = age.Recipient
)
