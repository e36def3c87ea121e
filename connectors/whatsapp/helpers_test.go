package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"salonchat/connectors/internal/conntest"
	"salonchat/inbox"
)

// Addresses of the tests: the salon's linked device and a client known by number and
// by LID.
var (
	salonDevice = types.JID{User: "79990001122", Device: 12, Server: types.DefaultUserServer}
	clientPN    = types.NewJID("79123456789", types.DefaultUserServer)
	clientLID   = types.NewJID("123456789012345", types.HiddenUserServer)
)

// fakeClient stands in for *whatsmeow.Client: it records the handler so that tests can
// feed it events, and what was sent and uploaded.
type fakeClient struct {
	mu        sync.Mutex
	handler   whatsmeow.EventHandlerWithSuccessStatus
	connects  int
	connectFn func(n int) error // nil: connect works
	loggedIn  bool
	sent      []sentMessage
	sendErr   error
	uploads   []fakeUpload
	files     map[string][]byte // direct path → content to download
	lidMap    fakeLIDs
	connected chan struct{}   // receives on every Connect
	onWA      map[string]bool // "+79…" → has WhatsApp, for IsOnWhatsApp
}

type sentMessage struct {
	to  types.JID
	msg *waE2E.Message
	id  types.MessageID
}

type fakeUpload struct {
	mt   whatsmeow.MediaType
	data []byte
}

func newFakeClient() *fakeClient {
	return &fakeClient{files: map[string][]byte{}, lidMap: fakeLIDs{}, connected: make(chan struct{}, 16)}
}

func (f *fakeClient) Connect() error {
	f.mu.Lock()
	f.connects++
	n, fn := f.connects, f.connectFn
	f.mu.Unlock()
	if fn != nil {
		if err := fn(n); err != nil {
			return err
		}
	}
	f.connected <- struct{}{}
	return nil
}

func (f *fakeClient) Disconnect() {}

func (f *fakeClient) IsLoggedIn() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.loggedIn
}

func (f *fakeClient) setLoggedIn(v bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.loggedIn = v
}

func (f *fakeClient) AddEventHandlerWithSuccessStatus(h whatsmeow.EventHandlerWithSuccessStatus) uint32 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handler = h
	return 1
}

func (f *fakeClient) RemoveEventHandler(uint32) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.handler = nil
	return true
}

// emit passes an event to the handler as whatsmeow would and returns its answer (true
// when there is no handler).
func (f *fakeClient) emit(evt any) bool {
	f.mu.Lock()
	h := f.handler
	f.mu.Unlock()
	if h == nil {
		return true
	}
	return h(evt)
}

func (f *fakeClient) connectCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.connects
}

func (f *fakeClient) SendMessage(_ context.Context, to types.JID, msg *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.sendErr != nil {
		return whatsmeow.SendResponse{}, f.sendErr
	}
	var id types.MessageID
	if len(extra) > 0 {
		id = extra[0].ID
	}
	f.sent = append(f.sent, sentMessage{to: to, msg: msg, id: id})
	return whatsmeow.SendResponse{ID: id, Timestamp: time.Now()}, nil
}

func (f *fakeClient) sentMessages() []sentMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sentMessage(nil), f.sent...)
}

func (f *fakeClient) UploadReader(_ context.Context, r io.Reader, _ io.ReadWriteSeeker, mt whatsmeow.MediaType) (whatsmeow.UploadResponse, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return whatsmeow.UploadResponse{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.uploads = append(f.uploads, fakeUpload{mt: mt, data: data})
	return whatsmeow.UploadResponse{URL: "https://mmg.whatsapp.net/fake", DirectPath: "/v/fake/" + string(mt),
		MediaKey: []byte("key"), FileEncSHA256: []byte("enc"), FileSHA256: []byte("sha"), FileLength: uint64(len(data))}, nil
}

func (f *fakeClient) DownloadToFile(_ context.Context, msg whatsmeow.DownloadableMessage, file whatsmeow.File) error {
	f.mu.Lock()
	data, ok := f.files[msg.GetDirectPath()]
	f.mu.Unlock()
	if !ok {
		return whatsmeow.ErrMediaDownloadFailedWith404
	}
	_, err := file.Write(data)
	return err
}

func (f *fakeClient) OwnJID() types.JID { return salonDevice }

func (f *fakeClient) IsOnWhatsApp(_ context.Context, phones []string) ([]types.IsOnWhatsAppResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []types.IsOnWhatsAppResponse
	for _, p := range phones {
		out = append(out, types.IsOnWhatsAppResponse{Query: p, IsIn: f.onWA[p]})
	}
	return out, nil
}
func (f *fakeClient) lids() lidLookup { return f.lidMap }

// fakeLIDs is a LID map: LID user → phone JID.
type fakeLIDs map[string]types.JID

func (m fakeLIDs) GetPNForLID(_ context.Context, lid types.JID) (types.JID, error) {
	if lid.User == "broken" {
		return types.JID{}, errors.New("database is locked")
	}
	return m[lid.User], nil
}

// testSink records what a connector delivers, like the connectors' manager would pass
// it on. fail, when set, refuses a message before it is recorded.
type testSink struct {
	mu       sync.Mutex
	fail     func(in inbox.Inbound) error
	received []inbox.Inbound
	healths  []inbox.Health
	receipts []receipt
}

type receipt struct {
	peer  inbox.PeerID
	ext   inbox.ExternalID
	state inbox.DeliveryState
}

func (s *testSink) Receive(in inbox.Inbound) (inbox.ReceiveResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		if err := s.fail(in); err != nil {
			return inbox.ReceiveResult{}, err
		}
	}
	s.received = append(s.received, in)
	return inbox.ReceiveResult{}, nil
}

