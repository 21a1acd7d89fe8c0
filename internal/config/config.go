// Package config reads Helt Normal's settings from flags and the environment and refuses
// values that would break a privacy rule or the server, so a mistake stops the start-up with
// one clear line instead of surfacing mid-lesson.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is every setting the server needs; it is built once in main and passed down.
type Config struct {
	Addr          string // listen address, e.g. ":8080"
	BaseURL       string // public URL used in join links and QR codes
	MongoURI      string // empty: the embedded store in DataDir
	Database      string // database name
	DataDir       string // embedded store files and its Unix socket
	SurveysDir    string // optional directory of a municipality's own surveys
	MinGroup      int    // the smallest group any figure may be computed from
	MinSensitive  int    // the smallest school-or-larger group for sensitive items
	RetentionDays int    // raw responses older than this are deleted
	AdminEmail    string // bootstrap administrator, created at start if missing
	AdminPassword string // its password
	SecureCookies bool   // send cookies with Secure (behind HTTPS)
	// TrustedProxies lists the reverse proxies (IPs or CIDRs) whose X-Forwarded-For names the
	// client; behind one, rate limits would otherwise see every visitor as the proxy.
	TrustedProxies []string
	ShutdownGrace  time.Duration // how long in-flight requests may finish on SIGTERM
	// CloseAt is the local time of day ("16:00", Europe/Copenhagen) at which a session opened
	// that day closes itself; empty: none. MaxOpen closes a session that long after it
	// opened, whichever comes first.
	CloseAt string
	MaxOpen time.Duration
	// OIDC is staff single sign-on (oidc.go); PasswordLogin "off" leaves only it (and the
	// bootstrap administrator's password, as a break-glass account).
	OIDC          OIDC
	PasswordLogin string
}

// MinGroupFloor is the lowest minimum group size anyone may configure: below three, a
// figure can reveal one pupil's answer to a classmate who knows their own.
const MinGroupFloor = 3

// setting ties one flag to its environment variable.
type setting struct {
	flag, env, usage string
	value            flag.Value
}

// Load parses args (without the program name) over the environment given by getenv.
// Flags win over the environment, the environment over defaults.
func Load(args []string, getenv func(string) string) (Config, error) {
	c := defaults()
	fs := flag.NewFlagSet("heltnormal", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, s := range c.settings() {
		if v := getenv(s.env); v != "" {
			if err := s.value.Set(v); err != nil {
				return c, fmt.Errorf("%s=%q: %v", s.env, v, err)
			}
		}
		fs.Var(s.value, s.flag, s.usage)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, errors.New(strings.SplitN(err.Error(), "\n", 2)[0])
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return c, c.Validate()
}

func defaults() Config {
	return Config{
		Addr:          ":8080",
		Database:      "heltnormal",
		DataDir:       "./data",
		MinGroup:      5,
		MinSensitive:  20,
		RetentionDays: 400,
		ShutdownGrace: 10 * time.Second,
		CloseAt:       "16:00",
		MaxOpen:       24 * time.Hour,
		PasswordLogin: PasswordLoginOn,
		OIDC: OIDC{
			Scopes:     []string{"openid", "email", "profile"},
			EmailClaim: "email",
			RoleClaim:  "groups",
		},
	}
}

// settings lists every setting bound to c's fields.
func (c *Config) settings() []setting {
	return append([]setting{
		{"addr", "HELTNORMAL_ADDR", "listen address", (*stringValue)(&c.Addr)},
		{"base-url", "HELTNORMAL_BASE_URL", "public base URL for join links (default: from the request)", (*stringValue)(&c.BaseURL)},
		{"mongodb-uri", "MONGODB_URI", "MongoDB URI; empty runs the embedded store", (*stringValue)(&c.MongoURI)},
		{"db", "HELTNORMAL_DB", "database name", (*stringValue)(&c.Database)},
		{"data-dir", "HELTNORMAL_DATA_DIR", "directory of the embedded store", (*stringValue)(&c.DataDir)},
		{"surveys-dir", "HELTNORMAL_SURVEYS_DIR", "extra directory of survey YAML files", (*stringValue)(&c.SurveysDir)},
		{"min-group", "HELTNORMAL_MIN_GROUP", "minimum respondents behind any figure (>= 3)", (*intValue)(&c.MinGroup)},
		{"min-sensitive", "HELTNORMAL_MIN_SENSITIVE", "minimum respondents for sensitive items (school level or larger)", (*intValue)(&c.MinSensitive)},
		{"retention-days", "HELTNORMAL_RETENTION_DAYS", "days raw responses are kept", (*intValue)(&c.RetentionDays)},
		{"admin-email", "HELTNORMAL_ADMIN_EMAIL", "create this administrator at start if missing", (*stringValue)(&c.AdminEmail)},
		{"admin-password", "HELTNORMAL_ADMIN_PASSWORD", "password of that administrator", (*stringValue)(&c.AdminPassword)},
		{"trusted-proxies", "HELTNORMAL_TRUSTED_PROXIES", "reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For to trust", (*listValue)(&c.TrustedProxies)},
		{"secure-cookies", "HELTNORMAL_SECURE_COOKIES", "mark cookies Secure (serve over HTTPS)", (*boolValue)(&c.SecureCookies)},
		{"shutdown-grace", "HELTNORMAL_SHUTDOWN_GRACE", "time in-flight requests get on shutdown", (*durationValue)(&c.ShutdownGrace)},
		{"close-at", "HELTNORMAL_CLOSE_AT", `local time (HH:MM) at which a session closes itself on the day it opened; "off": never`, (*stringValue)(&c.CloseAt)},
		{"max-open", "HELTNORMAL_MAX_OPEN", "a session closes itself this long after it opened", (*durationValue)(&c.MaxOpen)},
	}, c.oidcSettings()...)
}

// Validate reports the first setting that cannot work, naming its environment variable.
func (c Config) Validate() error {
	switch {
	case c.MinGroup < MinGroupFloor:
		return fmt.Errorf("HELTNORMAL_MIN_GROUP=%d is too small: the minimum is %d", c.MinGroup, MinGroupFloor)
	case c.MinSensitive < c.MinGroup:
		return fmt.Errorf("HELTNORMAL_MIN_SENSITIVE=%d must be at least HELTNORMAL_MIN_GROUP (%d)", c.MinSensitive, c.MinGroup)
	case c.RetentionDays < 1:
		return fmt.Errorf("HELTNORMAL_RETENTION_DAYS=%d must be at least 1", c.RetentionDays)
	case c.Database == "" || strings.ContainsAny(c.Database, "/\\. \"$"):
		return fmt.Errorf("HELTNORMAL_DB=%q is not a valid database name", c.Database)
	case c.MongoURI == "" && c.DataDir == "":
		return errors.New("HELTNORMAL_DATA_DIR must be set when MONGODB_URI is empty")
	case (c.AdminEmail == "") != (c.AdminPassword == ""):
		return errors.New("HELTNORMAL_ADMIN_EMAIL and HELTNORMAL_ADMIN_PASSWORD must be set together")
	case c.ShutdownGrace <= 0:
		return fmt.Errorf("HELTNORMAL_SHUTDOWN_GRACE=%s must be positive", c.ShutdownGrace)
	case c.MaxOpen <= 0 || c.MaxOpen > 14*24*time.Hour:
		return fmt.Errorf("HELTNORMAL_MAX_OPEN=%s must be positive and at most 14 days (336h)", c.MaxOpen)
	}
	if _, err := c.CloseAtMinutes(); err != nil {
		return err
	}
	if err := c.validateOIDC(); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("HELTNORMAL_ADDR=%q is not host:port: %v", c.Addr, err)
	}
	if c.MongoURI != "" && !strings.HasPrefix(c.MongoURI, "mongodb://") && !strings.HasPrefix(c.MongoURI, "mongodb+srv://") {
		return errors.New("MONGODB_URI must start with mongodb:// or mongodb+srv://")
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("HELTNORMAL_BASE_URL=%q must be an absolute http(s) URL", c.BaseURL)
		}
	}
	return nil
}

