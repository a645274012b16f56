// Package config reads the server's typed configuration from environment variables, lets
// command-line flags override them, and validates everything once at start.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Config is the whole runtime configuration. It is built once in main and passed down; nothing
// reads the environment after start.
type Config struct {
	DatabaseURL string
	DataDir     string
	Demo        bool

	HTTPAddr        string
	PublicURL       string
	CORSOrigins     []string
	BodyLimit       int64
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	ShutdownTimeout time.Duration
	DrainDelay      time.Duration

	JWTSecret    string
	MetricsToken string

	LogLevel  string
	LogFormat string

	BrandName     string // the seller's short name in texts and emails
	SellerAddress string // printed on order confirmations and invoices; lines split by "|"
	SellerTaxID   string // printed on invoices
	// OrderUpdatesEmail/SMS: the order-update channels a new customer account starts with.
	OrderUpdatesEmail, OrderUpdatesSMS bool
	// ServiceLevels promise, per priority, how many business days after placing an order it
	// leaves the warehouse and arrives.
	ServiceLevels             map[string]ServiceLevel
	SMSProvider               string // console | twilio
	EmailProvider             string // console | smtp
	TwilioAccountSID          string
	TwilioAuthToken           string
	TwilioFromNumber          string
	TwilioMessagingServiceSID string
	SMTPURL                   string
	SMTPFrom                  string
	DefaultRegion             string // ISO 3166 region for phone numbers written without +country
	AutoApproveConsumers      bool
	ExpressSurcharge          int64 // minor units added to express orders
	UrgentSurcharge           int64 // minor units added to urgent orders
	SMSRateLimit              int   // SMS per recipient per SMSRateWindow
	SMSRateWindow             time.Duration
	RedisURL                  string // shared rate limits across replicas; empty: in memory
	LoginRateLimit            Rate   // failed logins per account
	LoginIPRateLimit          Rate   // failed logins per client IP
	RegistrationRateLimit     Rate   // applications per client IP

	DBMaxOpenConns    int
	DBMaxIdleConns    int
	DBConnMaxLifetime time.Duration

	MediaDir           string // local media directory (default <data dir>/media), unless MediaS3Bucket is set
	MediaMaxImageBytes int64
	MediaMaxVideoBytes int64
	MediaS3Bucket      string // when set, media live in this S3-compatible bucket
	S3Endpoint         string // host[:port]
	S3Region           string
	S3AccessKeyID      string
	S3SecretAccessKey  string
	S3UseSSL           bool

	BackupDir           string // local backup directory (default <data dir>/backups)
	BackupSchedule      string // cron spec (UTC) or "off"
	BackupKeepDaily     int
	BackupKeepWeekly    int
	BackupKeepMonthly   int
	BackupAgeRecipients string // age public keys; empty: archives are not encrypted
	BackupAgeIdentity   string // age private key for verify and restore; never kept beside the backups
	BackupS3Bucket      string // when set, every backup is also copied to this S3-compatible bucket
	BackupS3Prefix      string
	BackupPGBinDir      string // where pg_dump and pg_restore are (empty: PATH)
}

// Error is a configuration error that names the offending setting. main prints it on one line
// and exits with status 2.
type Error struct {
	Var string // environment variable name
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("config: %s: %s", e.Var, e.Msg) }

// setting binds one environment variable to one flag and a parser into the Config.
type setting struct {
	env, flag, def, usage string
	set                   func(c *Config, v string) error
}

