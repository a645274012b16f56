package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/openoms/oms/api/internal/auth"
	"github.com/openoms/oms/api/internal/customers"
	"github.com/openoms/oms/api/internal/registration"
)

// DemoPassword is the password of every demo account. Demo mode is for trying the product on a
// laptop; the server says so loudly and never seeds outside it unless asked (omsd seed-demo).
const DemoPassword = "oms-demo-password"

// DemoLogin is one account a person can try.
type DemoLogin struct {
	Role     string
	Login    string
	Password string
}

// SeedDemo creates the demo accounts (and, as domains land, demo data). Running it again changes
// nothing that exists.
func (a *App) SeedDemo(ctx context.Context) ([]DemoLogin, error) {
	staff := []auth.NewStaff{
		{Email: "admin@oms.example.com", Name: "Avery Admin", Role: auth.RoleAdmin},
		{Email: "support@oms.example.com", Name: "Sam Support", Role: auth.RoleSupport},
		{Email: "fulfilment@oms.example.com", Name: "Fran Fulfilment", Role: auth.RoleFulfilment},
		{Email: "sales@oms.example.com", Name: "Sasha Sales", Role: auth.RoleSales},
	}
	logins := make([]DemoLogin, 0, len(staff))
	for _, s := range staff {
		s.Password = DemoPassword
		u, created, err := a.Staff.EnsureStaff(ctx, s)
		if err != nil {
			return nil, fmt.Errorf("seed demo staff %s: %w", s.Email, err)
		}
		if created {
			a.log.Info("demo staff user created", "email", u.Email, "role", u.Role)
		}
		logins = append(logins, DemoLogin{Role: "staff " + string(s.Role), Login: s.Email, Password: DemoPassword})
	}
	buyers := []registration.ApplyInput{
		{Type: customers.Consumer, Name: "Casey Consumer", Email: "casey@example.com", Phone: "+14155550123",
			Address: customers.Address{Line1: "500 Howard Street", City: "San Francisco", PostalCode: "94105", Country: "US"}},
		{Type: customers.Business, Name: "Blake Buyer", Email: "purchasing@northwind.example.com", Phone: "+14155550124",
			Address: customers.Address{Line1: "1 Industrial Way", City: "Oakland", PostalCode: "94607", Country: "US"},
			Company: &registration.CompanyInput{LegalName: "Northwind Traders Inc.", TaxID: "US94-1234567", RegistrationNumber: "C7654321"}},
	}
	for _, b := range buyers {
		// Not a network address: seeding must not count towards the per-IP velocity flag that
		// applications from localhost would otherwise raise for someone trying the demo.
		b.Password, b.IP = DemoPassword, "demo-seed"
		c, created, err := a.Registrations.SeedApproved(ctx, b)
		if err != nil {
			return nil, fmt.Errorf("seed demo customer %s: %w", b.Email, err)
		}
		if created {
			a.log.Info("demo customer created", "login_id", c.LoginID, "type", c.Type)
		}
		logins = append(logins, DemoLogin{Role: string(c.Type) + " customer", Login: c.LoginID + " or " + c.Email, Password: DemoPassword})
	}
	if err := a.seedCatalog(ctx); err != nil {
		return nil, err
	}
	if err := a.seedGroupsAndCatalogs(ctx); err != nil {
		return nil, err
	}
	return logins, nil
}

// DemoJWTSecret returns the demo mode's signing secret, generating it on first use and keeping
// it in the data directory (mode 0600) so tokens survive restarts.
func DemoJWTSecret(dataDir string) (string, error) {
	path := filepath.Join(dataDir, "jwt-secret")
	b, err := os.ReadFile(path)
	if err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		return strings.TrimSpace(string(b)), nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("read demo secret: %w", err)
	}
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", fmt.Errorf("generate demo secret: %w", err)
	}
	secret := hex.EncodeToString(raw[:])
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return "", fmt.Errorf("create data directory: %w", err)
	}
	if err := os.WriteFile(path, []byte(secret+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("write demo secret: %w", err)
	}
	return secret, nil
}
