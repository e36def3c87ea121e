package conntest

import (
	"encoding/binary"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// ClosedAddr is a 127.0.0.1 address nobody listens on. Port 1 lies outside the range
// the kernel hands out for ":0", so a test server started later cannot take it (a port
// freed by closing a listener can be given to the next one).
func ClosedAddr(t testing.TB) string {
	t.Helper()
	c, err := net.DialTimeout("tcp", "127.0.0.1:1", time.Second)
	if err != nil {
		return "127.0.0.1:1"
	}
	c.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// HTTPProxy is a forward HTTP proxy for plain-http targets (the fakes); it counts
// requests. It stops at the end of the test.
func HTTPProxy(t testing.TB) (string, *atomic.Int64) {
	hits := new(atomic.Int64)
	tr := &http.Transport{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !r.URL.IsAbs() {
			http.Error(w, "not a proxy request", http.StatusBadRequest)
			return
		}
		hits.Add(1)
		out := r.Clone(r.Context())
		out.RequestURI = ""
		resp, err := tr.RoundTrip(out)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}))
	t.Cleanup(func() { srv.Close(); tr.CloseIdleConnections() })
	return srv.URL, hits
}

// SOCKSProxy is a minimal SOCKS5 server (no authentication, CONNECT only); it counts
// connections. It stops at the end of the test. (golang.org/x/net/proxy has only the
// client side.)
func SOCKSProxy(t testing.TB) (string, *atomic.Int64) {
	hits := new(atomic.Int64)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	t.Cleanup(func() {
		l.Close()
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Go(func() { socksServe(c, hits, &mu, &conns) })
		}
	})
	return "socks5://" + l.Addr().String(), hits
}

func socksServe(c net.Conn, hits *atomic.Int64, mu *sync.Mutex, conns *[]net.Conn) {
	defer c.Close()
	buf := make([]byte, 256)
	if _, err := io.ReadFull(c, buf[:2]); err != nil || buf[0] != 5 {
		return
	}
	if _, err := io.ReadFull(c, buf[:buf[1]]); err != nil {
		return
	}
	c.Write([]byte{5, 0}) // no authentication
	if _, err := io.ReadFull(c, buf[:4]); err != nil || buf[1] != 1 {
		return
	}
	var host string
	switch buf[3] {
	case 1:
		io.ReadFull(c, buf[:4])
		host = net.IP(buf[:4]).String()
	case 3:
		io.ReadFull(c, buf[:1])
		n := int(buf[0])
		io.ReadFull(c, buf[:n])
		host = string(buf[:n])
	case 4:
		io.ReadFull(c, buf[:16])
		host = net.IP(buf[:16]).String()
	}
	io.ReadFull(c, buf[:2])
	port := binary.BigEndian.Uint16(buf[:2])
	target, err := net.Dial("tcp", net.JoinHostPort(host, strconv.Itoa(int(port))))
	if err != nil {
		c.Write([]byte{5, 5, 0, 1, 0, 0, 0, 0, 0, 0})
		return
	}
	defer target.Close()
	mu.Lock()
	*conns = append(*conns, target)
	mu.Unlock()
	hits.Add(1)
	c.Write([]byte{5, 0, 0, 1, 0, 0, 0, 0, 0, 0})
	go io.Copy(target, c)
	io.Copy(c, target)
}
