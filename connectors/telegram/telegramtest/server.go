// Package telegramtest is a fake Telegram Bot API server for tests, on 127.0.0.1 (never
// the internet). It speaks the methods SalonChat's Telegram connector uses — getMe,
// getWebhookInfo, getUpdates (offsets, long polling, allowed_updates: updates of other
// kinds are dropped, as Telegram drops them), sendMessage, sendPhoto, sendDocument,
// sendLocation, sendContact, getFile, getBusinessConnection — and file downloads
// (/file/bot<TOKEN>/<path>), as multipart/form-data POSTs to /bot<TOKEN>/<method> the way
// go-telegram/bot sends them.
//
// Tests feed it updates (Push), files (AddFile), failures (Fail, SetDown, Stop/Start,
// SetToken to revoke the token) and read what the connector sent (Sent).
//
// Telegram Business: SetBusinessConnection makes a connection known (getBusinessConnection
// answers it; sends with its business_connection_id are accepted), PushBusinessConnection
// also queues its business_connection update. A send with business_connection_id comes
// back as a business_message with sender_business_bot, as Telegram sends the bot's own
// replies in a business chat.
//
//	srv := telegramtest.NewServer(t, "123:TEST")
//	srv.Push(`{"message": {...}}`)
//	acc.Settings = map[string]string{"token": srv.Token(), "api_url": srv.URL()}
package telegramtest

import (
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"salonchat/connectors/internal/conntest"
)

// BotUsername is the bot's username getMe answers; its id is the token's part before
// the colon, as with real tokens (BotID).
const BotUsername = "salon_test_bot"

// Failure is an error answer the server gives instead of the next normal one.
type Failure struct {
	Code        int    // HTTP status and error_code, e.g. 403, 429, 502
	Description string // "Forbidden: bot was blocked by the user"
	RetryAfter  int    // seconds, for 429
	// HTML answers with a web page instead of Bot API JSON (a gateway or a wrong server).
	HTML bool
}

// Sent is one message the connector sent.
type Sent struct {
	Method    string // sendMessage, sendPhoto, …
	ChatID    int64
	MessageID int    // the id the server gave it
	Text      string // text, or the caption
	ReplyTo   int    // reply_parameters.message_id
	FileField string // "photo", "document"
	FileName  string
	FileData  []byte
	Fields    map[string]string // every plain form field
	// BusinessConnectionID is the business_connection_id the send carried ("" for the
	// bot's own chats).
	BusinessConnectionID string
}

// User is a Telegram user as updates show them.
type User struct {
	ID                            int64
	FirstName, LastName, Username string
}

func (u User) object() map[string]any {
	o := map[string]any{"id": u.ID, "is_bot": false, "first_name": u.FirstName}
	if u.LastName != "" {
		o["last_name"] = u.LastName
	}
	if u.Username != "" {
		o["username"] = u.Username
	}
	return o
}

// BusinessConnection is a Telegram account connected to the bot (Telegram Business).
type BusinessConnection struct {
	ID   string
	User User // the connected account (the salon's own)
	Date int64
	// CanReply: the account lets the bot reply in its chats (rights.can_reply).
	CanReply bool
	Enabled  bool
	// Legacy answers in the shape of Bot API 7.2–8.x: a top-level can_reply, no rights.
	Legacy bool
}

// Object is the connection as the Bot API's BusinessConnection. Bot API 9.0+ lists the
// rights the account granted, each true or left out.
func (c BusinessConnection) Object() map[string]any {
	o := map[string]any{"id": c.ID, "user": c.User.object(), "user_chat_id": c.User.ID, "date": c.Date, "is_enabled": c.Enabled}
	if c.Legacy {
		o["can_reply"] = c.CanReply
		return o
	}
	rights := map[string]any{"can_read_messages": true, "can_delete_sent_messages": true}
	if c.CanReply {
		rights["can_reply"] = true
	}
	o["rights"] = rights
	return o
}

type file struct {
	uniqueID string
	path     string
	data     []byte
	size     int64
}

type update struct {
	id   int64
	raw  json.RawMessage
	kind map[string]bool // the update's fields: "message", "business_message", …
}

// Server is the fake. Its methods are safe for concurrent use.
type Server struct {
	tb   testing.TB
	host *conntest.Server // listens, stops and starts again

	mu        sync.Mutex
	token     string
	down      bool
	updates   []update
	nextID    int64
	confirmed int64
	arrived   chan struct{} // closed and replaced when updates arrive
	onConfirm func(offset int64)
	allowed   string
	files     map[string]file
	failures  map[string][]Failure
	calls     map[string]int
	sent      []Sent
	nextMsg   int
	webhook   string
	local     bool
	business  map[string]BusinessConnection
}

