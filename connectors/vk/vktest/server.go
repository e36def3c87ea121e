// Package vktest is a fake VK API and Bots Long Poll server for tests, on 127.0.0.1
// (never the internet). It speaks what SalonChat's VK connector uses, the way vksdk
// v2.17.0 and VK send it:
//
//   - API methods as form POSTs to /method/<name> with the token in "Authorization:
//     Bearer" and v=5.131, answered with application/json {"response": …} or
//     {"error": {"error_code", "error_msg", "request_params"}}: groups.getById,
//     groups.getTokenPermissions, groups.getLongPollSettings, groups.setLongPollSettings,
//     groups.getLongPollServer, users.get, messages.send (with random_id deduplication),
//     photos.getMessagesUploadServer, photos.saveMessagesPhoto,
//     docs.getMessagesUploadServer, docs.save;
//   - the long poll at /lp/<group>?act=a_check&key=&ts=&wait= with VK's failed 1/2/3;
//   - upload servers at /upload/photo and /upload/doc (multipart);
//   - files at /files/<name>, and /doc/<name> redirecting there as vk.com/doc links do.
//
// Tests feed it events (Push, with "{{BASE}}" in the JSON replaced by the server's
// address), users (AddUser), files (AddFile), failures (Fail, SetDown, Stop/Start,
// SetToken to revoke the token, ExpireKey, LoseHistory, Forget, Freeze) and read what
// the connector did (Sent, Uploads, Checks, Calls).
package vktest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"salonchat/connectors/internal/conntest"
)

// GroupID and GroupName are the community the fake serves.
const (
	GroupID   = 229000001
	GroupName = "Салон красоты «Лотос»"
)

// APIVersion is the only version the fake accepts.
const APIVersion = "5.131"

// pollLimit is how many events one long poll answer carries at most. VK documents no
// limit; a small one makes a backlog span several answers, as it does in practice.
const pollLimit = 100

// Failure is an error answer the server gives instead of the next normal one.
type Failure struct {
	Code    int    // VK's error_code: 5, 6, 9, 10, 15, 27, 100, 901, 902…
	Message string // error_msg; a usual one for the code when empty
	// HTML answers with a gateway's 502 page instead of JSON.
	HTML bool
	// Lost does what the call asks, then drops the connection without an answer (the
	// answer was lost on the way back).
	Lost bool
	// Pass answers normally: a place holder that lets a later call of the queue fail.
	Pass bool
}

// Sent is one message the connector sent.
type Sent struct {
	PeerID      int
	RandomID    int64
	MessageID   int    // the id the server gave it
	Text        string // "message"
	Attachments string // "attachment", as sent
	ReplyTo     int
	Lat, Long   string
}

// Upload is one file that reached an upload server.
type Upload struct {
	Server   string // "photo" or "doc"
	Field    string // the multipart field name
	FileName string
	Data     []byte
}

// Check is one long poll request.
type Check struct {
	Key, Ts string
}

type lpEvent struct {
	num int64
	raw json.RawMessage
}

type user struct{ first, last, screen string }

// Server is the fake. Its methods are safe for concurrent use.
type Server struct {
	tb testing.TB

	host *conntest.Server // listens, stops and starts again

	mu    sync.Mutex
	token string
	down  bool

	// long poll
	events      []lpEvent
	next        int64 // the number the next pushed event gets
	oldest      int64 // events below it are forgotten
	key         string
	keys        int
	lose        bool          // the next long poll answers failed:3
	frozen      chan struct{} // non-nil: long polls wait until it is closed
	arrived     chan struct{} // closed and replaced when events arrive or keys change
	checks      []Check
	lpSettings  map[string]string
	deactivated string
	rights      []string

	// API
	failures map[string][]Failure
	calls    map[string]int
	versions map[string]bool
	bodyAuth bool // an access_token arrived in a form: it must not
	users    map[int]user
	sent     []Sent
	byRandom map[string]int // "peer/random_id" → message id
	nextMsg  int
	uploads  []Upload
	files    map[string][]byte
	denied   map[int]int // peer → error code messages.send answers
}

// NewServer starts a fake for a community token; it stops at the end of the test.
func NewServer(tb testing.TB, token string) *Server {
	tb.Helper()
	s := &Server{tb: tb, token: token, next: 1000, oldest: 1000, arrived: make(chan struct{}),
		rights:   []string{"manage", "messages", "photos", "docs"},
		failures: map[string][]Failure{}, calls: map[string]int{}, versions: map[string]bool{},
		users: map[int]user{}, byRandom: map[string]int{}, nextMsg: 7000, files: map[string][]byte{},
		denied: map[int]int{}}
	s.newKeyLocked()
	s.host = conntest.NewServer(tb, "vktest", http.HandlerFunc(s.serve))
	s.host.Start()
	return s
}

// URL is the server's base address ("http://127.0.0.1:port").
func (s *Server) URL() string { return "http://" + s.host.Addr() }

// Client returns an HTTP client that takes every request to this server, whatever host
// it names: a connector configured for the public api.vk.ru talks to the fake (and
// nothing reaches the internet).
func (s *Server) Client() *http.Client { return s.host.Client() }

// Start listens (again, on the same address after Stop).
func (s *Server) Start() { s.host.Start() }

// Stop closes the listener: connections are refused until Start.
func (s *Server) Stop() { s.host.Stop() }

