package telegram_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/telegram"
	"salonchat/inbox"
)

func TestCheck(t *testing.T) {
	htmlSite := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, "<html><body>Not Found</body></html>")
	}))
	defer htmlSite.Close()
	closed := conntest.ClosedAddr(t)
	refusing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "Proxy Authentication Required", http.StatusProxyAuthRequired)
	}))
	defer refusing.Close()

	cases := []struct {
		name     string
		settings map[string]string
		prepare  func(e *env)
		direct   bool // no redirecting test client: settings decide where requests go
		key      string
	}{
		{name: "ok", key: ""},
		{name: "token missing", settings: map[string]string{telegram.SettingToken: "  "}, key: "telegram.token_missing"},
		{name: "token malformed", settings: map[string]string{telegram.SettingToken: "123 456/abc"}, key: "telegram.token_invalid"},
		{name: "token revoked", prepare: func(e *env) { e.srv.SetToken("123456789:another") }, key: "telegram.token_invalid"},
		{name: "webhook set", prepare: func(e *env) { e.srv.SetWebhook("https://crm.example/tg") }, key: "telegram.webhook_set"},
		{name: "network down", prepare: func(e *env) { e.srv.Stop() }, key: "telegram.network_unreachable"},
		{name: "api down 502", prepare: func(e *env) { e.srv.SetDown(true) }, key: "telegram.network_unreachable"},
		{name: "server url not a bot api", settings: map[string]string{telegram.SettingAPIURL: htmlSite.URL}, direct: true, key: "telegram.server_url_wrong"},
		{name: "server url nobody listens", settings: map[string]string{telegram.SettingAPIURL: "http://" + closed}, direct: true, key: "telegram.server_url_wrong"},
		{name: "server url malformed", settings: map[string]string{telegram.SettingAPIURL: "ftp://bots.example"}, key: "telegram.server_url_invalid"},
		{name: "proxy malformed", settings: map[string]string{telegram.SettingProxy: "ftp://proxy.example:21"}, direct: true, key: "telegram.proxy_invalid"},
		{name: "socks proxy dead", settings: map[string]string{telegram.SettingProxy: "socks5://" + closed}, direct: true, key: "telegram.proxy_failed"},
		{name: "http proxy dead", settings: map[string]string{telegram.SettingProxy: "http://" + closed}, direct: true, key: "telegram.proxy_failed"},
		{name: "http proxy refuses the tunnel", settings: map[string]string{telegram.SettingProxy: refusing.URL,
			telegram.SettingAPIURL: "https://bots.example"}, direct: true, key: "telegram.proxy_failed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, c.settings)
			if c.direct {
				e.opts.HTTPClient = nil
				if _, ok := c.settings[telegram.SettingAPIURL]; !ok {
					e.acc.Settings[telegram.SettingAPIURL] = e.srv.URL()
				}
			}
			if c.prepare != nil {
				c.prepare(e)
			}
			err := telegram.Check(t.Context(), e.acc, e.opts)
			if got := conntest.ErrKey(err); got != c.key {
				t.Errorf("Check = %v (key %q); want key %q", err, got, c.key)
			}
			if err != nil && strings.Contains(fmt.Sprintf("%v %+v", err, err), testToken) {
				t.Errorf("the error shows the token: %v", err)
			}
		})
	}
}

func TestCheck_ThroughProxy(t *testing.T) {
	for _, kind := range []string{"http", "socks5"} {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, nil)
			e.opts.HTTPClient = nil
			var proxyURL string
			var hits *atomic.Int64
			if kind == "http" {
				proxyURL, hits = conntest.HTTPProxy(t)
			} else {
				proxyURL, hits = conntest.SOCKSProxy(t)
			}
			e.acc.Settings[telegram.SettingAPIURL] = e.srv.URL()
			e.acc.Settings[telegram.SettingProxy] = proxyURL
			if err := telegram.Check(t.Context(), e.acc, e.opts); err != nil {
				t.Fatalf("Check through %s = %v", proxyURL, err)
			}
			if hits.Load() == 0 {
				t.Errorf("nothing went through the %s proxy", kind)
			}
			// The whole connector goes through it too.
			e.pushText(42, 1, "через прокси")
			before := hits.Load()
			stop, _ := e.run(e.connector())
			conntest.WaitFor(t, 5e9, "message through the proxy", func() bool { return e.sink.StoredCount() == 1 })
			stop()
			if hits.Load() == before {
				t.Errorf("polling bypassed the %s proxy", kind)
			}
		})
	}
}

func TestParseProxy(t *testing.T) {
	cases := []struct {
		in, want string // want "" means invalid
	}{
		{"", ""},
		{"socks5://127.0.0.1:1080", "socks5://127.0.0.1:1080"},
		{" http://user:pass@proxy.example:3128 ", "http://user:pass@proxy.example:3128"},
		{"https://proxy.example", "https://proxy.example"},
		{"socks5h://proxy.example:9050", "socks5h://proxy.example:9050"},
		{"127.0.0.1:1080", ""},
		{"ftp://proxy.example", ""},
		{"socks5://", ""},
		{"http://proxy.example:99999", ""},
		{"http://[::1", ""},
		{"http://proxy.example/path", ""},
	}
	for _, c := range cases {
		u, err := telegram.ParseProxy(c.in)
		got := ""
		if u != nil {
			got = u.String()
		}
		valid := c.want != "" || c.in == ""
		switch {
		case valid && (err != nil || got != c.want):
			t.Errorf("ParseProxy(%q) = %q, %v; want %q", c.in, got, err, c.want)
		case !valid && conntest.ErrKey(err) != "telegram.proxy_invalid":
			t.Errorf("ParseProxy(%q) = %q, %v; want telegram.proxy_invalid", c.in, got, err)
		}
	}
	_, err := telegram.ParseProxy("socks5://anna:s3cret@:1080")
	var ie *inbox.Error
	if !errors.As(err, &ie) || ie.Key != "telegram.proxy_invalid" || strings.Contains(fmt.Sprintf("%v %v", err, ie.Args), "s3cret") {
		t.Errorf("ParseProxy with a password = %v, args %v; want proxy_invalid without the password", err, ie)
	} else if shown, _ := ie.Args["Proxy"].(string); !strings.Contains(shown, "anna") {
		t.Errorf("Proxy argument %q; want the proxy shown (password hidden)", shown)
	}
}

func TestNew_BadSettings(t *testing.T) {
	e := newEnv(t, map[string]string{telegram.SettingProxy: "socks://x"})
	if _, err := telegram.New(e.acc, e.opts); conntest.ErrKey(err) != "telegram.proxy_invalid" {
		t.Errorf("New with a bad proxy = %v; want telegram.proxy_invalid", err)
	}
}