// NewServer starts a fake for a bot token; it stops at the end of the test.
func NewServer(tb testing.TB, token string) *Server {
	tb.Helper()
	s := &Server{tb: tb, token: token, nextID: 500000, nextMsg: 9000, arrived: make(chan struct{}),
		files: map[string]file{}, failures: map[string][]Failure{}, calls: map[string]int{}, business: map[string]BusinessConnection{}}
	s.host = conntest.NewServer(tb, "telegramtest", http.HandlerFunc(s.serve))
	s.host.Start()
	return s
}

// BotID is the bot's user id: the part of its token before the colon.
func (s *Server) BotID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, _ := strconv.ParseInt(strings.SplitN(s.token, ":", 2)[0], 10, 64)
	return id
}

func (s *Server) bot() map[string]any {
	return map[string]any{"id": s.BotID(), "is_bot": true, "first_name": "Салон", "username": BotUsername}
}

// URL is the server's base URL, for the api_url setting.
func (s *Server) URL() string { return "http://" + s.host.Addr() }

// Token is the token the server accepts.
func (s *Server) Token() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.token
}

// Client returns an HTTP client that takes every request to this server, whatever host
// it names: a connector configured for the public api.telegram.org talks to the fake
// (and nothing reaches the internet).
func (s *Server) Client() *http.Client { return s.host.Client() }

// SetToken changes the accepted token: calls with the old one get 401 Unauthorized, as
// after @BotFather revoked it.
func (s *Server) SetToken(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.token = token
}

// Start listens (again, on the same address after Stop).
func (s *Server) Start() { s.host.Start() }

// Stop closes the listener: connections are refused until Start.
func (s *Server) Stop() { s.host.Stop() }

// SetDown makes every call answer 502 Bad Gateway with an HTML page (or back to normal).
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// SetLocal makes the server behave as a local Bot API server (telegram-bot-api --local):
// getFile serves files of any size.
func (s *Server) SetLocal(local bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.local = local
}

// SetWebhook sets the URL getWebhookInfo reports ("" for none).
func (s *Server) SetWebhook(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = url
}

// Fail queues failures for a method's next calls, one call each.
func (s *Server) Fail(method string, fs ...Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures[method] = append(s.failures[method], fs...)
}

// Push adds an update (JSON of an Update without update_id, or with one, which is
// replaced) and returns the update_id it got. Ids grow by one.
func (s *Server) Push(updateJSON string) int64 {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(updateJSON), &m); err != nil {
		s.tb.Fatalf("telegramtest: Push: %v", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	m["update_id"] = json.RawMessage(strconv.FormatInt(s.nextID, 10))
	raw, _ := json.Marshal(m)
	kind := map[string]bool{}
	for k := range m {
		kind[k] = true
	}
	s.updates = append(s.updates, update{id: s.nextID, raw: raw, kind: kind})
	close(s.arrived)
	s.arrived = make(chan struct{})
	return s.nextID
}

// SetBusinessConnection makes a connection known to getBusinessConnection and to sends
// (or changes it).
func (s *Server) SetBusinessConnection(c BusinessConnection) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.business[c.ID] = c
}

// PushBusinessConnection sets a connection and queues its business_connection update,
// as Telegram does when the account connects the bot, changes its rights or disconnects
// it. It returns the update_id.
func (s *Server) PushBusinessConnection(c BusinessConnection) int64 {
	s.SetBusinessConnection(c)
	raw, _ := json.Marshal(map[string]any{"business_connection": c.Object()})
	return s.Push(string(raw))
}

// Pending is the number of updates not confirmed yet.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

// Confirmed is the highest offset getUpdates was called with: every update below it is
// gone from the server.
func (s *Server) Confirmed() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

// OnConfirm sets a function called (outside the server's lock, before updates are
// dropped) whenever getUpdates confirms updates below a new offset.
func (s *Server) OnConfirm(f func(offset int64)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onConfirm = f
}

// AllowedUpdates is the allowed_updates field of the last getUpdates ("" if none).
func (s *Server) AllowedUpdates() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.allowed
}

// AddFile makes a file known to getFile and downloadable at filePath.
func (s *Server) AddFile(fileID, uniqueID, filePath string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[fileID] = file{uniqueID: uniqueID, path: filePath, data: data, size: int64(len(data))}
}