func settings() []setting {
	return []setting{
		{"DATABASE_URL", "database-url", "sqlite:./data/oms.db", "postgres://… or sqlite:path", func(c *Config, v string) error {
			if !strings.HasPrefix(v, "postgres://") && !strings.HasPrefix(v, "postgresql://") && !strings.HasPrefix(v, "sqlite:") {
				return errors.New(`must start with "postgres://", "postgresql://" or "sqlite:"`)
			}
			if strings.HasPrefix(v, "sqlite:") && strings.TrimPrefix(v, "sqlite:") == "" {
				return errors.New("sqlite: needs a file path, e.g. sqlite:./data/oms.db")
			}
			c.DatabaseURL = v
			return nil
		}},
		{"OMS_DATA_DIR", "data-dir", "./data", "directory for local state (demo secret, media, backups)", func(c *Config, v string) error {
			if v == "" {
				return errors.New("must not be empty")
			}
			c.DataDir = v
			return nil
		}},
		{"OMS_DEMO", "demo", "false", "demo mode: generated secret, demo data, printed logins", func(c *Config, v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return errors.New("must be true or false")
			}
			c.Demo = b
			return nil
		}},
		{"OMS_HTTP_ADDR", "addr", ":8080", "listen address host:port", func(c *Config, v string) error {
			if _, port, err := net.SplitHostPort(v); err != nil || port == "" {
				return errors.New("must be host:port, e.g. :8080 or 127.0.0.1:8080")
			}
			c.HTTPAddr = v
			return nil
		}},
		{"OMS_PUBLIC_URL", "public-url", "", "external base URL (default http://localhost:<port>)", func(c *Config, v string) error {
			if v == "" {
				return nil
			}
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return errors.New("must be an absolute http(s) URL")
			}
			c.PublicURL = strings.TrimRight(v, "/")
			return nil
		}},
		{"OMS_CORS_ORIGINS", "cors-origins", "", "comma-separated allowed browser origins (empty: same origin only)", func(c *Config, v string) error {
			c.CORSOrigins = nil
			for _, o := range strings.Split(v, ",") {
				o = strings.TrimSpace(o)
				if o == "" {
					continue
				}
				u, err := url.Parse(o)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
					return fmt.Errorf("%q is not an origin like https://shop.example.com", o)
				}
				c.CORSOrigins = append(c.CORSOrigins, strings.TrimRight(o, "/"))
			}
			return nil
		}},
		{"OMS_HTTP_BODY_LIMIT", "body-limit", "1MiB", "largest accepted request body (e.g. 512KiB, 1MiB)", func(c *Config, v string) error {
			n, err := ParseBytes(v)
			if err != nil || n <= 0 {
				return errors.New("must be a positive size like 1MiB or 1048576")
			}
			c.BodyLimit = n
			return nil
		}},
		{"OMS_HTTP_READ_TIMEOUT", "read-timeout", "15s", "time to read a whole request", durationInto(func(c *Config) *time.Duration { return &c.ReadTimeout })},
		{"OMS_HTTP_WRITE_TIMEOUT", "write-timeout", "30s", "time to write a response", durationInto(func(c *Config) *time.Duration { return &c.WriteTimeout })},
		{"OMS_SHUTDOWN_TIMEOUT", "shutdown-timeout", "25s", "grace period for in-flight requests and jobs on SIGTERM", durationInto(func(c *Config) *time.Duration { return &c.ShutdownTimeout })},
		{"OMS_SHUTDOWN_DRAIN_DELAY", "shutdown-drain-delay", "0s", "on SIGTERM, report not-ready this long before closing the listener (load balancers stop routing; 5s on Kubernetes)", func(c *Config, v string) error {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				return errors.New("must be a duration ≥ 0 like 0s or 5s")
			}
			c.DrainDelay = d
			return nil
		}},
		{"OMS_JWT_SECRET", "", "", "HMAC secret for access tokens, ≥ 32 bytes (required unless demo)", func(c *Config, v string) error {
			c.JWTSecret = v
			return nil
		}},
		{"OMS_METRICS_TOKEN", "", "", "when set, GET /metrics needs \"Authorization: Bearer <token>\" (set it in production)", func(c *Config, v string) error {
			c.MetricsToken = v
			return nil
		}},
		{"OMS_BRAND_NAME", "brand-name", "OMS", "the seller's short name at the start of texts and in emails", func(c *Config, v string) error {
			v = strings.TrimSpace(v)
			if v == "" || len(v) > 30 {
				return errors.New("must be 1 to 30 characters")
			}
			c.BrandName = v
			return nil
		}},
		{"OMS_SMS_PROVIDER", "sms-provider", "console", "console (log only; read messages in the back office) or twilio", func(c *Config, v string) error {
			if v != "console" && v != "twilio" {
				return errors.New("must be console or twilio")
			}
			c.SMSProvider = v
			return nil
		}},
		{"OMS_EMAIL_PROVIDER", "email-provider", "console", "console or smtp", func(c *Config, v string) error {
			if v != "console" && v != "smtp" {
				return errors.New("must be console or smtp")
			}
			c.EmailProvider = v
			return nil
		}},
		{"TWILIO_ACCOUNT_SID", "twilio-account-sid", "", "Twilio account SID (AC…)", func(c *Config, v string) error {
			if v != "" && (!strings.HasPrefix(v, "AC") || len(v) != 34) {
				return errors.New("must be a Twilio account SID: AC followed by 32 characters")
			}
			c.TwilioAccountSID = v
			return nil
		}},
		{"TWILIO_AUTH_TOKEN", "", "", "Twilio auth token (also verifies webhook signatures)", func(c *Config, v string) error {
			c.TwilioAuthToken = v
			return nil
		}},
		{"TWILIO_FROM_NUMBER", "twilio-from-number", "", "sender number in E.164 (or use a messaging service)", func(c *Config, v string) error {
			if v != "" && !e164.MatchString(v) {
				return errors.New("must be an E.164 number like +14155550100")
			}
			c.TwilioFromNumber = v
			return nil
		}},
		{"TWILIO_MESSAGING_SERVICE_SID", "twilio-messaging-service-sid", "", "Twilio messaging service SID (MG…), used instead of the from number", func(c *Config, v string) error {
			if v != "" && (!strings.HasPrefix(v, "MG") || len(v) != 34) {
				return errors.New("must be a messaging service SID: MG followed by 32 characters")
			}
			c.TwilioMessagingServiceSID = v
			return nil
		}},
		{"SMTP_URL", "", "", "smtp://user:pass@host:587 (STARTTLS when offered; ?tls=required|none) or smtps://…:465", func(c *Config, v string) error {
			c.SMTPURL = v
			return nil
		}},
		{"SMTP_FROM", "smtp-from", "", "sender address, e.g. \"Shop <orders@example.com>\"", func(c *Config, v string) error {
			c.SMTPFrom = v
			return nil
		}},
		{"OMS_DEFAULT_REGION", "default-region", "US", "region (ISO 3166 alpha-2) for phone numbers written without a country code", func(c *Config, v string) error {
			if len(v) != 2 || strings.ToUpper(v) != v {
				return errors.New("must be a two-letter upper-case region code like US or GB")
			}
			c.DefaultRegion = v
			return nil
		}},
		{"OMS_REGISTRATION_AUTO_APPROVE", "registration-auto-approve", "true", "approve consumers with both codes verified and no risk flags without staff review", func(c *Config, v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return errors.New("must be true or false")
			}
			c.AutoApproveConsumers = b
			return nil
		}},
		{"OMS_EXPRESS_SURCHARGE", "express-surcharge", "9.90", "shipping surcharge for express orders, in the shop currency (e.g. 9.90)", surchargeInto(func(c *Config) *int64 { return &c.ExpressSurcharge })},
		{"OMS_URGENT_SURCHARGE", "urgent-surcharge", "24.90", "shipping surcharge for urgent orders, in the shop currency", surchargeInto(func(c *Config) *int64 { return &c.UrgentSurcharge })},
		{"OMS_SELLER_ADDRESS", "seller-address", "", "the seller's postal address on confirmations and invoices, lines separated by |", func(c *Config, v string) error {
			if len(v) > 500 {
				return errors.New("at most 500 characters")
			}
			c.SellerAddress = strings.TrimSpace(v)
			return nil
		}},
		{"OMS_SELLER_TAX_ID", "seller-tax-id", "", "the seller's VAT/tax number printed on invoices", func(c *Config, v string) error {
			if len(v) > 50 {
				return errors.New("at most 50 characters")
			}
			c.SellerTaxID = strings.TrimSpace(v)
			return nil
		}},
		{"OMS_SERVICE_LEVELS", "service-levels", "standard=2/5,express=1/2,urgent=0/1", "business days to dispatch/to delivery per priority, as priority=D/D,…", func(c *Config, v string) error {
			levels, err := ParseServiceLevels(v)
			c.ServiceLevels = levels
			return err
		}},
		{"OMS_ORDER_UPDATES", "order-updates", "email,sms", "channels new customers get order status updates on: email, sms, both (email,sms) or none", func(c *Config, v string) error {
			c.OrderUpdatesEmail, c.OrderUpdatesSMS = false, false
			if v == "none" {
				return nil
			}
			for _, ch := range strings.Split(v, ",") {
				switch strings.TrimSpace(ch) {
				case "email":
					c.OrderUpdatesEmail = true
				case "sms":
					c.OrderUpdatesSMS = true
				default:
					return errors.New("must be email, sms, email,sms or none")
				}
			}
			return nil
		}},
		{"OMS_SMS_RATE_LIMIT", "sms-rate-limit", "5/10m", "most SMS one number receives per window, as count/window", func(c *Config, v string) error {
			r, err := ParseRate(v)
			c.SMSRateLimit, c.SMSRateWindow = r.Events, r.Window
			return err
		}},
		{"REDIS_URL", "", "", "redis://… to share rate limits between replicas (empty: each process counts alone)", func(c *Config, v string) error {
			if v != "" && !strings.HasPrefix(v, "redis://") && !strings.HasPrefix(v, "rediss://") && !strings.HasPrefix(v, "unix://") {
				return errors.New("must start with redis://, rediss:// or unix://")
			}
			c.RedisURL = v
			return nil
		}},
		{"OMS_LOGIN_RATE_LIMIT", "login-rate-limit", "10/15m", "failed logins allowed per account per window", rateInto(func(c *Config) *Rate { return &c.LoginRateLimit })},
		{"OMS_LOGIN_IP_RATE_LIMIT", "login-ip-rate-limit", "50/15m", "failed logins allowed per client IP per window", rateInto(func(c *Config) *Rate { return &c.LoginIPRateLimit })},
		{"OMS_REGISTRATION_RATE_LIMIT", "registration-rate-limit", "20/1h", "applications allowed per client IP per window", rateInto(func(c *Config) *Rate { return &c.RegistrationRateLimit })},
		{"OMS_LOG_LEVEL", "log-level", "info", "debug, info, warn or error", func(c *Config, v string) error {
			switch strings.ToLower(v) {
			case "debug", "info", "warn", "error":
				c.LogLevel = strings.ToLower(v)
				return nil
			}
			return errors.New("must be debug, info, warn or error")
		}},
		{"OMS_LOG_FORMAT", "log-format", "json", "json or text", func(c *Config, v string) error {
			if v != "json" && v != "text" {
				return errors.New("must be json or text")
			}
			c.LogFormat = v
			return nil
		}},
		{"OMS_MEDIA_DIR", "media-dir", "", "directory for product media (default <data dir>/media); unused when OMS_MEDIA_S3_BUCKET is set", func(c *Config, v string) error {
			c.MediaDir = v
			return nil
		}},
		{"OMS_MEDIA_MAX_IMAGE_BYTES", "media-max-image-bytes", "10MiB", "largest product image upload (e.g. 10MiB)", bytesInto(func(c *Config) *int64 { return &c.MediaMaxImageBytes })},
		{"OMS_MEDIA_MAX_VIDEO_BYTES", "media-max-video-bytes", "200MiB", "largest product video upload (e.g. 200MiB)", bytesInto(func(c *Config) *int64 { return &c.MediaMaxVideoBytes })},
		{"OMS_MEDIA_S3_BUCKET", "media-s3-bucket", "", "keep product media in this S3-compatible bucket (under media/) instead of OMS_MEDIA_DIR, so replicas share them", func(c *Config, v string) error {
			if v != "" && !s3Bucket.MatchString(v) {
				return errors.New("must be a bucket name: 3–63 lower-case letters, digits, '.' or '-'")
			}
			c.MediaS3Bucket = v
			return nil
		}},
		{"OMS_S3_ENDPOINT", "s3-endpoint", "", "S3-compatible endpoint host[:port], e.g. s3.eu-west-1.amazonaws.com or minio:9000", func(c *Config, v string) error {
			if v != "" && !validEndpoint(v) {
				return errors.New("must be host or host:port without a scheme, e.g. s3.amazonaws.com or minio:9000")
			}
			c.S3Endpoint = v
			return nil
		}},
		{"OMS_S3_REGION", "s3-region", "us-east-1", "S3 region of the bucket", func(c *Config, v string) error {
			c.S3Region = v
			return nil
		}},
		{"OMS_S3_ACCESS_KEY_ID", "", "", "S3 access key id", func(c *Config, v string) error {
			c.S3AccessKeyID = v
			return nil
		}},
		{"OMS_S3_SECRET_ACCESS_KEY", "", "", "S3 secret access key", func(c *Config, v string) error {
			c.S3SecretAccessKey = v
			return nil
		}},
		{"OMS_S3_USE_SSL", "s3-use-ssl", "true", "talk to the S3 endpoint over HTTPS", func(c *Config, v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return errors.New("must be true or false")
			}
			c.S3UseSSL = b
			return nil
		}},
		{"OMS_BACKUP_DIR", "backup-dir", "", "directory for backup archives (default <data dir>/backups)", func(c *Config, v string) error {
			c.BackupDir = v
			return nil
		}},
		{"OMS_BACKUP_SCHEDULE", "backup-schedule", "0 3 * * *", "when to back up: cron minute hour day month weekday in UTC (CRON_TZ=Area/City … for local time), @daily, @every 6h, or off", func(c *Config, v string) error {
			if strings.TrimSpace(v) == "" {
				return errors.New(`must be a cron schedule like "0 3 * * *" or off`)
			}
			c.BackupSchedule = strings.TrimSpace(v)
			return nil
		}},
		{"OMS_BACKUP_KEEP_DAILY", "backup-keep-daily", "7", "keep the newest backup of each of this many last days", intInto(func(c *Config) *int { return &c.BackupKeepDaily })},
		{"OMS_BACKUP_KEEP_WEEKLY", "backup-keep-weekly", "4", "… of each of this many last weeks", intInto(func(c *Config) *int { return &c.BackupKeepWeekly })},
		{"OMS_BACKUP_KEEP_MONTHLY", "backup-keep-monthly", "12", "… of each of this many last months (all three 0: never prune)", intInto(func(c *Config) *int { return &c.BackupKeepMonthly })},
		{"OMS_BACKUP_AGE_RECIPIENTS", "backup-age-recipients", "", "encrypt backups to these age public keys (age1…, comma-separated); empty: not encrypted", func(c *Config, v string) error {
			c.BackupAgeRecipients = strings.TrimSpace(v)
			return nil
		}},
		{"OMS_BACKUP_AGE_IDENTITY", "", "", "age private key (AGE-SECRET-KEY-1…) that opens encrypted backups, for full verification and restore; keep it away from the backups", func(c *Config, v string) error {
			c.BackupAgeIdentity = strings.TrimSpace(v)
			return nil
		}},
		{"OMS_BACKUP_S3_BUCKET", "backup-s3-bucket", "", "also copy every backup off-site to this S3-compatible bucket (uses the OMS_S3_* settings)", func(c *Config, v string) error {
			if v != "" && !s3Bucket.MatchString(v) {
				return errors.New("must be a bucket name: 3–63 lower-case letters, digits, '.' or '-'")
			}
			c.BackupS3Bucket = v
			return nil
		}},
		{"OMS_BACKUP_S3_PREFIX", "backup-s3-prefix", "backups", "key prefix of backups in the bucket", func(c *Config, v string) error {
			c.BackupS3Prefix = strings.Trim(v, "/")
			return nil
		}},
		{"OMS_BACKUP_PG_BIN_DIR", "backup-pg-bin-dir", "", "directory of pg_dump and pg_restore (empty: found on PATH), e.g. /usr/lib/postgresql/16/bin", func(c *Config, v string) error {
			c.BackupPGBinDir = v
			return nil
		}},
		{"OMS_DB_MAX_OPEN_CONNS", "db-max-open-conns", "0", "pool size (0: 20 on PostgreSQL, 1 on SQLite)", intInto(func(c *Config) *int { return &c.DBMaxOpenConns })},
		{"OMS_DB_MAX_IDLE_CONNS", "db-max-idle-conns", "0", "idle connections kept (0: same as open)", intInto(func(c *Config) *int { return &c.DBMaxIdleConns })},
		{"OMS_DB_CONN_MAX_LIFETIME", "db-conn-max-lifetime", "30m", "recycle connections after this long", durationInto(func(c *Config) *time.Duration { return &c.DBConnMaxLifetime })},
	}
}

