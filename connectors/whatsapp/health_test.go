package whatsapp

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/types/events"

	"salonchat/connectors/internal/conntest"
	"salonchat/inbox"
)

// TestRun_HealthTransitions feeds whatsmeow's connection events to the connector's
// handler and checks what the account shows.
func TestRun_HealthTransitions(t *testing.T) {
	e := newEnv(t)
	_, done := e.run()
	steps := []struct {
		evt  any
		want string
	}{
		{&events.Connected{}, "ok "},
		{&events.Disconnected{}, "connecting whatsapp.health.connecting"},
		{&events.Connected{}, "ok "},
		{&events.KeepAliveTimeout{ErrorCount: 2, LastSuccess: time.Now().Add(-time.Minute)}, "connecting whatsapp.health.offline"},
		{&events.KeepAliveRestored{}, "ok "},
	}
	for _, s := range steps {
		e.fake.emit(s.evt)
		waitFor(t, s.want, func() bool { return e.sink.lastHealth() == s.want })
	}
	want := []string{"connecting whatsapp.health.connecting", "ok ", "connecting whatsapp.health.connecting", "ok ",
		"connecting whatsapp.health.offline", "ok "}
	if got := e.sink.healthTrail(); !slices.Equal(got, want) {
		t.Errorf("health trail\n%q\nwant\n%q", got, want)
	}
	select {
	case err := <-done:
		t.Fatalf("Run ended on transient trouble: %v", err)
	default:
	}
}

// TestRun_PermanentDisconnect: an unlinked number, a session taken over and an outdated
// client put the "!" on the account with their reason and end Run.
func TestRun_PermanentDisconnect(t *testing.T) {
	tests := []struct {
		evt    any
		reason string
	}{
		{&events.LoggedOut{OnConnect: false, Reason: events.ConnectFailureLoggedOut}, "whatsapp.logged_out"},
		{&events.LoggedOut{OnConnect: true, Reason: events.ConnectFailureMainDeviceGone}, "whatsapp.logged_out"},
		{&events.StreamReplaced{}, "whatsapp.stream_replaced"},
		{&events.ClientOutdated{}, "whatsapp.client_outdated"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			e := newEnv(t)
			_, done := e.run()
			e.fake.emit(&events.Connected{})
			e.fake.emit(tt.evt)
			select {
			case err := <-done:
				if conntest.ErrKey(err) != tt.reason {
					t.Errorf("Run = %v; want an inbox.Error %s", err, tt.reason)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Run goes on after a permanent disconnect")
			}
			if got := e.sink.lastHealth(); got != "error "+tt.reason {
				t.Errorf("health %q; want error %s", got, tt.reason)
			}
			if n := e.fake.connectCount(); n != 1 {
				t.Errorf("%d connections; want no reconnection after %T", n, tt.evt)
			}
		})
	}
}

// TestRun_TemporaryBan: the ban shows as "!" with its cause and end, and Run connects
// again by itself when it is over.
func TestRun_TemporaryBan(t *testing.T) {
	e := newEnv(t)
	_, done := e.run()
	e.fake.emit(&events.Connected{})
	e.fake.emit(&events.TemporaryBan{Code: events.TempBanSentToTooManyPeople, Expire: 30 * time.Millisecond})
	waitFor(t, "ban health", func() bool { return e.sink.lastHealth() == "error whatsapp.temp_ban.101" })
	select {
	case <-e.fake.connected:
	case err := <-done:
		t.Fatalf("Run ended on a temporary ban: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no new connection after the ban ended")
	}
	e.fake.emit(&events.Connected{})
	waitFor(t, "ok after the ban", func() bool { return e.sink.lastHealth() == "ok " })

	h, _ := HealthOf(&events.TemporaryBan{Code: 104, Expire: 2 * time.Hour})
	if h.State != inbox.HealthError || h.Reason != "whatsapp.temp_ban.104" || !strings.Contains(h.Detail, "ends ") {
		t.Errorf("HealthOf(ban 104) = %+v; want error whatsapp.temp_ban.104 with its end", h)
	}
	if h, _ := HealthOf(&events.TemporaryBan{Code: 999}); h.Reason != "whatsapp.temp_ban" {
		t.Errorf("unknown ban code: reason %q; want whatsapp.temp_ban", h.Reason)
	}
}

