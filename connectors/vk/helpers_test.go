package vk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"salonchat/connectors/vk"
	"salonchat/connectors/vk/vktest"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

// testToken looks like a community key of VK's current form.
const testToken = "vk1.a.Xb3kQ9_pL2mN7rT5vW8yZ1aC4dF6gH0jK3lM5nP7qR9sT2uV4wX6yZ8aB0cD2eF4gH6iJ8kL0mN2oP4"

// env is a VK account on a real inbox.Service over an in-memory store, talking to a fake
// VK API and long poll server.
type env struct {
	t    *testing.T
	srv  *vktest.Server
	svc  *inbox.Service
	acc  inbox.Account
	sink *testSink
	opts vk.Options
	logs *syncBuffer
}

// newEnv makes an account whose requests all go to the fake; settings add to or replace
// the token and group settings. Without api_url the connector believes it talks to
// api.vk.ru.
func newEnv(t *testing.T, settings map[string]string) *env {
	t.Helper()
	srv := vktest.NewServer(t, testToken)
	svc := inbox.NewService(inboxtest.NewMemStore())
	s := map[string]string{vk.SettingToken: testToken, vk.SettingGroup: strconv.Itoa(vktest.GroupID)}
	maps.Copy(s, settings)
	acc, err := svc.AddAccount(inbox.Account{Network: inbox.VK, Title: "Салон во ВКонтакте", Settings: s})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, srv: srv, svc: svc, acc: acc, sink: &testSink{svc: svc, acc: acc.ID}, logs: &syncBuffer{}}
	e.opts = vk.Options{
		DataDir:    t.TempDir(),
		Log:        slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		PollWait:   time.Second,
		MinBackoff: 10 * time.Millisecond,
		MaxBackoff: 100 * time.Millisecond,
		HTTPClient: srv.Client(),
	}
	if os.Getenv("VK_TEST_LOG") != "" {
		e.logs.echo = true
	}
	// Every test doubles as a check that the log never shows the token, a long poll key
	// or a file link, and that the token never travelled in a form.
	t.Cleanup(func() {
		l := e.logs.String()
		if strings.Contains(l, testToken) || strings.Contains(l, "lpkey") || strings.Contains(l, "/files/") || strings.Contains(l, "/doc/") {
			t.Errorf("the log shows the token, a long poll key or a file link:\n%s", l)
		}
		if srv.BodyToken() {
			t.Error("an access_token travelled in a form or a query")
		}
		for _, v := range srv.Versions() {
			if v != vktest.APIVersion {
				t.Errorf("a call asked for API version %q", v)
			}
		}
	})
	return e
}

// syncBuffer collects log output from many goroutines.
type syncBuffer struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	echo bool
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.echo {
		os.Stderr.Write(p)
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (e *env) connector() *vk.Connector {
	e.t.Helper()
	c, err := vk.New(e.acc, e.opts)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// run starts c.Run; stop cancels it and returns Run's error; done receives Run's error
// when it returns by itself. The test fails if Run does not end at the test's end.
func (e *env) run(c *vk.Connector) (stop func() error, done <-chan error) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan error, 1)
	finished := make(chan struct{})
	var err error
	go func() {
		err = c.Run(ctx, e.sink)
		close(finished)
		ch <- err
	}()
	stop = func() error {
		cancel()
		select {
		case <-finished:
		case <-time.After(10 * time.Second):
			e.t.Fatal("Run did not return after its context ended")
		}
		return err
	}
	e.t.Cleanup(func() { stop() })
	return stop, ch
}

// start runs a connector and waits until it listens to the long poll: events pushed
// from then on reach it.
func (e *env) start() (stop func() error, done <-chan error) {
	e.t.Helper()
	stop, done = e.run(e.connector())
	e.waitHealth(inbox.HealthOK, "")
	return stop, done
}

