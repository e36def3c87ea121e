package conntest

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"
)

func TestServer_RestartAndRedirect(t *testing.T) {
	s := NewServer(t, "conntest", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.URL.Path)
	}))
	s.Start()
	addr := s.Addr()
	get := func() (string, error) {
		resp, err := s.Client().Get("https://api.network.example/method/x")
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}
	if body, err := get(); err != nil || body != "/method/x" {
		t.Fatalf("GET through Client = %q, %v; want the fake's answer", body, err)
	}
	closing := s.Closing()
	s.Stop()
	select {
	case <-closing:
	default:
		t.Error("Closing not closed by Stop")
	}
	if _, err := get(); err == nil {
		t.Error("GET after Stop worked")
	}
	s.Start()
	if s.Addr() != addr {
		t.Errorf("address after Start %s; want %s again", s.Addr(), addr)
	}
	if body, err := get(); err != nil || body != "/method/x" {
		t.Errorf("GET after Start = %q, %v", body, err)
	}
}

func TestClosedAddr(t *testing.T) {
	if c, err := net.DialTimeout("tcp", ClosedAddr(t), time.Second); err == nil {
		c.Close()
		t.Error("something listens on ClosedAddr")
	}
}

func TestProxies(t *testing.T) {
	target := NewServer(t, "conntest", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	target.Start()
	for name, start := range map[string]func(testing.TB) (string, interface{ Load() int64 }){
		"http":   func(t testing.TB) (string, interface{ Load() int64 }) { return HTTPProxy(t) },
		"socks5": func(t testing.TB) (string, interface{ Load() int64 }) { return SOCKSProxy(t) },
	} {
		t.Run(name, func(t *testing.T) {
			raw, hits := start(t)
			proxy, _ := url.Parse(raw)
			c := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}}
			resp, err := c.Get("http://" + target.Addr() + "/")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			c.CloseIdleConnections()
			if string(b) != "ok" || hits.Load() != 1 {
				t.Errorf("through the %s proxy: %q, %d hits; want ok, 1", name, b, hits.Load())
			}
		})
	}
}