func bytesInto(field func(*Config) *int64) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := ParseBytes(v)
		if err != nil || n <= 0 {
			return errors.New("must be a positive size like 10MiB or 10485760")
		}
		*field(c) = n
		return nil
	}
}

// validEndpoint accepts "host" or "host:port" (no scheme, path or credentials).
func validEndpoint(v string) bool {
	host := v
	if strings.Contains(v, ":") {
		h, port, err := net.SplitHostPort(v)
		if err != nil {
			return false
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return false
		}
		host = h
	}
	return host != "" && !strings.ContainsAny(host, "/@ ?#")
}

var s3Bucket = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

func durationInto(field func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return errors.New("must be a positive duration like 15s or 2m")
		}
		*field(c) = d
		return nil
	}
}

// Rate is a count per window, written "10/15m".
type Rate struct {
	Events int
	Window time.Duration
}

// ParseRate reads "count/window".
func ParseRate(v string) (Rate, error) {
	n, w, ok := strings.Cut(v, "/")
	count, err := strconv.Atoi(n)
	d, derr := time.ParseDuration(w)
	if !ok || err != nil || derr != nil || count < 1 || d <= 0 {
		return Rate{}, errors.New("must be count/window like 5/10m")
	}
	return Rate{Events: count, Window: d}, nil
}

