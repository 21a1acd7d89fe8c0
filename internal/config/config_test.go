package config

import (
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadDefaults(t *testing.T) {
	c, err := Load(nil, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":8080" || c.Database != "heltnormal" || c.DataDir != "./data" || c.MinGroup != 5 || c.MongoURI != "" {
		t.Errorf("defaults = %+v", c)
	}
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	c, err := Load([]string{"-min-group", "7", "-addr", "127.0.0.1:9000"},
		env(map[string]string{"HELTNORMAL_MIN_GROUP": "6", "HELTNORMAL_DB": "test", "MONGODB_URI": "mongodb://db:27017"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.MinGroup != 7 || c.Addr != "127.0.0.1:9000" || c.Database != "test" || c.MongoURI != "mongodb://db:27017" {
		t.Errorf("got %+v", c)
	}
}

func TestLoadRefusesBadSettings(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"min group below floor", nil, map[string]string{"HELTNORMAL_MIN_GROUP": "2"}, "HELTNORMAL_MIN_GROUP=2 is too small: the minimum is 3"},
		{"min group flag below floor", []string{"-min-group=1"}, nil, "HELTNORMAL_MIN_GROUP=1 is too small"},
		{"min group not a number", nil, map[string]string{"HELTNORMAL_MIN_GROUP": "five"}, `HELTNORMAL_MIN_GROUP="five": not a whole number`},
		{"sensitive below min group", nil, map[string]string{"HELTNORMAL_MIN_GROUP": "10", "HELTNORMAL_MIN_SENSITIVE": "8"}, "HELTNORMAL_MIN_SENSITIVE=8 must be at least"},
		{"bad address", nil, map[string]string{"HELTNORMAL_ADDR": "8080"}, `HELTNORMAL_ADDR="8080" is not host:port`},
		{"bad mongo uri", nil, map[string]string{"MONGODB_URI": "localhost:27017"}, "MONGODB_URI must start with mongodb://"},
		{"bad base url", nil, map[string]string{"HELTNORMAL_BASE_URL": "heltnormal.dk"}, "must be an absolute http(s) URL"},
		{"bad db name", nil, map[string]string{"HELTNORMAL_DB": "a.b"}, "is not a valid database name"},
		{"admin email without password", nil, map[string]string{"HELTNORMAL_ADMIN_EMAIL": "a@b.dk"}, "must be set together"},
		{"unknown flag", []string{"-nope"}, nil, "flag provided but not defined: -nope"},
		{"stray argument", []string{"extra"}, nil, `unexpected argument "extra"`},
		{"empty data dir", []string{"-data-dir="}, nil, "HELTNORMAL_DATA_DIR must be set"},
		{"bad trusted proxy", nil, map[string]string{"HELTNORMAL_TRUSTED_PROXIES": "10.0.0.1, proxy.local"}, `"proxy.local" is not an IP address or CIDR`},
		{"bad close time", nil, map[string]string{"HELTNORMAL_CLOSE_AT": "4pm"}, `HELTNORMAL_CLOSE_AT="4pm" is not a time of day like 16:00 (or off)`},
		{"no maximum", nil, map[string]string{"HELTNORMAL_MAX_OPEN": "0s"}, "HELTNORMAL_MAX_OPEN=0s must be positive"},
		{"a month open", []string{"-max-open", "720h"}, nil, "at most 14 days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.args, env(tt.env))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error = %q, want one line containing %q", err, tt.want)
			}
		})
	}
}

func TestUsageNamesEveryVariable(t *testing.T) {
	var b strings.Builder
	Usage(&b)
	for _, v := range []string{"HELTNORMAL_ADDR", "MONGODB_URI", "HELTNORMAL_MIN_GROUP", "HELTNORMAL_ADMIN_PASSWORD"} {
		if !strings.Contains(b.String(), v) {
			t.Errorf("usage lacks %s", v)
		}
	}
}

func TestTrustedProxies(t *testing.T) {
	c, err := Load(nil, env(map[string]string{"HELTNORMAL_TRUSTED_PROXIES": "10.0.0.5, 172.18.0.0/16"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.TrustedProxies) != 2 || c.TrustedProxies[1] != "172.18.0.0/16" {
		t.Errorf("got %v", c.TrustedProxies)
	}
}