// TestRun_ConnectFailure: an unexplained refusal is "!" with its reason; Run tries
// again later.
func TestRun_ConnectFailure(t *testing.T) {
	e := newEnv(t)
	_, _ = e.run()
	e.fake.emit(&events.ConnectFailure{Reason: events.ConnectFailureBadUserAgent, Message: "bad user agent"})
	waitFor(t, "failure health", func() bool { return e.sink.lastHealth() == "error whatsapp.connect_failure" })
	select {
	case <-e.fake.connected:
	case <-time.After(5 * time.Second):
		t.Fatal("no new connection after a connect failure")
	}
	e.fake.emit(&events.Connected{})
	waitFor(t, "ok", func() bool { return e.sink.lastHealth() == "ok " })
}

// TestRun_ConnectErrors: while the websocket cannot even be opened, the account is
// connecting (no "!") and Run retries with backoff.
func TestRun_ConnectErrors(t *testing.T) {
	e := newEnv(t)
	e.fake.connectFn = func(n int) error {
		if n < 4 {
			return errors.New("dial tcp: lookup web.whatsapp.com: no such host")
		}
		return nil
	}
	_, _ = e.run()
	if n := e.fake.connectCount(); n != 4 {
		t.Errorf("%d connection attempts; want 4", n)
	}
	for _, h := range e.sink.healthTrail() {
		if strings.HasPrefix(h, "error") {
			t.Errorf("health %q while offline; want connecting only", h)
		}
	}
	e.fake.emit(&events.Connected{})
	waitFor(t, "ok", func() bool { return e.sink.lastHealth() == "ok " })
}

// TestRun_NotLinked: an account whose device is gone from the session store ends Run
// with "!" at once.
func TestRun_NotLinked(t *testing.T) {
	e := newEnv(t)
	e.c.open = func() (waClient, func(), error) {
		return nil, nil, inbox.Errorf(inbox.CodeInvalid, "whatsapp.logged_out", nil)
	}
	err := e.c.Run(t.Context(), e.sink)
	if conntest.ErrKey(err) != "whatsapp.logged_out" || e.sink.lastHealth() != "error whatsapp.logged_out" {
		t.Errorf("Run = %v, health %q; want whatsapp.logged_out", err, e.sink.lastHealth())
	}
	if _, err := New(inbox.Account{ID: 1, Network: inbox.WhatsApp}, Options{}); conntest.ErrKey(err) != "whatsapp.not_linked" {
		t.Errorf("New without jid = %v; want whatsapp.not_linked", err)
	}
}

func TestHealthOf(t *testing.T) {
	tests := []struct {
		evt  any
		want string
	}{
		{&events.Connected{}, "ok "},
		{&events.Disconnected{}, "connecting whatsapp.health.connecting"},
		{&events.KeepAliveTimeout{ErrorCount: 2}, "connecting whatsapp.health.offline"},
		{&events.LoggedOut{}, "error whatsapp.logged_out"},
		{&events.StreamReplaced{}, "error whatsapp.stream_replaced"},
		{&events.ClientOutdated{}, "error whatsapp.client_outdated"},
		{&events.TemporaryBan{Code: 102}, "error whatsapp.temp_ban.102"},
		{&events.ConnectFailure{Reason: 500}, "error whatsapp.connect_failure"},
	}
	for _, tt := range tests {
		h, ok := HealthOf(tt.evt)
		if !ok || healthLine(h) != tt.want {
			t.Errorf("HealthOf(%T) = %q, %v; want %q", tt.evt, healthLine(h), ok, tt.want)
		}
		if h.Broken() != strings.HasPrefix(tt.want, "error") {
			t.Errorf("HealthOf(%T).Broken() = %v", tt.evt, h.Broken())
		}
	}
	if _, ok := HealthOf(&events.KeepAliveTimeout{ErrorCount: 1}); ok {
		t.Error("one unanswered keep-alive ping changes the health")
	}
	if _, ok := HealthOf(&events.Message{}); ok {
		t.Error("HealthOf(Message) reports a health")
	}
}
