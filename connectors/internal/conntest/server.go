package conntest

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// Server is the HTTP side of a network's fake, on 127.0.0.1 (never the internet): it can
// stop and start again on the same address, as the network's servers going away and
// coming back, and its Client takes every request to it whatever host the request
// names. Its methods are safe for concurrent use.
type Server struct {
	tb      testing.TB
	name    string // the fake's package, in failures
	handler http.Handler

	mu      sync.Mutex
	hs      *httptest.Server
	addr    string
	closing chan struct{} // closed when the listener stops
}

// NewServer returns a server for handler, to be started with Start; it stops at the end
// of the test. name (the fake's package, such as "telegramtest") prefixes its failures.
func NewServer(tb testing.TB, name string, handler http.Handler) *Server {
	s := &Server{tb: tb, name: name, handler: handler}
	tb.Cleanup(s.Stop)
	return s
}

// Addr is the server's host:port; it stays the same across Stop and Start.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Closing is closed when the listener stops: a long poll waiting on it returns.
func (s *Server) Closing() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closing
}

// Client returns an HTTP client that takes every request to this server, whatever host
// it names: a connector configured for the network's public address talks to the fake
// (and nothing reaches the internet).
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: redirect{s: s, next: &http.Transport{}}}
}

type redirect struct {
	s    *Server
	next http.RoundTripper
}

func (r redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	addr := r.s.Addr()
	req = req.Clone(req.Context())
	req.URL.Scheme, req.URL.Host, req.Host = "http", addr, addr
	return r.next.RoundTrip(req)
}

// Start listens (again, on the same address after Stop).
func (s *Server) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hs != nil {
		return
	}
	addr := s.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	var l net.Listener
	var err error
	for range 50 { // the port may linger for a moment after Stop
		if l, err = net.Listen("tcp", addr); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		s.tb.Fatalf("%s: listen %s: %v", s.name, addr, err)
	}
	hs := httptest.NewUnstartedServer(s.handler)
	hs.Listener.Close()
	hs.Listener = l
	hs.Start()
	s.hs, s.addr, s.closing = hs, l.Addr().String(), make(chan struct{})
}

// Stop closes the listener: connections are refused until Start.
func (s *Server) Stop() {
	s.mu.Lock()
	hs := s.hs
	if hs != nil {
		close(s.closing)
		s.hs = nil
	}
	s.mu.Unlock()
	if hs != nil {
		hs.CloseClientConnections()
		hs.Close()
	}
}

// WriteHTML answers with a web server's error page instead of the API's JSON, as a
// gateway in front of the network's servers or a wrong address does.
func WriteHTML(w http.ResponseWriter, code int) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(code)
	fmt.Fprintf(w, "<html><head><title>%d %s</title></head><body><center><h1>%d %s</h1></center><hr><center>nginx</center></body></html>\n",
		code, http.StatusText(code), code, http.StatusText(code))
}
