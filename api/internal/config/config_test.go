package config

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func load(t *testing.T, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	l := Bind(fs, func(k string) string { return env[k] })
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse flags: %v", err)
	}
	return l.Load()
}

func TestDefaults(t *testing.T) {
	c, err := load(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseURL != "sqlite:./data/oms.db" || c.HTTPAddr != ":8080" || c.BodyLimit != 1<<20 {
		t.Fatalf("unexpected defaults: %+v", c)
	}
	if c.PublicURL != "http://localhost:8080" {
		t.Fatalf("PublicURL = %q", c.PublicURL)
	}
	if c.ReadTimeout != 15*time.Second || c.LogLevel != "info" {
		t.Fatalf("unexpected defaults: %+v", c)
	}
}

func TestFlagsOverrideEnvironment(t *testing.T) {
	c, err := load(t, map[string]string{"OMS_HTTP_ADDR": ":9000", "OMS_LOG_LEVEL": "debug"}, "--addr", "127.0.0.1:7000")
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != "127.0.0.1:7000" {
		t.Fatalf("flag did not win: %q", c.HTTPAddr)
	}
	if c.LogLevel != "debug" {
		t.Fatalf("env not applied: %q", c.LogLevel)
	}
}

func TestBooleanFlagStandsAlone(t *testing.T) {
	c, err := load(t, nil, "--demo", "--addr", "127.0.0.1:9999")
	if err != nil {
		t.Fatal(err)
	}
	if !c.Demo || c.HTTPAddr != "127.0.0.1:9999" {
		t.Fatalf("Demo=%v addr=%q", c.Demo, c.HTTPAddr)
	}
}

func TestInvalidValuesNameTheVariable(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"DATABASE_URL": "mysql://x"}, "DATABASE_URL"},
		{map[string]string{"DATABASE_URL": "sqlite:"}, "DATABASE_URL"},
		{map[string]string{"OMS_HTTP_ADDR": "8080"}, "OMS_HTTP_ADDR"},
		{map[string]string{"OMS_CORS_ORIGINS": "https://ok.example, not a url"}, "OMS_CORS_ORIGINS"},
		{map[string]string{"OMS_HTTP_BODY_LIMIT": "lots"}, "OMS_HTTP_BODY_LIMIT"},
		{map[string]string{"OMS_HTTP_READ_TIMEOUT": "-1s"}, "OMS_HTTP_READ_TIMEOUT"},
		{map[string]string{"OMS_LOG_LEVEL": "loud"}, "OMS_LOG_LEVEL"},
		{map[string]string{"OMS_DB_MAX_OPEN_CONNS": "-3"}, "OMS_DB_MAX_OPEN_CONNS"},
		{map[string]string{"OMS_DEMO": "perhaps"}, "OMS_DEMO"},
		{map[string]string{"OMS_PUBLIC_URL": "ftp://x"}, "OMS_PUBLIC_URL"},
		{map[string]string{"OMS_SMS_PROVIDER": "pigeon"}, "OMS_SMS_PROVIDER"},
		{map[string]string{"OMS_SMS_PROVIDER": "twilio"}, "TWILIO_ACCOUNT_SID"},
		{map[string]string{"OMS_SMS_PROVIDER": "twilio", "TWILIO_ACCOUNT_SID": "AC" + strings.Repeat("a", 32)}, "TWILIO_AUTH_TOKEN"},
		{map[string]string{"OMS_SMS_PROVIDER": "twilio", "TWILIO_ACCOUNT_SID": "AC" + strings.Repeat("a", 32), "TWILIO_AUTH_TOKEN": "t"}, "TWILIO_FROM_NUMBER"},
		{map[string]string{"TWILIO_ACCOUNT_SID": "nope"}, "TWILIO_ACCOUNT_SID"},
		{map[string]string{"TWILIO_FROM_NUMBER": "555-0100"}, "TWILIO_FROM_NUMBER"},
		{map[string]string{"OMS_EMAIL_PROVIDER": "smtp"}, "SMTP_URL"},
		{map[string]string{"OMS_EMAIL_PROVIDER": "smtp", "SMTP_URL": "smtp://localhost:25"}, "SMTP_FROM"},
		{map[string]string{"OMS_DEFAULT_REGION": "usa"}, "OMS_DEFAULT_REGION"},
		{map[string]string{"OMS_SMS_RATE_LIMIT": "five"}, "OMS_SMS_RATE_LIMIT"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			_, err := load(t, tc.env)
			var ce *Error
			if !errors.As(err, &ce) || ce.Var != tc.want {
				t.Fatalf("err = %v, want config error naming %s", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error spans lines: %q", err)
			}
		})
	}
}