// AddBigFile makes a file of size bytes known without its content. getFile refuses a
// file over 20 MB ("file is too big"), as Telegram does, unless SetLocal.
func (s *Server) AddBigFile(fileID, uniqueID, filePath string, size int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[fileID] = file{uniqueID: uniqueID, path: filePath, size: size}
}

// Calls is how often a method (or "download") was called.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// Sent lists what the connector sent, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Sent(nil), s.sent...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(r.URL.Path, "/")
	download := strings.HasPrefix(p, "file/")
	p = strings.TrimPrefix(p, "file/")
	token, method, ok := strings.Cut(strings.TrimPrefix(p, "bot"), "/")
	if !strings.HasPrefix(p, "bot") || !ok {
		http.NotFound(w, r)
		return
	}
	if download {
		s.count("download")
	} else {
		s.count(method)
	}
	s.mu.Lock()
	down, wrongToken := s.down, token != s.token
	s.mu.Unlock()
	switch {
	case down:
		conntest.WriteHTML(w, http.StatusBadGateway)
	case wrongToken:
		writeError(w, Failure{Code: http.StatusUnauthorized, Description: "Unauthorized"})
	case download:
		s.download(w, method)
	default:
		if f, ok := s.nextFailure(method); ok {
			writeError(w, f)
			return
		}
		if err := parseForm(r); err != nil {
			writeError(w, Failure{Code: http.StatusBadRequest, Description: "Bad Request: " + err.Error()})
			return
		}
		s.method(w, r, method)
	}
}

// parseForm reads the multipart form; an empty body (go-telegram/bot's form for a
// method without parameters, such as getMe) is an empty form, as Telegram takes it.
func parseForm(r *http.Request) error {
	err := r.ParseMultipartForm(64 << 20)
	if errors.Is(err, io.EOF) {
		r.MultipartForm, err = &multipart.Form{Value: map[string][]string{}, File: map[string][]*multipart.FileHeader{}}, nil
	}
	return err
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
	return q[0], true
}

func (s *Server) method(w http.ResponseWriter, r *http.Request, method string) {
	switch method {
	case "getMe":
		writeResult(w, s.bot())
	case "getWebhookInfo":
		s.mu.Lock()
		hook := s.webhook
		s.mu.Unlock()
		writeResult(w, map[string]any{"url": hook, "has_custom_certificate": false, "pending_update_count": s.Pending()})
	case "getUpdates":
		s.getUpdates(w, r)
	case "getFile":
		s.getFile(w, r.FormValue("file_id"))
	case "getBusinessConnection":
		s.mu.Lock()
		c, ok := s.business[r.FormValue("business_connection_id")]
		s.mu.Unlock()
		if !ok {
			writeError(w, Failure{Code: http.StatusBadRequest, Description: "Bad Request: business connection not found"})
			return
		}
		writeResult(w, c.Object())
	case "sendMessage", "sendPhoto", "sendDocument", "sendLocation", "sendContact":
		s.send(w, r, method)
	default:
		writeError(w, Failure{Code: http.StatusNotFound, Description: "Not Found: method not found"})
	}
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request) {
	offset, _ := strconv.ParseInt(r.FormValue("offset"), 10, 64)
	limit, err := strconv.Atoi(r.FormValue("limit"))
	if err != nil || limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(r.FormValue("timeout"))
	s.confirm(offset, r.FormValue("allowed_updates"), r.Form.Has("allowed_updates"))
	deadline := time.NewTimer(time.Duration(timeout) * time.Second)
	defer deadline.Stop()
	closing := s.host.Closing()
	for {
		s.mu.Lock()
		s.dropUnwanted()
		var out []json.RawMessage
		for _, u := range s.updates {
			if u.id >= offset && len(out) < limit {
				out = append(out, u.raw)
			}
		}
		arrived := s.arrived
		s.mu.Unlock()
		if len(out) > 0 || timeout <= 0 {
			writeResult(w, out)
			return
		}
		select {
		case <-arrived:
		case <-deadline.C:
			timeout = 0
		case <-closing:
			return
		case <-r.Context().Done():
			return
		}
	}
}

// confirm drops the updates below offset, as Telegram forgets confirmed updates.
func (s *Server) confirm(offset int64, allowed string, hasAllowed bool) {
	s.mu.Lock()
	if hasAllowed {
		s.allowed = allowed
	}
	var hook func(int64)
	if offset > s.confirmed {
		s.confirmed, hook = offset, s.onConfirm
	}
	s.mu.Unlock()
	if hook != nil {
		hook(offset)
	}
	if offset <= 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.updates[:0]
	for _, u := range s.updates {
		if u.id >= offset {
			kept = append(kept, u)
		}
	}
	s.updates = kept
}

