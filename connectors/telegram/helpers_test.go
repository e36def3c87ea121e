package telegram_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"salonchat/connectors/telegram"
	"salonchat/connectors/telegram/telegramtest"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

const testToken = "123456789:AAE-test_token_for_the_fake_server"

// env is a Telegram account on a real inbox.Service over an in-memory store, talking to
// a fake Bot API server.
type env struct {
	t    *testing.T
	srv  *telegramtest.Server
	svc  *inbox.Service
	acc  inbox.Account
	sink *testSink
	opts telegram.Options
}

// newEnv makes an account whose requests all go to the fake; settings add to or replace
// the token setting. Without api_url the connector believes it talks to the public
// server (20 MB downloads, 50 MB uploads).
func newEnv(t *testing.T, settings map[string]string) *env {
	t.Helper()
	srv := telegramtest.NewServer(t, testToken)
	svc := inbox.NewService(inboxtest.NewMemStore())
	s := map[string]string{telegram.SettingToken: testToken}
	maps.Copy(s, settings)
	acc, err := svc.AddAccount(inbox.Account{Network: inbox.Telegram, Title: "Салон в Telegram", Settings: s})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, srv: srv, svc: svc, acc: acc, sink: &testSink{svc: svc, acc: acc.ID}}
	logs := &syncBuffer{}
	e.opts = telegram.Options{
		DataDir:     t.TempDir(),
		Log:         slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		PollTimeout: time.Second,
		MinBackoff:  10 * time.Millisecond,
		MaxBackoff:  100 * time.Millisecond,
		HTTPClient:  srv.Client(),
	}
	if os.Getenv("TELEGRAM_TEST_LOG") != "" {
		logs.echo = true
	}
	// Every test doubles as a check that the log never shows the token (it is in every
	// method's URL and in every file link).
	t.Cleanup(func() {
		if strings.Contains(logs.String(), testToken) || strings.Contains(logs.String(), "/file/bot") {
			t.Errorf("the log shows the token or a file link:\n%s", logs.String())
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

func (e *env) connector() *telegram.Connector {
	e.t.Helper()
	c, err := telegram.New(e.acc, e.opts)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// run starts c.Run; stop cancels it and returns Run's error; done receives Run's error
// when it returns by itself. The test fails if Run does not end at the test's end.
func (e *env) run(c *telegram.Connector) (stop func() error, done <-chan error) {
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

// chat returns the stored chat of a Telegram user.
func (e *env) chat(userID int64) (inbox.Chat, bool) {
	e.t.Helper()
	var c inbox.Chat
	var ok bool
	err := e.svc.Store().View(func(tx inbox.ReadTx) error {
		var err error
		c, ok, err = tx.ChatByPeer(e.acc.ID, telegram.MakePeerID(userID))
		return err
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return c, ok
}

// messages returns every stored message of a Telegram user's chat, in order.
func (e *env) messages(userID int64) []inbox.Message {
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

// testSink is the connectors' manager in miniature: it stores through the Service and
// records health. fail, when set, can refuse a message before it is stored.
type testSink struct {
	svc *inbox.Service
	acc inbox.AccountID

	mu       sync.Mutex
	fail     func(in inbox.Inbound) error
	stored   map[string]int // "peer/ext" → times Receive stored it (not as a duplicate)
	calls    int
	healths  []inbox.Health
	receipts int
}

func (s *testSink) Receive(in inbox.Inbound) (inbox.ReceiveResult, error) {
	s.mu.Lock()
	s.calls++
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
	if !res.Duplicate {
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
	s.receipts++
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

func (s *testSink) storedCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.stored)
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

// pushText feeds a text message from a user.
func (e *env) pushText(userID int64, messageID int, text string) int64 {
	return e.srv.Push(fmt.Sprintf(`{"message": {"message_id": %d, "date": 1764072000,
		"from": {"id": %d, "is_bot": false, "first_name": "Клиент", "last_name": "%d"},
		"chat": {"id": %d, "first_name": "Клиент", "last_name": "%d", "type": "private"}, "text": %q}}`,
		messageID, userID, userID, userID, userID, text))
}

// readTestdata returns a captured update.
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