func TestRequireJWTSecret(t *testing.T) {
	for _, tc := range []struct {
		secret string
		ok     bool
	}{{"", false}, {"short", false}, {strings.Repeat("x", 32), true}} {
		err := Config{JWTSecret: tc.secret}.RequireJWTSecret()
		if (err == nil) != tc.ok {
			t.Errorf("secret len %d: err = %v", len(tc.secret), err)
		}
	}
}

func TestCORSOriginsParsed(t *testing.T) {
	c, err := load(t, map[string]string{"OMS_CORS_ORIGINS": " https://a.example ,http://localhost:5173/ "})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.CORSOrigins) != 2 || c.CORSOrigins[1] != "http://localhost:5173" {
		t.Fatalf("CORSOrigins = %q", c.CORSOrigins)
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "1MiB": 1 << 20, "512KiB": 512 << 10, "2mb": 2 << 20, "10B": 10} {
		if got, err := ParseBytes(in); err != nil || got != want {
			t.Errorf("ParseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
}

func TestSecretsComeFromEnvironmentOrFileNeverFlags(t *testing.T) {
	if _, err := func() (Config, error) {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		l := Bind(fs, func(string) string { return "" })
		if err := fs.Parse([]string{"--jwt-secret", "x"}); err != nil {
			return Config{}, err
		}
		return l.Load()
	}(); err == nil {
		t.Fatal("--jwt-secret accepted as a flag")
	}
	file := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(file, []byte(strings.Repeat("f", 40)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := load(t, map[string]string{"OMS_JWT_SECRET_FILE": file})
	if err != nil || c.JWTSecret != strings.Repeat("f", 40) {
		t.Fatalf("secret from file: %q, %v", c.JWTSecret, err)
	}
	c, err = load(t, map[string]string{"OMS_JWT_SECRET_FILE": file, "OMS_JWT_SECRET": strings.Repeat("e", 40)})
	if err != nil || c.JWTSecret != strings.Repeat("e", 40) {
		t.Fatalf("variable must win over file: %q, %v", c.JWTSecret, err)
	}
	_, err = load(t, map[string]string{"OMS_JWT_SECRET_FILE": "/nonexistent/secret"})
	var ce *Error
	if !errors.As(err, &ce) || ce.Var != "OMS_JWT_SECRET_FILE" {
		t.Fatalf("missing file: %v", err)
	}
}

// README's configuration table documents every variable.
func TestREADMEDocumentsEveryVariable(t *testing.T) {
	b, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range Variables() {
		if !strings.Contains(string(b), "`"+v+"`") {
			t.Errorf("README.md does not document %s", v)
		}
	}
}

func TestTwilioWithMessagingServiceIsComplete(t *testing.T) {
	c, err := load(t, map[string]string{"OMS_SMS_PROVIDER": "twilio", "TWILIO_ACCOUNT_SID": "AC" + strings.Repeat("a", 32),
		"TWILIO_AUTH_TOKEN": "tok", "TWILIO_MESSAGING_SERVICE_SID": "MG" + strings.Repeat("b", 32)})
	if err != nil {
		t.Fatal(err)
	}
	if c.SMSRateLimit != 5 || c.SMSRateWindow != 10*time.Minute || c.DefaultRegion != "US" {
		t.Fatalf("defaults: %d/%s %s", c.SMSRateLimit, c.SMSRateWindow, c.DefaultRegion)
	}
}