type stringValue string

func (s *stringValue) Set(v string) error { *s = stringValue(strings.TrimSpace(v)); return nil }
func (s *stringValue) String() string     { return string(*s) }

type intValue int

func (i *intValue) Set(v string) error {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return errors.New("not a whole number")
	}
	*i = intValue(n)
	return nil
}
func (i *intValue) String() string { return strconv.Itoa(int(*i)) }

type listValue []string

func (l *listValue) Set(v string) error {
	var out []string
	for _, p := range strings.Split(v, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if net.ParseIP(p) == nil {
			if _, _, err := net.ParseCIDR(p); err != nil {
				return fmt.Errorf("%q is not an IP address or CIDR", p)
			}
		}
		out = append(out, p)
	}
	*l = out
	return nil
}
func (l *listValue) String() string { return strings.Join(*l, ",") }

type boolValue bool

func (b *boolValue) Set(v string) error {
	x, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return errors.New("not true or false")
	}
	*b = boolValue(x)
	return nil
}
func (b *boolValue) String() string   { return strconv.FormatBool(bool(*b)) }
func (b *boolValue) IsBoolFlag() bool { return true }

type durationValue time.Duration

func (d *durationValue) Set(v string) error {
	x, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil {
		return errors.New("not a duration such as 10s")
	}
	*d = durationValue(x)
	return nil
}
func (d *durationValue) String() string { return time.Duration(*d).String() }

// Usage writes every flag with its environment variable and default, for `heltnormal -h`.
func Usage(w io.Writer) {
	c := defaults()
	fmt.Fprintln(w, "Settings (each a flag or an environment variable; flags win):")
	for _, s := range c.settings() {
		fmt.Fprintf(w, "  -%-25s %-36s %s", s.flag, s.env, s.usage)
		if def := s.value.String(); def != "" && def != "0" && def != "false" {
			fmt.Fprintf(w, " (default %s)", def)
		}
		fmt.Fprintln(w)
	}
}

// CloseAtMinutes is CloseAt as minutes after midnight, or -1 when sessions do not close at a
// time of day ("off").
func (c Config) CloseAtMinutes() (int, error) {
	if c.CloseAt == "off" || c.CloseAt == "" {
		return -1, nil
	}
	t, err := time.Parse("15:04", c.CloseAt)
	if err != nil {
		return 0, fmt.Errorf("HELTNORMAL_CLOSE_AT=%q is not a time of day like 16:00 (or off)", c.CloseAt)
	}
	return t.Hour()*60 + t.Minute(), nil
}
