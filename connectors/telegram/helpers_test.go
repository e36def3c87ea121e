package telegram_test

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"salonchat/connectors/internal/conntest"
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
	sink *conntest.Sink
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
	e := &env{t: t, srv: srv, svc: svc, acc: acc, sink: conntest.NewSink(svc, acc.ID)}
	logs := conntest.NewLog("TELEGRAM_TEST_LOG")
	e.opts = telegram.Options{
		DataDir:     t.TempDir(),
		Log:         logs.Logger(),
		PollTimeout: time.Second,
		MinBackoff:  10 * time.Millisecond,
		MaxBackoff:  100 * time.Millisecond,
		HTTPClient:  srv.Client(),
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

func (e *env) connector() *telegram.Connector {
	e.t.Helper()
	c, err := telegram.New(e.acc, e.opts)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// run starts c.Run (see conntest.Run); Run must end within 10 seconds of stop.
func (e *env) run(c *telegram.Connector) (stop func() error, done <-chan error) {
	return conntest.Run(e.t, c, e.sink, 10*time.Second)
}

// chat returns the stored chat of a Telegram user.
func (e *env) chat(userID int64) (inbox.Chat, bool) {
	e.t.Helper()
	return e.sink.Chat(e.t, telegram.MakePeerID(userID))
}

// messages returns every stored message of a Telegram user's chat, in order.
func (e *env) messages(userID int64) []inbox.Message {
	e.t.Helper()
	return e.sink.Messages(e.t, telegram.MakePeerID(userID))
}

// account is the account as stored (with the health the connector reported).
func (e *env) account() inbox.Account {
	e.t.Helper()
	return e.sink.Account(e.t)
}

// pushText feeds a text message from a user.
func (e *env) pushText(userID int64, messageID int, text string) int64 {
	return e.srv.Push(fmt.Sprintf(`{"message": {"message_id": %d, "date": 1764072000,
		"from": {"id": %d, "is_bot": false, "first_name": "Клиент", "last_name": "%d"},
		"chat": {"id": %d, "first_name": "Клиент", "last_name": "%d", "type": "private"}, "text": %q}}`,
		messageID, userID, userID, userID, userID, text))
}