func rateInto(field func(*Config) *Rate) func(*Config, string) error {
	return func(c *Config, v string) error {
		r, err := ParseRate(v)
		*field(c) = r
		return err
	}
}

func intInto(field func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return errors.New("must be a whole number ≥ 0")
		}
		*field(c) = n
		return nil
	}
}

// Bind registers every setting as a flag on fs, with the environment value (or the default) as
// the flag's default, so an explicit flag wins over the environment. Call Load after fs.Parse.
// Secrets have no flag (a command line is visible to every user of the host): they come from
// their variable or from a file named by <VAR>_FILE, as container secrets are mounted.
func Bind(fs *flag.FlagSet, getenv func(string) string) *Loader {
	l := &Loader{values: map[string]*string{}}
	for _, s := range settings() {
		v := &rawValue{s: s.def, isBool: s.def == "true" || s.def == "false"}
		if e := getenv(s.env); e != "" {
			v.s = e
		}
		l.values[s.env] = &v.s
		if s.flag == "" {
			if file := getenv(s.env + "_FILE"); file != "" && v.s == "" {
				b, err := os.ReadFile(file)
				if err != nil && l.err == nil {
					l.err = &Error{Var: s.env + "_FILE", Msg: "cannot read the file: " + err.Error()}
				}
				v.s = strings.TrimSpace(string(b))
			}
			continue
		}
		fs.Var(v, s.flag, s.usage+" [$"+s.env+"]")
	}
	return l
}