// SetDown makes every request answer 502 Bad Gateway with an HTML page (or back to
// normal).
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// SetToken changes the accepted token: calls with the old one get error 5, and the long
// poll key is void (VK ends a deleted key's long poll), as after the key was deleted in
// the community's settings.
func (s *Server) SetToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.token = token
	s.newKeyLocked()
}

// SetDeactivated makes groups.getById report the community as "banned" or "deleted"
// ("" for active).
func (s *Server) SetDeactivated(state string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deactivated = state
}

// SetRights sets what groups.getTokenPermissions reports.
func (s *Server) SetRights(rights ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rights = rights
}

// Fail queues failures for a method's next calls, one call each. Method "a_check" is
// the long poll, "upload/photo" and "upload/doc" the upload servers; an upload failure
// with Code answers with that HTTP status, without one it is VK's refusal of the file
// (a photo list "[]", a document "error").
func (s *Server) Fail(method string, fs ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = append(s.failures[method], fs...)
}

// Deny makes messages.send to a peer answer with a VK error code (901: the client never
// allowed messages; 902: privacy settings), until Deny(peer, 0).
func (s *Server) Deny(peer, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if code == 0 {
		delete(s.denied, peer)
		return
	}
	s.denied[peer] = code
}

// AddUser makes users.get know a user.
func (s *Server) AddUser(id int, first, last, screenName string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[id] = user{first, last, screenName}
}

// AddFile makes a file downloadable at /files/<name> (and /doc/<name>).
func (s *Server) AddFile(name string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[name] = data
}

// Calls is how often a method ("a_check", "upload/photo", "download" too) was called.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// Versions lists the API versions calls asked for; BodyToken reports whether a token
// ever came in a form instead of the Authorization header.
func (s *Server) Versions() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var vs []string
	for v := range s.versions {
		vs = append(vs, v)
	}
	return vs
}

// BodyToken reports whether an access_token ever arrived in a request's form or query.
func (s *Server) BodyToken() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bodyAuth
}

// Sent lists the messages the connector sent (each once, however often it was sent
// with the same random_id), in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

// Uploads lists the files that reached the upload servers.
func (s *Server) Uploads() []Upload {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Upload(nil), s.uploads...)
}

// LongPollSettings is the form of the last groups.setLongPollSettings.
func (s *Server) LongPollSettings() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lpSettings
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	down := s.down
	s.mu.Unlock()
	p := strings.TrimPrefix(r.URL.Path, "/")
	switch {
	case down:
		conntest.WriteHTML(w, http.StatusBadGateway)
	case strings.HasPrefix(p, "method/"):
		s.method(w, r, strings.TrimPrefix(p, "method/"))
	case strings.HasPrefix(p, "lp/"):
		s.longPoll(w, r)
	case strings.HasPrefix(p, "upload/"):
		s.upload(w, r, strings.TrimPrefix(p, "upload/"))
	case strings.HasPrefix(p, "files/"):
		s.download(w, strings.TrimPrefix(p, "files/"))
	case strings.HasPrefix(p, "doc/"):
		http.Redirect(w, r, "/files/"+strings.TrimPrefix(p, "doc/"), http.StatusFound)
	default:
		http.NotFound(w, r)
	}
}

func (s *Server) count(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[name]++
}

func (s *Server) nextFailure(method string) (Failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.failures[method]
	if len(q) == 0 {
		return Failure{}, false
	}
	s.failures[method] = q[1:]
	return q[0], !q[0].Pass
}

// drop closes the connection without an answer.
func drop(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

func (s *Server) download(w http.ResponseWriter, name string) {
	s.count("download")
	s.mu.Lock()
	data, ok := s.files[name]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

func (s *Server) upload(w http.ResponseWriter, r *http.Request, server string) {
	s.count("upload/" + server)
	if f, ok := s.nextFailure("upload/" + server); ok {
		switch {
		case f.Code != 0:
			conntest.WriteHTML(w, f.Code)
		case server == "photo": // VK's way of refusing a picture as a photo
			writeJSON(w, map[string]any{"server": 840123, "photo": "[]", "hash": "00000000000000000000000000000000"})
		default:
			writeJSON(w, map[string]any{"error": "ERR_UPLOAD_FILE_TYPE", "error_descr": f.Message})
		}
		return
	}
	field := map[string]string{"photo": "photo", "doc": "file"}[server]
	if err := r.ParseMultipartForm(64 << 20); err != nil || field == "" {
		writeJSON(w, map[string]any{"error": "ERR_UPLOAD_BAD_REQUEST"})
		return
	}
	fhs := r.MultipartForm.File[field]
	if len(fhs) == 0 {
		writeJSON(w, map[string]any{"error": "ERR_UPLOAD_FILE_NOT_FOUND", "error_descr": "no file in field " + field})
		return
	}
	f, err := fhs[0].Open()
	if err != nil {
		writeJSON(w, map[string]any{"error": "ERR_UPLOAD_BAD_REQUEST"})
		return
	}
	data, _ := io.ReadAll(f)
	f.Close()
	s.mu.Lock()
	s.uploads = append(s.uploads, Upload{Server: server, Field: field, FileName: fhs[0].Filename, Data: data})
	n := len(s.uploads)
	s.mu.Unlock()
	if server == "photo" {
		writeJSON(w, map[string]any{"server": 840123, "photo": fmt.Sprintf(`[{"photo":"up%d","sizes":[]}]`, n), "hash": fmt.Sprintf("h%d", n)})
		return
	}
	writeJSON(w, map[string]any{"file": fmt.Sprintf("up%d|doc", n)})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(v)
}
