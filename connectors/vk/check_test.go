package vk_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/vk"
	"salonchat/connectors/vk/vktest"
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
		{name: "ok with the group as an address", settings: map[string]string{vk.SettingGroup: "https://vk.com/club229000001"}, key: ""},
		{name: "token missing", settings: map[string]string{vk.SettingToken: "  "}, key: "vk.token_missing"},
		{name: "token malformed", settings: map[string]string{vk.SettingToken: "vk1.a.abc def/ghi"}, key: "vk.token_invalid"},
		{name: "token deleted", prepare: func(e *env) { e.srv.SetToken("vk1.a.another_key_0000000000000000000000000") }, key: "vk.token_invalid"},
		{name: "group missing", settings: map[string]string{vk.SettingGroup: ""}, key: "vk.group_missing"},
		{name: "group by short name", settings: map[string]string{vk.SettingGroup: "https://vk.com/salon_lotos"}, key: "vk.group_invalid"},
		{name: "key of another community", settings: map[string]string{vk.SettingGroup: "229000002"}, key: "vk.group_mismatch"},
		{name: "user's key", prepare: func(e *env) {
			e.srv.Fail("groups.getById", vktest.Failure{Code: 100, Message: "One of the parameters specified was missing or invalid: group_ids is undefined"})
		}, key: "vk.not_community_token"},
		{name: "community banned", prepare: func(e *env) { e.srv.SetDeactivated("banned") }, key: "vk.community_blocked"},
		{name: "no manage right", prepare: func(e *env) { e.srv.SetRights("messages", "photos", "docs") }, key: "vk.right_missing.manage"},
		{name: "no messages right", prepare: func(e *env) { e.srv.SetRights("manage", "photos", "docs") }, key: "vk.right_missing.messages"},
		{name: "no photos right", prepare: func(e *env) { e.srv.SetRights("manage", "messages", "docs") }, key: "vk.right_missing.photos"},
		{name: "no docs right", prepare: func(e *env) { e.srv.SetRights("manage", "messages", "photos") }, key: "vk.right_missing.docs"},
		{name: "long poll settings refused", prepare: func(e *env) {
			e.srv.Fail("groups.getLongPollSettings", vktest.Failure{Code: 15})
		}, key: "vk.right_missing.manage"},
		{name: "rate limited", prepare: func(e *env) { e.srv.Fail("groups.getById", vktest.Failure{Code: 29, Message: "Rate limit reached"}) }, key: "vk.check_rate_limited"},
		{name: "network down", prepare: func(e *env) { e.srv.Stop() }, key: "vk.network_unreachable"},
		{name: "api down 502", prepare: func(e *env) { e.srv.SetDown(true) }, key: "vk.network_unreachable"},
		{name: "api url not VK", settings: map[string]string{vk.SettingAPIURL: htmlSite.URL}, direct: true, key: "vk.api_url_wrong"},
		{name: "api url nobody listens", settings: map[string]string{vk.SettingAPIURL: "http://" + closed}, direct: true, key: "vk.api_url_wrong"},
		{name: "api url malformed", settings: map[string]string{vk.SettingAPIURL: "ftp://api.vk.example"}, key: "vk.api_url_invalid"},
		{name: "proxy malformed", settings: map[string]string{vk.SettingProxy: "ftp://proxy.example:21"}, direct: true, key: "vk.proxy_invalid"},
		{name: "socks proxy dead", settings: map[string]string{vk.SettingProxy: "socks5://" + closed}, direct: true, key: "vk.proxy_failed"},
		{name: "http proxy dead", settings: map[string]string{vk.SettingProxy: "http://" + closed}, direct: true, key: "vk.proxy_failed"},
		{name: "http proxy refuses the tunnel", settings: map[string]string{vk.SettingProxy: refusing.URL,
			vk.SettingAPIURL: "https://api.vk.example"}, direct: true, key: "vk.proxy_failed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, c.settings)
			if c.direct {
				e.opts.HTTPClient = nil
				if _, ok := c.settings[vk.SettingAPIURL]; !ok {
					e.acc.Settings[vk.SettingAPIURL] = e.srv.URL()
				}
			}
			if c.prepare != nil {
				c.prepare(e)
			}
			err := vk.Check(t.Context(), e.acc, e.opts)
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
			e.acc.Settings[vk.SettingAPIURL] = e.srv.URL() + "/method/"
			e.acc.Settings[vk.SettingProxy] = proxyURL
			if err := vk.Check(t.Context(), e.acc, e.opts); err != nil {
				t.Fatalf("Check through %s = %v", proxyURL, err)
			}
			if hits.Load() == 0 {
				t.Errorf("nothing went through the %s proxy", kind)
			}
			// The whole connector goes through it too: API calls and the long poll.
			before := hits.Load()
			stop, _ := e.run(e.connector())
			e.sink.WaitHealth(e.t, 0, "")
			e.pushText(anna, 101, "через прокси")
			conntest.WaitFor(t, 5*time.Second, "message through the proxy", func() bool { return e.sink.StoredCount() == 1 })
			stop()
			if hits.Load() == before {
				t.Errorf("polling bypassed the %s proxy", kind)
			}
		})
	}
}

func TestNew_BadSettings(t *testing.T) {
	e := newEnv(t, map[string]string{vk.SettingProxy: "socks://x"})
	if _, err := vk.New(e.acc, e.opts); conntest.ErrKey(err) != "vk.proxy_invalid" {
		t.Errorf("New with a bad proxy = %v; want vk.proxy_invalid", err)
	}
}