func (s *testSink) SetHealth(h inbox.Health) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.healths = append(s.healths, h)
}

func (s *testSink) Receipt(peer inbox.PeerID, ext inbox.ExternalID, state inbox.DeliveryState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.receipts = append(s.receipts, receipt{peer, ext, state})
}

func (s *testSink) setFail(f func(inbox.Inbound) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = f
}

func (s *testSink) inbound() []inbox.Inbound {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]inbox.Inbound(nil), s.received...)
}

func (s *testSink) receiptList() []receipt {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]receipt(nil), s.receipts...)
}

// healthTrail is the reported healths as "state reason" lines.
func (s *testSink) healthTrail() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, h := range s.healths {
		out = append(out, healthLine(h))
	}
	return out
}

func (s *testSink) lastHealth() string {
	t := s.healthTrail()
	if len(t) == 0 {
		return ""
	}
	return t[len(t)-1]
}

func healthLine(h inbox.Health) string {
	return fmt.Sprintf("%s %s", [...]string{"ok", "connecting", "error"}[h.State], h.Reason)
}

// testAccount is a linked WhatsApp account.
func testAccount() inbox.Account {
	return inbox.Account{ID: 7, Network: inbox.WhatsApp, Title: "Салон в WhatsApp",
		Settings: map[string]string{SettingJID: salonDevice.String()}}
}

// env is a connector of a linked account whose client is a fake.
type env struct {
	t    *testing.T
	c    *Connector
	fake *fakeClient
	sink *testSink
	logs *conntest.Log
	dir  string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, fake: newFakeClient(), sink: &testSink{}, logs: conntest.NewLog("WHATSAPP_TEST_LOG"), dir: t.TempDir()}
	c, err := New(testAccount(), Options{DataDir: e.dir, MinBackoff: 5 * time.Millisecond, MaxBackoff: 50 * time.Millisecond,
		Log: e.logs.Logger()})
	if err != nil {
		t.Fatal(err)
	}
	c.open = func() (waClient, func(), error) { return e.fake, func() {}, nil }
	c.pace.sleep = func(context.Context, time.Duration) bool { return true } // no pacing unless a test wants it
	e.c = c
	return e
}

// run starts Run (see conntest.Run; Run must end within 5 seconds of stop) and waits
// for its first connection.
func (e *env) run() (stop func() error, done <-chan error) {
	e.t.Helper()
	stop, done = conntest.Run(e.t, e.c, e.sink, 5*time.Second)
	select {
	case <-e.fake.connected:
	case <-time.After(5 * time.Second):
		e.t.Fatal("Run did not connect")
	}
	return stop, done
}

// waitFor polls cond until it holds, or fails the test after 5 seconds.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	conntest.WaitFor(t, 5*time.Second, what, cond)
}

// message is a real-shaped message event from the client, addressed by phone number,
// as whatsmeow dispatches it (the raw message unwrapped).
func message(id string, raw *waE2E.Message) *events.Message {
	return (&events.Message{
		Info: types.MessageInfo{
			MessageSource: types.MessageSource{Chat: clientPN, Sender: clientPN, SenderAlt: clientLID,
				AddressingMode: types.AddressingModePN},
			ID: types.MessageID(id), PushName: "Анна", Type: "text",
			Timestamp: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC),
		},
		RawMessage: raw,
	}).UnwrapRaw()
}

func text(s string) *waE2E.Message { return &waE2E.Message{Conversation: proto.String(s)} }
