package httpx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"salonchat/inbox"
)

func TestParseProxy_Key(t *testing.T) {
	u, err := ParseProxy(" socks5h://proxy.example:9050 ", "vk.proxy_invalid")
	if err != nil || u.String() != "socks5h://proxy.example:9050" {
		t.Errorf("ParseProxy(socks5h) = %v, %v", u, err)
	}
	_, err = ParseProxy("ftp://anna:s3cret@proxy.example", "vk.proxy_invalid")
	var e *inbox.Error
	if !errors.As(err, &e) || e.Key != "vk.proxy_invalid" || e.Code != inbox.CodeInvalid {
		t.Fatalf("ParseProxy(ftp) = %v; want an inbox.Error with the network's key", err)
	}
	if shown := fmt.Sprint(e.Args["Proxy"]); strings.Contains(shown+err.Error(), "s3cret") || !strings.Contains(shown, "anna") {
		t.Errorf("ParseProxy shows %q, %v; want the proxy without its password", shown, err)
	}
}

func TestNewTransport(t *testing.T) {
	if tr := NewTransport(nil); tr.OnProxyConnectResponse != nil || tr.TLSHandshakeTimeout == 0 {
		t.Errorf("NewTransport(nil): a proxy hook, or no TLS timeout")
	}
	proxy, _ := url.Parse("http://proxy.example:3128")
	tr := NewTransport(proxy)
	req, _ := http.NewRequest(http.MethodGet, "https://api.example/", nil)
	if got, err := tr.Proxy(req); err != nil || got.String() != proxy.String() {
		t.Errorf("Proxy(req) = %v, %v; want %v", got, err, proxy)
	}
	err := tr.OnProxyConnectResponse(context.Background(), proxy, req, &http.Response{StatusCode: 407, Status: "407 Proxy Authentication Required"})
	if !ViaProxyFailed(err) {
		t.Errorf("a refused CONNECT = %v; want a proxy failure", err)
	}
}

func TestErrorKinds(t *testing.T) {
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	cases := []struct {
		name                    string
		err                     error
		proxy, noServer, answer bool // answer: false for NoAnswer
	}{
		{"refused CONNECT", fmt.Errorf("get: %w", &ProxyError{Status: "403 Forbidden"}), true, false, true},
		{"proxy dial", &net.OpError{Op: "proxyconnect", Net: "tcp", Err: dial}, true, false, false},
		{"socks handshake", &net.OpError{Op: "socks connect", Net: "tcp", Err: errors.New("EOF")}, true, false, false},
		{"plain dial", fmt.Errorf("get: %w", dial), false, true, false},
		{"no such host", fmt.Errorf("get: %w", &net.DNSError{Err: "no such host", Name: "bots.example", IsNotFound: true}), false, true, false},
		{"http to https", errors.New(`Get "https://127.0.0.1:8081/": http: server gave HTTP response to HTTPS client`), false, true, true},
		{"deadline", fmt.Errorf("get: %w", context.DeadlineExceeded), false, false, false},
		{"answer", errors.New("HTTP 502"), false, false, true},
	}
	for _, c := range cases {
		if got := ViaProxyFailed(c.err); got != c.proxy {
			t.Errorf("%s: ViaProxyFailed = %v; want %v", c.name, got, c.proxy)
		}
		if got := NoServer(c.err); got != c.noServer {
			t.Errorf("%s: NoServer = %v; want %v", c.name, got, c.noServer)
		}
		if got := NoAnswer(c.err); got == c.answer {
			t.Errorf("%s: NoAnswer = %v; want %v", c.name, got, !c.answer)
		}
	}
}
