package vk_test

import (
	"errors"
	"testing"
	"time"

	"github.com/SevereCloud/vksdk/v2/api"

	"salonchat/connectors/internal/conntest"
	"salonchat/connectors/vk/vktest"
	"salonchat/inbox"
)

func TestConnector_Health_TokenRevoked(t *testing.T) {
	e := newEnv(t, nil)
	_, done := e.start()
	e.pushText(anna, 101, "Добрый день")
	conntest.WaitFor(t, 5*time.Second, "first message", func() bool { return e.sink.StoredCount() == 1 })

	// The administrator deleted the key in Управление → Работа с API: VK ends its long
	// poll key, and the new one is refused.
	e.srv.SetToken("vk1.a.the_new_key_made_after_the_old_one_was_deleted_000000000000")
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run keeps polling with a deleted key")
	}
	if conntest.ErrKey(err) != "vk.health.token_invalid" || !errors.Is(err, api.ErrAuth) {
		t.Errorf("Run = %v; want an inbox.Error vk.health.token_invalid wrapping error 5", err)
	}
	if h := e.account().Health; h.State != inbox.HealthError || h.Reason != "vk.health.token_invalid" || !h.Broken() {
		t.Errorf("account health %+v; want error vk.health.token_invalid", h)
	}
	calls := e.srv.Calls("a_check") + e.srv.Calls("groups.getLongPollServer")
	time.Sleep(300 * time.Millisecond)
	if got := e.srv.Calls("a_check") + e.srv.Calls("groups.getLongPollServer"); got != calls {
		t.Errorf("%d more long poll calls after the key was refused", got-calls)
	}
}

// TestConnector_Health_SettingsBroken covers what stops Run at the start: each turns the
// health to error with its reason, and polling never begins.
func TestConnector_Health_SettingsBroken(t *testing.T) {
	cases := []struct {
		name    string
		prepare func(e *env)
		reason  string
	}{
		{"wrong token", func(e *env) { e.srv.SetToken("vk1.a.some_other_community_key_0000000000000000000") }, "vk.health.token_invalid"},
		{"no manage right", func(e *env) {
			e.srv.Fail("groups.setLongPollSettings", vktest.Failure{Code: 15})
		}, "vk.health.no_manage_right"},
		{"group auth refused", func(e *env) {
			e.srv.Fail("groups.setLongPollSettings", vktest.Failure{Code: 27})
		}, "vk.health.no_manage_right"},
		{"community banned", func(e *env) { e.srv.SetDeactivated("banned") }, "vk.health.community_blocked"},
		{"community blocked at the key", func(e *env) {
			e.srv.Fail("groups.getById", vktest.Failure{Code: 5, Message: "User authorization failed: group is blocked."})
		}, "vk.health.community_blocked"},
		{"key of another community", func(e *env) { e.acc.Settings["group"] = "229000002" }, "vk.health.group_mismatch"},
		{"wrong group id", func(e *env) {
			e.srv.Fail("groups.getLongPollServer", vktest.Failure{Code: 100})
		}, "vk.health.group_mismatch"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil)
			c.prepare(e)
			_, done := e.run(e.connector())
			select {
			case err := <-done:
				if conntest.ErrKey(err) != c.reason {
					t.Errorf("Run = %v; want %s", err, c.reason)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Run goes on with broken settings")
			}
			if h := e.account().Health; h.State != inbox.HealthError || h.Reason != c.reason {
				t.Errorf("account health %+v; want error %s", h, c.reason)
			}
			if n := e.srv.Calls("a_check"); n != 0 {
				t.Errorf("%d long poll requests with broken settings", n)
			}
		})
	}
}

func TestConnector_Health_Outage(t *testing.T) {
	e := newEnv(t, nil)
	stop, _ := e.start()

	t.Run("gateway 502", func(t *testing.T) {
		e.srv.SetDown(true)
		e.sink.WaitHealth(e.t, inbox.HealthConnecting, "vk.health.server_error")
		e.srv.SetDown(false)
		e.sink.WaitHealth(e.t, inbox.HealthOK, "")
		e.pushText(anna, 101, "после сбоя")
		conntest.WaitFor(t, 5*time.Second, "message after the outage", func() bool { return e.sink.StoredCount() == 1 })
	})
	t.Run("listener closed", func(t *testing.T) {
		e.srv.Stop()
		e.sink.WaitHealth(e.t, inbox.HealthConnecting, "vk.health.offline")
		if e.account().Health.Broken() {
			t.Error("a network outage shows the account as broken")
		}
		e.srv.Start()
		e.sink.WaitHealth(e.t, inbox.HealthOK, "")
		e.pushText(anna, 102, "снова на связи")
		conntest.WaitFor(t, 5*time.Second, "message after the restart", func() bool { return e.sink.StoredCount() == 2 })
	})
	t.Run("rate limit", func(t *testing.T) {
		e.srv.Fail("a_check", vktest.Failure{Code: 502})
		e.srv.Fail("groups.getLongPollServer", vktest.Failure{Code: 29, Message: "Rate limit reached"})
		e.pushText(anna, 103, "ещё") // ends the poll in flight; the next one gets the 502
		conntest.WaitFor(t, 5*time.Second, "rate limited", func() bool { return e.sink.SawHealth(inbox.HealthConnecting, "vk.health.rate_limited") })
		e.sink.WaitHealth(e.t, inbox.HealthOK, "")
		conntest.WaitFor(t, 5*time.Second, "messages after the pause", func() bool { return e.sink.StoredCount() == 3 })
	})
	t.Run("answer lost", func(t *testing.T) {
		// The next request's answer, carrying the message, is lost on the way back (net/http
		// asks again by itself, or the connector does: the ts has not moved).
		checks := e.srv.Calls("a_check")
		e.srv.Fail("a_check", vktest.Failure{Lost: true})
		conntest.WaitFor(t, 5*time.Second, "the next long poll", func() bool { return e.srv.Calls("a_check") > checks })
		e.pushText(anna, 104, "и ещё")
		conntest.WaitFor(t, 5*time.Second, "message after a lost answer", func() bool { return e.sink.StoredCount() == 4 })
	})
	if err := stop(); err != nil {
		t.Errorf("Run = %v", err)
	}
	if twice := e.sink.StoredTwice(); len(twice) > 0 {
		t.Errorf("stored twice: %v", twice)
	}
}

func TestConnector_Health_APIURLWrong(t *testing.T) {
	e := newEnv(t, nil)
	e.srv.SetDown(true) // an HTML page where the API should be
	e.acc.Settings["api_url"] = e.srv.URL()
	stop, _ := e.run(e.connector())
	e.sink.WaitHealth(e.t, inbox.HealthError, "vk.health.api_url_wrong")
	e.srv.SetDown(false)
	e.sink.WaitHealth(e.t, inbox.HealthOK, "") // it keeps trying slowly, and recovers
	if err := stop(); err != nil {
		t.Errorf("Run = %v", err)
	}
}
