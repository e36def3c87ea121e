// Package httpx holds what the connectors' HTTP clients share: the proxy setting's
// syntax (one for every network), a transport through that proxy, and telling a failure
// of the proxy or of the network from an answer of the server.
package httpx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"salonchat/inbox"
)

// ParseProxy checks a proxy setting: empty means none; otherwise an http://, https://,
// socks5:// or socks5h:// URL with a host, and user:password@ if the proxy wants them. A
// bad setting is an *inbox.Error with the translation key key (the network's
// "<network>.proxy_invalid") and the proxy, password hidden, as the argument Proxy.
func ParseProxy(raw, key string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, nil
	}
	u, err := url.Parse(raw)
	if err == nil {
		switch {
		case u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "socks5" && u.Scheme != "socks5h":
			err = fmt.Errorf("scheme %q: want http, https or socks5", u.Scheme)
		case u.Hostname() == "":
			err = errors.New("no host")
		case u.Port() != "":
			if p, perr := strconv.Atoi(u.Port()); perr != nil || p < 1 || p > 65535 {
				err = fmt.Errorf("port %q", u.Port())
			}
		case (u.Path != "" && u.Path != "/") || u.RawQuery != "":
			err = errors.New("a proxy URL has no path or query")
		}
	}
	if err != nil {
		shown := raw
		if u != nil {
			shown = u.Redacted()
		}
		return nil, &inbox.Error{Code: inbox.CodeInvalid, Key: key,
			Args: map[string]any{"Proxy": shown}, Err: fmt.Errorf("proxy %q: %w", shown, err)}
	}
	return u, nil
}

// NewTransport returns a copy of net/http's default transport with a 20 s bound on the
// TLS handshake, going through proxy when it is not nil (net/http speaks http, https and
// socks5 proxies itself). An HTTP proxy's refusal to open the tunnel is a *ProxyError.
func NewTransport(proxy *url.URL) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	if proxy != nil {
		t.Proxy = http.ProxyURL(proxy)
		t.OnProxyConnectResponse = func(_ context.Context, _ *url.URL, _ *http.Request, resp *http.Response) error {
			if resp.StatusCode != http.StatusOK {
				return &ProxyError{Status: resp.Status}
			}
			return nil
		}
	}
	t.TLSHandshakeTimeout = 20 * time.Second
	return t
}

// ProxyError is an HTTP proxy's refusal to open the tunnel (CONNECT answered with other
// than 200: wrong password, host not allowed, the network unreachable from the proxy).
type ProxyError struct{ Status string }

func (e *ProxyError) Error() string { return "proxy refused the connection: " + e.Status }

// ViaProxyFailed reports whether a transport error happened on the way through the
// proxy: dialing it (net/http's "proxyconnect"), the SOCKS handshake, or a refused
// CONNECT.
func ViaProxyFailed(err error) bool {
	var op *net.OpError
	var pe *ProxyError
	if errors.As(err, &pe) {
		return true
	}
	if errors.As(err, &op) && (op.Op == "proxyconnect" || strings.HasPrefix(op.Op, "socks")) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "proxyconnect") || strings.Contains(s, "socks")
}

// NoServer reports that an address set by hand (the api_url setting) leads to no such
// server: its name does not resolve, nobody listens there, or it answers an https:// URL
// with plain HTTP.
func NoServer(err error) bool {
	var dns *net.DNSError
	var op *net.OpError
	return errors.As(err, &dns) || errors.As(err, &op) && op.Op == "dial" ||
		strings.Contains(err.Error(), "HTTP response to HTTPS client")
}

// NoAnswer reports an error below the server's API: no answer at all (the network, a
// timeout).
func NoAnswer(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded)
}
