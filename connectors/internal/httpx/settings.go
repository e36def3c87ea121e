package httpx

import (
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"salonchat/inbox"
)

// ParseAPIURL checks an api_url setting, the address of a server of the salon's own that
// stands in for the network's: empty means none (nil); otherwise an http:// or https://
// URL with a host, without a query or user:password@. A bad setting is an *inbox.Error
// with the translation key key, the setting as the argument URL, and want (the form
// expected, such as "http(s)://host[:port]") in its text.
func ParseAPIURL(raw, key, want string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.User != nil {
		return nil, &inbox.Error{Code: inbox.CodeInvalid, Key: key,
			Args: map[string]any{"URL": raw}, Err: fmt.Errorf("api_url %q: want %s", raw, want)}
	}
	return u, nil
}

// Scrub removes a secret (a token that travels in URLs or headers) from a text bound for
// a log or a health detail.
func Scrub(s, secret string) string {
	if secret == "" {
		return s
	}
	return strings.ReplaceAll(s, secret, "***")
}

// LogValue is an error as text safe to log: without secret.
func LogValue(err error, secret string) slog.Value {
	return slog.StringValue(Scrub(err.Error(), secret))
}