// rawValue keeps a flag's text for Load to validate; boolean settings work as "--demo" alone.
type rawValue struct {
	s      string
	isBool bool
}

func (v *rawValue) String() string     { return v.s }
func (v *rawValue) Set(s string) error { v.s = s; return nil }
func (v *rawValue) IsBoolFlag() bool   { return v.isBool }

// Loader holds the raw values bound to a flag set.
type Loader struct {
	values map[string]*string
	err    error
}

// Load parses and validates the bound values.
func (l *Loader) Load() (Config, error) {
	if l.err != nil {
		return Config{}, l.err
	}
	var c Config
	for _, s := range settings() {
		if err := s.set(&c, *l.values[s.env]); err != nil {
			return Config{}, &Error{Var: s.env, Msg: err.Error()}
		}
	}
	if err := c.checkProviders(); err != nil {
		return Config{}, err
	}
	if err := c.checkMedia(); err != nil {
		return Config{}, err
	}
	if err := c.checkBackup(); err != nil {
		return Config{}, err
	}
	if c.MediaDir == "" {
		c.MediaDir = filepath.Join(c.DataDir, "media")
	}
	if c.BackupDir == "" {
		c.BackupDir = filepath.Join(c.DataDir, "backups")
	}
	if c.PublicURL == "" {
		_, port, _ := net.SplitHostPort(c.HTTPAddr)
		c.PublicURL = "http://localhost:" + port
	}
	return c, nil
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

// checkProviders refuses a selected provider without the settings it needs, at start rather than
// at the first message.
func (c Config) checkProviders() error {
	if c.SMSProvider == "twilio" {
		switch {
		case c.TwilioAccountSID == "":
			return &Error{Var: "TWILIO_ACCOUNT_SID", Msg: "required when OMS_SMS_PROVIDER=twilio"}
		case c.TwilioAuthToken == "":
			return &Error{Var: "TWILIO_AUTH_TOKEN", Msg: "required when OMS_SMS_PROVIDER=twilio"}
		case c.TwilioFromNumber == "" && c.TwilioMessagingServiceSID == "":
			return &Error{Var: "TWILIO_FROM_NUMBER", Msg: "set it or TWILIO_MESSAGING_SERVICE_SID when OMS_SMS_PROVIDER=twilio"}
		}
	}
	if c.EmailProvider == "smtp" {
		if c.SMTPURL == "" {
			return &Error{Var: "SMTP_URL", Msg: "required when OMS_EMAIL_PROVIDER=smtp"}
		}
		if c.SMTPFrom == "" {
			return &Error{Var: "SMTP_FROM", Msg: "required when OMS_EMAIL_PROVIDER=smtp"}
		}
	}
	return nil
}

// checkMedia refuses an S3 bucket without the settings to reach it.
func (c Config) checkMedia() error {
	if c.MediaS3Bucket == "" {
		return nil
	}
	switch {
	case c.S3Endpoint == "":
		return &Error{Var: "OMS_S3_ENDPOINT", Msg: "required when OMS_MEDIA_S3_BUCKET is set"}
	case c.S3AccessKeyID == "":
		return &Error{Var: "OMS_S3_ACCESS_KEY_ID", Msg: "required when OMS_MEDIA_S3_BUCKET is set"}
	case c.S3SecretAccessKey == "":
		return &Error{Var: "OMS_S3_SECRET_ACCESS_KEY", Msg: "required when OMS_MEDIA_S3_BUCKET is set"}
	}
	return nil
}

// checkBackup refuses an off-site bucket without the settings to reach it. The schedule and the
// age keys are parsed when the backup service is built (app), which names the variable too.
func (c Config) checkBackup() error {
	if c.BackupS3Bucket == "" {
		return nil
	}
	for _, v := range []struct{ name, val string }{{"OMS_S3_ENDPOINT", c.S3Endpoint}, {"OMS_S3_ACCESS_KEY_ID", c.S3AccessKeyID}, {"OMS_S3_SECRET_ACCESS_KEY", c.S3SecretAccessKey}} {
		if v.val == "" {
			return &Error{Var: v.name, Msg: "required when OMS_BACKUP_S3_BUCKET is set"}
		}
	}
	return nil
}

// RequireJWTSecret checks the secret for commands that issue tokens. Demo mode supplies its own
// generated secret before this is called.
func (c Config) RequireJWTSecret() error {
	if c.JWTSecret == "" {
		return &Error{Var: "OMS_JWT_SECRET", Msg: "required outside demo mode (use a random value of at least 32 bytes, or run with --demo)"}
	}
	if len(c.JWTSecret) < 32 {
		return &Error{Var: "OMS_JWT_SECRET", Msg: "must be at least 32 bytes long"}
	}
	return nil
}

// IsSQLite reports whether the configured database is the embedded SQLite file.
func (c Config) IsSQLite() bool { return strings.HasPrefix(c.DatabaseURL, "sqlite:") }

// ParseBytes reads sizes like "1048576", "512KiB", "1MiB", "2MB" (MB is treated as MiB: limits
// are about memory, not disks).
func ParseBytes(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	upper := strings.ToUpper(s)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(upper, u.suffix) {
			mult = u.mult
			s = strings.TrimSpace(s[:len(s)-len(u.suffix)])
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("parse size %q: %w", s, err)
	}
	return n * mult, nil
}

// Variables lists every environment variable the configuration reads (README documents each).
func Variables() []string {
	var vars []string
	for _, s := range settings() {
		vars = append(vars, s.env)
	}
	return vars
}

// surchargeInto parses a decimal amount with at most two decimals into minor units, without floats.
func surchargeInto(field func(*Config) *int64) func(*Config, string) error {
	return func(c *Config, v string) error {
		whole, frac, _ := strings.Cut(strings.TrimSpace(v), ".")
		if whole == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" || len(frac) > 2 || len(whole) > 9 {
			return errors.New("must be an amount like 9.90 (at most two decimals)")
		}
		frac += strings.Repeat("0", 2-len(frac))
		n, err := strconv.ParseInt(whole+frac, 10, 64)
		if err != nil {
			return errors.New("must be an amount like 9.90")
		}
		*field(c) = n
		return nil
	}
}