// dropUnwanted forgets the updates of kinds allowed_updates leaves out, as Telegram
// does not keep them. An empty list is Telegram's default: everything here is wanted.
// The caller holds s.mu.
func (s *Server) dropUnwanted() {
	var allowed []string
	if json.Unmarshal([]byte(s.allowed), &allowed) != nil || len(allowed) == 0 {
		return
	}
	s.updates = slices.DeleteFunc(s.updates, func(u update) bool {
		return !slices.ContainsFunc(allowed, func(kind string) bool { return u.kind[kind] })
	})
}

func (s *Server) getFile(w http.ResponseWriter, fileID string) {
	s.mu.Lock()
	f, ok := s.files[fileID]
	local := s.local
	s.mu.Unlock()
	switch {
	case !ok:
		writeError(w, Failure{Code: http.StatusBadRequest, Description: "Bad Request: invalid file_id"})
	case f.size > 20<<20 && !local:
		writeError(w, Failure{Code: http.StatusBadRequest, Description: "Bad Request: file is too big"})
	default:
		writeResult(w, map[string]any{"file_id": fileID, "file_unique_id": f.uniqueID, "file_size": f.size, "file_path": f.path})
	}
}

func (s *Server) download(w http.ResponseWriter, path string) {
	s.mu.Lock()
	var data []byte
	found := false
	for _, f := range s.files {
		if f.path == path && f.data != nil {
			data, found = f.data, true
		}
	}
	s.mu.Unlock()
	if !found {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

func (s *Server) send(w http.ResponseWriter, r *http.Request, method string) {
	chatID, err := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
	if err != nil {
		writeError(w, Failure{Code: http.StatusBadRequest, Description: "Bad Request: chat not found"})
		return
	}
	sent := Sent{Method: method, ChatID: chatID, Text: r.FormValue("text"), Fields: map[string]string{}}
	if sent.Text == "" {
		sent.Text = r.FormValue("caption")
	}
	for k, v := range r.MultipartForm.Value {
		sent.Fields[k] = v[0]
	}
	if rp := r.FormValue("reply_parameters"); rp != "" {
		var p struct {
			MessageID int `json:"message_id"`
		}
		json.Unmarshal([]byte(rp), &p)
		sent.ReplyTo = p.MessageID
	}
	for field, fhs := range r.MultipartForm.File {
		f, err := fhs[0].Open()
		if err != nil {
			writeError(w, Failure{Code: http.StatusBadRequest, Description: "Bad Request: " + err.Error()})
			return
		}
		sent.FileField, sent.FileName = field, fhs[0].Filename
		sent.FileData, _ = io.ReadAll(f)
		f.Close()
	}
	sent.BusinessConnectionID = r.FormValue("business_connection_id")
	s.mu.Lock()
	conn, known := s.business[sent.BusinessConnectionID]
	if sent.BusinessConnectionID != "" && !known {
		s.mu.Unlock()
		writeError(w, Failure{Code: http.StatusBadRequest, Description: "Bad Request: business connection not found"})
		return
	}
	s.nextMsg++
	sent.MessageID = s.nextMsg
	s.sent = append(s.sent, sent)
	s.mu.Unlock()
	msg := map[string]any{"message_id": sent.MessageID, "date": time.Now().Unix(),
		"chat": map[string]any{"id": chatID, "type": "private"}}
	for _, k := range []string{"text", "caption"} {
		if v := sent.Fields[k]; v != "" {
			msg[k] = v
		}
	}
	if known {
		// A reply as the salon's account: from the account, sent by this bot. Telegram
		// also delivers it to the bot as a business_message.
		msg["business_connection_id"] = conn.ID
		msg["from"] = conn.User.object()
		msg["sender_business_bot"] = s.bot()
		echo, _ := json.Marshal(map[string]any{"business_message": msg})
		s.Push(string(echo))
	}
	writeResult(w, msg)
}

func writeResult(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func writeError(w http.ResponseWriter, f Failure) {
	if f.HTML {
		conntest.WriteHTML(w, f.Code)
		return
	}
	body := map[string]any{"ok": false, "error_code": f.Code, "description": f.Description}
	if f.RetryAfter > 0 {
		body["parameters"] = map[string]any{"retry_after": f.RetryAfter}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.Code)
	json.NewEncoder(w).Encode(body)
}