// chat returns the stored chat of a VK user.
func (e *env) chat(userID int) (inbox.Chat, bool) {
	e.t.Helper()
	var c inbox.Chat
	var ok bool
	err := e.svc.Store().View(func(tx inbox.ReadTx) error {
		var err error
		c, ok, err = tx.ChatByPeer(e.acc.ID, vk.MakePeerID(userID))
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return c, ok
}

// messages returns every stored message of a VK user's chat, in order.
func (e *env) messages(userID int) []inbox.Message {
	e.t.Helper()
	c, ok := e.chat(userID)
	if !ok {
		return nil
	}
	ms, err := e.svc.Messages(c.ID, 0, 1_000_000)
	if err != nil {
		e.t.Fatal(err)
	}
	return ms
}

// account is the account as stored (with the health the connector reported).
func (e *env) account() inbox.Account {
	e.t.Helper()
	accs, err := e.svc.Accounts()
	if err != nil {
		e.t.Fatal(err)
	}
	for _, a := range accs {
		if a.ID == e.acc.ID {
			return a
		}
	}
	e.t.Fatalf("account %d not found", e.acc.ID)
	return inbox.Account{}
}

// savedTs is the long poll position in the state file ("" without one).
func (e *env) savedTs() string {
	e.t.Helper()
	b, err := os.ReadFile(filepath.Join(e.opts.DataDir, "state", fmt.Sprintf("vk-%d.ts", e.acc.ID)))
	if errors.Is(err, os.ErrNotExist) {
		return ""
	}
	if err != nil {
		e.t.Fatal(err)
	}
	var f struct {
		Ts string `json:"ts"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		e.t.Fatal(err)
	}
	return f.Ts
}

// testSink is the connectors' manager in miniature: it stores through the Service and
// records health. fail, when set, can refuse a message before it is stored.
type testSink struct {
	svc *inbox.Service
	acc inbox.AccountID

	mu       sync.Mutex
	fail     func(in inbox.Inbound) error
	stored   map[string]int // "peer/ext" → times Receive stored it (not as a duplicate)
	dups     int
	healths  []inbox.Health
	receipts []string // "peer/ext/state"
}

func (s *testSink) Receive(in inbox.Inbound) (inbox.ReceiveResult, error) {
	s.mu.Lock()
	fail := s.fail
	s.mu.Unlock()
	if fail != nil {
		if err := fail(in); err != nil {
			return inbox.ReceiveResult{}, err
		}
	}
	in.Account = s.acc
	res, err := s.svc.Receive(in)
	if err != nil {
		return res, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stored == nil {
		s.stored = map[string]int{}
	}
	if res.Duplicate {
		s.dups++
	} else {
		s.stored[string(in.Peer)+"/"+string(in.ExternalID)]++
	}
	return res, nil
}

func (s *testSink) SetHealth(h inbox.Health) {
	s.mu.Lock()
	s.healths = append(s.healths, h)
	s.mu.Unlock()
	s.svc.SetHealth(s.acc, h)
}

func (s *testSink) Receipt(peer inbox.PeerID, ext inbox.ExternalID, state inbox.DeliveryState) {
	s.mu.Lock()
	s.receipts = append(s.receipts, fmt.Sprintf("%s/%s/%d", peer, ext, state))
	s.mu.Unlock()
	s.svc.Receipt(s.acc, peer, ext, state)
}

func (s *testSink) setFail(f func(inbox.Inbound) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail = f
}

// isStored reports whether a message was stored (by any Run).
func (s *testSink) isStored(peer inbox.PeerID, ext inbox.ExternalID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stored[string(peer)+"/"+string(ext)] > 0
}

// storedCount is how many distinct messages and edits were stored.
func (s *testSink) storedCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.stored)
}

// storedTwice lists what was stored more than once (never, with the store's dedup).
func (s *testSink) storedTwice() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for k, n := range s.stored {
		if n > 1 {
			out = append(out, k)
		}
	}
	return out
}

func (s *testSink) health() inbox.Health {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.healths) == 0 {
		return inbox.Health{State: -1}
	}
	return s.healths[len(s.healths)-1]
}

func (s *testSink) sawHealth(state inbox.HealthState, reason string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, h := range s.healths {
		if h.State == state && h.Reason == reason {
			return true
		}
	}
	return false
}

// waitHealth waits until the last reported health has this state and reason.
func (e *env) waitHealth(state inbox.HealthState, reason string) {
	e.t.Helper()
	waitFor(e.t, 10*time.Second, fmt.Sprintf("health %d %q", state, reason), func() bool {
		h := e.sink.health()
		return h.State == state && h.Reason == reason
	})
}

// waitFor polls cond until it holds or the time is up.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// pushText feeds a text message from a user, as message_new of API 5.131.
func (e *env) pushText(userID, messageID int, text string) int64 {
	return e.srv.Push(fmt.Sprintf(`{"type": "message_new", "object": {"message": {"date": 1764072000,
		"from_id": %d, "id": %d, "out": 0, "attachments": [], "conversation_message_id": %d, "fwd_messages": [],
		"important": false, "is_hidden": false, "peer_id": %d, "random_id": 0, "text": %q},
		"client_info": {"button_actions": ["text", "vkpay", "open_app", "location", "open_link", "callback"],
		"keyboard": true, "inline_keyboard": true, "carousel": true, "lang_id": 0}}}`,
		userID, messageID, messageID, userID, text))
}

// readTestdata returns a captured event.
func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// errKey is the translation key of an error, "" for nil.
func errKey(err error) string {
	if err == nil {
		return ""
	}
	var e *inbox.Error
	if errors.As(err, &e) {
		return e.Key
	}
	return "(no key: " + err.Error() + ")"
}
