package vk_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"salonchat/connectors/internal/conntest"
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
	sink *conntest.Sink
	opts vk.Options
	logs *conntest.Log
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
	e := &env{t: t, srv: srv, svc: svc, acc: acc, sink: conntest.NewSink(svc, acc.ID), logs: conntest.NewLog("VK_TEST_LOG")}
	e.opts = vk.Options{
		DataDir:    t.TempDir(),
		Log:        e.logs.Logger(),
		PollWait:   time.Second,
		MinBackoff: 10 * time.Millisecond,
		MaxBackoff: 100 * time.Millisecond,
		HTTPClient: srv.Client(),
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

func (e *env) connector() *vk.Connector {
	e.t.Helper()
	c, err := vk.New(e.acc, e.opts)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// run starts c.Run (see conntest.Run); Run must end within 10 seconds of stop.
func (e *env) run(c *vk.Connector) (stop func() error, done <-chan error) {
	return conntest.Run(e.t, c, e.sink, 10*time.Second)
}

// start runs a connector and waits until it listens to the long poll: events pushed
// from then on reach it.
func (e *env) start() (stop func() error, done <-chan error) {
	e.t.Helper()
	stop, done = e.run(e.connector())
	e.sink.WaitHealth(e.t, inbox.HealthOK, "")
	return stop, done
}

// chat returns the stored chat of a VK user.
func (e *env) chat(userID int) (inbox.Chat, bool) {
	e.t.Helper()
	return e.sink.Chat(e.t, vk.MakePeerID(userID))
}

// messages returns every stored message of a VK user's chat, in order.
func (e *env) messages(userID int) []inbox.Message {
	e.t.Helper()
	return e.sink.Messages(e.t, vk.MakePeerID(userID))
}

// account is the account as stored (with the health the connector reported).
func (e *env) account() inbox.Account {
	e.t.Helper()
	return e.sink.Account(e.t)
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

// pushText feeds a text message from a user, as message_new of API 5.131.
func (e *env) pushText(userID, messageID int, text string) int64 {
	return e.srv.Push(fmt.Sprintf(`{"type": "message_new", "object": {"message": {"date": 1764072000,
		"from_id": %d, "id": %d, "out": 0, "attachments": [], "conversation_message_id": %d, "fwd_messages": [],
		"important": false, "is_hidden": false, "peer_id": %d, "random_id": 0, "text": %q},
		"client_info": {"button_actions": ["text", "vkpay", "open_app", "location", "open_link", "callback"],
		"keyboard": true, "inline_keyboard": true, "carousel": true, "lang_id": 0}}}`,
		userID, messageID, messageID, userID, text))
}