// ServiceLevel is the promise for one priority, in business days after the order was placed.
type ServiceLevel struct {
	DispatchDays int
	DeliveryDays int
}

// ParseServiceLevels reads "standard=2/5,express=1/2,urgent=0/1": every priority must be there.
func ParseServiceLevels(v string) (map[string]ServiceLevel, error) {
	out := map[string]ServiceLevel{}
	for _, part := range strings.Split(v, ",") {
		name, days, ok := strings.Cut(strings.TrimSpace(part), "=")
		d1, d2, ok2 := strings.Cut(days, "/")
		dispatch, err1 := strconv.Atoi(d1)
		delivery, err2 := strconv.Atoi(d2)
		if !ok || !ok2 || err1 != nil || err2 != nil || dispatch < 0 || delivery < dispatch || delivery > 60 {
			return nil, fmt.Errorf("%q: want priority=dispatch/delivery business days, e.g. standard=2/5", part)
		}
		out[name] = ServiceLevel{DispatchDays: dispatch, DeliveryDays: delivery}
	}
	for _, p := range []string{"standard", "express", "urgent"} {
		if _, ok := out[p]; !ok {
			return nil, fmt.Errorf("no service level for %s", p)
		}
	}
	if len(out) != 3 {
		return nil, errors.New("only standard, express and urgent have service levels")
	}
	return out, nil
}
