package registration

import (
	"bufio"
	"compress/gzip"
	"embed"
	"fmt"
	"sort"
	"strings"
)

//go:embed data/disposable-email-domains.txt.gz
var disposableFile embed.FS

// DisposableDomains answers whether an email domain belongs to a throwaway-mailbox service.
type DisposableDomains struct{ sorted []string }

// LoadDisposableDomains reads the embedded list (121k domains, sorted, searched by bisection).
func LoadDisposableDomains() (*DisposableDomains, error) {
	f, err := disposableFile.Open("data/disposable-email-domains.txt.gz")
	if err != nil {
		return nil, fmt.Errorf("open disposable domains: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read disposable domains: %w", err)
	}
	d := &DisposableDomains{sorted: make([]string, 0, 125000)}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			d.sorted = append(d.sorted, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read disposable domains: %w", err)
	}
	sort.Strings(d.sorted)
	return d, nil
}

// Contains reports whether the domain of email, or any parent domain, is listed.
func (d *DisposableDomains) Contains(email string) bool {
	_, domain, ok := strings.Cut(strings.ToLower(email), "@")
	for ok && domain != "" {
		i := sort.SearchStrings(d.sorted, domain)
		if i < len(d.sorted) && d.sorted[i] == domain {
			return true
		}
		_, domain, ok = strings.Cut(domain, ".")
		ok = ok && strings.Contains(domain, ".")
	}
	return false
}
