package httpx

import (
	"errors"
	"strings"
	"testing"

	"salonchat/inbox"
)

func TestParseAPIURL(t *testing.T) {
	cases := []struct {
		in, want string // want "" with ok: none; "!" invalid
	}{
		{"", ""},
		{"  ", ""},
		{" http://127.0.0.1:8081 ", "http://127.0.0.1:8081"},
		{"https://bots.example/base/", "https://bots.example/base/"},
		{"ftp://bots.example", "!"},
		{"bots.example", "!"},
		{"https://", "!"},
		{"https://bots.example/?x=1", "!"},
		{"https://anna:s3cret@bots.example", "!"},
	}
	for _, c := range cases {
		u, err := ParseAPIURL(c.in, "x.api_url_invalid", "http(s)://host")
		switch {
		case c.want == "!":
			var e *inbox.Error
			if !errors.As(err, &e) || e.Key != "x.api_url_invalid" || e.Args["URL"] != strings.TrimSpace(c.in) ||
				!strings.Contains(err.Error(), "want http(s)://host") {
				t.Errorf("ParseAPIURL(%q) = %v, %v; want x.api_url_invalid naming the setting", c.in, u, err)
			}
		case c.want == "" && (u != nil || err != nil):
			t.Errorf("ParseAPIURL(%q) = %v, %v; want none", c.in, u, err)
		case c.want != "" && (err != nil || u.String() != c.want):
			t.Errorf("ParseAPIURL(%q) = %v, %v; want %s", c.in, u, err, c.want)
		}
	}
}

func TestScrub(t *testing.T) {
	const token = "123456789:AAE-secret"
	if got := Scrub("POST /bot"+token+"/getMe: EOF", token); got != "POST /bot***/getMe: EOF" {
		t.Errorf("Scrub = %q", got)
	}
	if got := Scrub("no token here", ""); got != "no token here" {
		t.Errorf("Scrub without a token = %q", got)
	}
	if got := LogValue(errors.New("dial "+token), token).String(); got != "dial ***" {
		t.Errorf("LogValue = %q", got)
	}
}
