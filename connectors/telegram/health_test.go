package telegram_test

import (
	"errors"
	"testing"
	"time"

	"github.com/go-telegram/bot"

	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/telegram/telegramtest"
	"salonchat/inbox"
)

func TestConnector_Health_Unauthorized(t *testing.T) {
	e := newEnv(t, nil)
	_, done := e.run(e.connector())
	e.pushText(42, 1, "Добрый день")
	conntest.WaitFor(t, 5*time.Second, "first message", func() bool { return e.sink.StoredCount() == 1 })
	e.sink.WaitHealth(e.t, inbox.HealthOK, "")

	e.srv.SetToken("123456789:the-new-token-after-revoke") // @BotFather revoked ours
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run keeps polling with a revoked token")
	}
	if conntest.ErrKey(err) != "health.token_invalid" || !errors.Is(err, bot.ErrorUnauthorized) {
		t.Errorf("Run = %v; want an inbox.Error health.token_invalid wrapping Unauthorized", err)
	}
	if h := e.account().Health; h.State != inbox.HealthError || h.Reason != "health.token_invalid" || !h.Broken() {
		t.Errorf("account health %+v; want error health.token_invalid", h)
	}
	calls := e.srv.Calls("getUpdates")
	time.Sleep(300 * time.Millisecond)
	if got := e.srv.Calls("getUpdates"); got != calls {
		t.Errorf("getUpdates called %d more times after 401", got-calls)
	}
}

func TestConnector_Health_NotFound(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.Fail("getUpdates", telegramtest.Failure{Code: 404, Description: "Not Found"})
	_, done := e.run(e.connector())
	select {
	case err := <-done:
		if conntest.ErrKey(err) != "health.bot_not_found" {
			t.Errorf("Run = %v; want health.bot_not_found", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run keeps polling a bot Telegram does not know")
	}
	if h := e.account().Health; h.State != inbox.HealthError || h.Reason != "health.bot_not_found" {
		t.Errorf("account health %+v; want error health.bot_not_found", h)
	}
}

func TestConnector_Health_Outage(t *testing.T) {
	e := newEnv(t, nil)
	stop, _ := e.run(e.connector())
	e.sink.WaitHealth(e.t, inbox.HealthOK, "")

	t.Run("gateway 502", func(t *testing.T) {
		e.srv.SetDown(true)
		e.sink.WaitHealth(e.t, inbox.HealthConnecting, "telegram.health.server_error")
		e.srv.SetDown(false)
		e.sink.WaitHealth(e.t, inbox.HealthOK, "")
		e.pushText(42, 1, "после сбоя")
		conntest.WaitFor(t, 5*time.Second, "message after the outage", func() bool { return e.sink.StoredCount() == 1 })
	})
	t.Run("listener closed", func(t *testing.T) {
		e.srv.Stop()
		e.sink.WaitHealth(e.t, inbox.HealthConnecting, "telegram.health.offline")
		if e.account().Health.Broken() {
			t.Error("a network outage shows the account as broken")
		}
		e.srv.Start()
		e.sink.WaitHealth(e.t, inbox.HealthOK, "")
		e.pushText(42, 2, "снова на связи")
		conntest.WaitFor(t, 5*time.Second, "message after the restart", func() bool { return e.sink.StoredCount() == 2 })
	})
	t.Run("rate limit", func(t *testing.T) {
		e.srv.Fail("getUpdates", telegramtest.Failure{Code: 429, Description: "Too Many Requests: retry after 1", RetryAfter: 1})
		e.pushText(42, 3, "ещё") // ends the poll in flight; the next one gets the 429
		e.sink.WaitHealth(e.t, inbox.HealthConnecting, "telegram.health.rate_limited")
		limited := time.Now()
		e.sink.WaitHealth(e.t, inbox.HealthOK, "")
		if d := time.Since(limited); d < 900*time.Millisecond {
			t.Errorf("polled again after %v; Telegram asked for 1 s", d)
		}
		e.pushText(42, 4, "и ещё")
		conntest.WaitFor(t, 5*time.Second, "messages after the pause", func() bool { return e.sink.StoredCount() == 4 })
	})
	if err := stop(); err != nil {
		t.Errorf("Run = %v", err)
	}
}

func TestConnector_Health_Conflict(t *testing.T) {
	e := newEnv(t, nil)
	conflict := telegramtest.Failure{Code: 409, Description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
	e.srv.Fail("getUpdates", conflict, conflict)
	stop, _ := e.run(e.connector())
	e.sink.WaitHealth(e.t, inbox.HealthError, "health.conflict")
	// The other program stopped: polling recovers by itself.
	e.sink.WaitHealth(e.t, inbox.HealthOK, "")
	e.pushText(42, 1, "Здравствуйте")
	conntest.WaitFor(t, 5*time.Second, "message after the conflict", func() bool { return e.sink.StoredCount() == 1 })
	if err := stop(); err != nil {
		t.Errorf("Run = %v", err)
	}
}

func TestConnector_Run_Twice(t *testing.T) {
	e := newEnv(t, nil)
	c := e.connector()
	e.run(c)
	conntest.WaitFor(t, 5*time.Second, "first poll", func() bool { return e.srv.Calls("getUpdates") > 0 })
	if err := c.Run(t.Context(), e.sink); err == nil {
		t.Error("a second Run of one connector started")
	}
}
