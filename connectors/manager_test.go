package connectors

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

// rig is a Service over a MemStore with a Manager whose Telegram factory hands out fake
// connectors, one per account.
type rig struct {
	t     *testing.T
	svc   *inbox.Service
	mgr   *Manager
	mu    sync.Mutex
	fakes map[inbox.AccountID]*inboxtest.Connector
	// prepare, when set, configures each new fake before it runs.
	prepare func(*inboxtest.Connector)
	anna    inbox.Operator
}

func newRig(t *testing.T, prepare func(*inboxtest.Connector)) *rig {
	r := &rig{t: t, svc: inbox.NewService(inboxtest.NewMemStore()), fakes: map[inbox.AccountID]*inboxtest.Connector{}, prepare: prepare}
	var err error
	if r.anna, err = r.svc.AddOperator("Анна"); err != nil {
		t.Fatal(err)
	}
	r.mgr = NewManager(r.svc, NewRegistry(Network{Network: inbox.Telegram, New: r.factory}), nil, WithRetryBase(20*time.Millisecond))
	return r
}

func (r *rig) factory(a inbox.Account) (inbox.Connector, error) {
	if a.Settings["token"] == "bad" {
		return nil, inbox.Errorf(inbox.CodeInvalid, "health.token_invalid", nil)
	}
	c := inboxtest.NewConnector()
	if r.prepare != nil {
		r.prepare(c)
	}
	r.mu.Lock()
	r.fakes[a.ID] = c
	r.mu.Unlock()
	return c, nil
}

func (r *rig) start() {
	if err := r.mgr.Start(context.Background()); err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(r.mgr.Close)
}

func (r *rig) addAccount(token string) inbox.Account {
	a, err := r.svc.AddAccount(inbox.Account{Network: inbox.Telegram, Title: "@bot", Settings: map[string]string{"token": token}})
	if err != nil {
		r.t.Fatal(err)
	}
	return a
}

// fake waits for the running fake connector of an account.
func (r *rig) fake(id inbox.AccountID) *inboxtest.Connector {
	var c *inboxtest.Connector
	eventually(r.t, "connector running", func() bool {
		r.mu.Lock()
		c = r.fakes[id]
		r.mu.Unlock()
		return c != nil && c.Sink() != nil
	})
	return c
}

func (r *rig) delivery(id inbox.MessageID) inbox.Delivery {
	m, err := r.svc.Message(id)
	if err != nil {
		r.t.Fatal(err)
	}
	return *m.Delivery
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestManager_NewAccountReceivesAtOnce(t *testing.T) {
	r := newRig(t, nil)
	r.start()
	a := r.addAccount("good")
	res, err := r.fake(a.ID).Deliver(inbox.Inbound{Peer: "1", ExternalID: "1", Text: "Здравствуйте"})
	if err != nil || res.Dialog == 0 {
		t.Fatalf("Deliver = %+v, %v", res, err)
	}
	eventually(t, "health ok", func() bool {
		as, _ := r.svc.Accounts()
		return as[0].Health.State == inbox.HealthOK
	})
}

func TestManager_BrokenSettingsShowError(t *testing.T) {
	r := newRig(t, nil)
	r.start()
	a := r.addAccount("bad")
	eventually(t, "health error", func() bool {
		as, _ := r.svc.Accounts()
		return as[0].Health.Broken() && as[0].Health.Reason == "health.token_invalid"
	})
	// Fixing the token starts the connector.
	a.Settings = map[string]string{"token": "good"}
	if err := r.svc.UpdateAccount(a); err != nil {
		t.Fatal(err)
	}
	r.fake(a.ID)
}

func TestManager_DisableStops(t *testing.T) {
	r := newRig(t, nil)
	r.start()
	a := r.addAccount("good")
	r.fake(a.ID)
	a.Disabled = true
	if err := r.svc.UpdateAccount(a); err != nil {
		t.Fatal(err)
	}
	eventually(t, "connector stopped", func() bool { _, ok := r.mgr.connector(a.ID); return !ok })
}

func TestOutbox_SendsQueued(t *testing.T) {
	r := newRig(t, nil)
	r.start()
	a := r.addAccount("good")
	res, _ := r.fake(a.ID).Deliver(inbox.Inbound{Peer: "1", ExternalID: "1", Text: "?"})
	m, err := r.svc.Send(r.anna.ID, inbox.Outgoing{Chat: res.Chat, Text: "Ответ"})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "sent", func() bool { return r.delivery(m.ID).State == inbox.Sent })
	if d := r.delivery(m.ID); d.ExternalID != "out-1" {
		t.Errorf("delivery = %+v; want the network's id", d)
	}
	if sent := r.fakes[a.ID].Sent(); len(sent) != 1 || sent[0].Message.Text != "Ответ" || sent[0].Chat.Peer != "1" {
		t.Errorf("connector was asked to send %+v", sent)
	}
}

func TestOutbox_PermanentFailure(t *testing.T) {
	r := newRig(t, func(c *inboxtest.Connector) {
		c.SendFunc = func(inbox.Outbound) (inbox.ExternalID, error) {
			return "", &inbox.SendError{Permanent: true, Reason: "telegram.blocked", Err: errors.New("403")}
		}
	})
	r.start()
	a := r.addAccount("good")
	res, _ := r.fake(a.ID).Deliver(inbox.Inbound{Peer: "1", ExternalID: "1", Text: "?"})
	m, _ := r.svc.Send(r.anna.ID, inbox.Outgoing{Chat: res.Chat, Text: "Ответ"})
	eventually(t, "failed", func() bool { return r.delivery(m.ID).State == inbox.Failed })
	if d := r.delivery(m.ID); d.Reason != "telegram.blocked" {
		t.Errorf("failure reason %q; want telegram.blocked", d.Reason)
	}
}

// A network outage leaves messages queued, in order, and they go out when it returns.
func TestOutbox_RetriesInOrder(t *testing.T) {
	var mu sync.Mutex
	down := true
	r := newRig(t, func(c *inboxtest.Connector) {
		c.SendFunc = func(o inbox.Outbound) (inbox.ExternalID, error) {
			mu.Lock()
			defer mu.Unlock()
			if down {
				return "", errors.New("dial tcp: connection refused")
			}
			return inbox.ExternalID("ok-" + o.Message.Text), nil
		}
	})
	r.start()
	a := r.addAccount("good")
	res, _ := r.fake(a.ID).Deliver(inbox.Inbound{Peer: "1", ExternalID: "1", Text: "?"})
	first, _ := r.svc.Send(r.anna.ID, inbox.Outgoing{Chat: res.Chat, Text: "1"})
	second, _ := r.svc.Send(r.anna.ID, inbox.Outgoing{Chat: res.Chat, Text: "2"})
	time.Sleep(100 * time.Millisecond)
	if s := r.delivery(first.ID).State; s != inbox.Queued {
		t.Fatalf("during the outage: %v; want queued", s)
	}
	for _, o := range r.fakes[a.ID].Sent() {
		if o.Message.ID == second.ID {
			t.Fatal("the second message was tried before the first went out")
		}
	}
	mu.Lock()
	down = false
	mu.Unlock()
	eventually(t, "both sent", func() bool {
		return r.delivery(first.ID).State == inbox.Sent && r.delivery(second.ID).State == inbox.Sent
	})
}

// A message queued before the connectors started (an earlier run, or `salonchat send`)
// goes out once they do.
func TestOutbox_SendsWhatWasQueuedBeforeStart(t *testing.T) {
	r := newRig(t, nil)
	a := r.addAccount("good")
	if err := r.svc.SetHealth(a.ID, inbox.Health{State: inbox.HealthOK}); err != nil {
		t.Fatal(err)
	}
	res, err := r.svc.Receive(inbox.Inbound{Account: a.ID, Peer: "1", ExternalID: "1", Text: "?"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := r.svc.Send(r.anna.ID, inbox.Outgoing{Chat: res.Chat, Text: "Ответ из очереди"})
	if err != nil {
		t.Fatal(err)
	}
	r.start()
	eventually(t, "sent", func() bool { return r.delivery(m.ID).State == inbox.Sent })
}

// A message queued in a business chat is not sent once its connection may no longer
// carry it: it fails with the composer's reason and the connector is never asked.
func TestOutbox_RefusesWhatCannotBeReplied(t *testing.T) {
	allowed := inbox.Connection{ID: "bc1", Username: "lotos_salon", Enabled: true, CanReply: true}
	cases := []struct {
		name   string
		change func(*inbox.Connection)
		reason string
	}{
		{"disabled", func(c *inbox.Connection) { c.Enabled = false }, "send.connection_disabled"},
		{"no reply rights", func(c *inbox.Connection) { c.CanReply = false }, "send.connection_no_reply"},
		{"window closed", func(c *inbox.Connection) { c.ReplyWindow = time.Nanosecond }, "send.reply_window_closed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t, nil)
			a := r.addAccount("good")
			if err := r.svc.SetHealth(a.ID, inbox.Health{State: inbox.HealthOK}); err != nil {
				t.Fatal(err)
			}
			conn := allowed
			conn.Account = a.ID
			res, err := r.svc.Receive(inbox.Inbound{Account: a.ID, Peer: "bc1:42", Via: "bc1", ExternalID: "1", Text: "?"})
			if err != nil {
				t.Fatal(err)
			}
			if err := r.svc.SetConnection(conn); err != nil {
				t.Fatal(err)
			}
			plain, err := r.svc.Receive(inbox.Inbound{Account: a.ID, Peer: "42", ExternalID: "1", Text: "?"})
			if err != nil {
				t.Fatal(err)
			}
			m, err := r.svc.Send(r.anna.ID, inbox.Outgoing{Chat: res.Chat, Text: "Ответ"})
			if err != nil {
				t.Fatal(err)
			}
			other, err := r.svc.Send(r.anna.ID, inbox.Outgoing{Chat: plain.Chat, Text: "Ответ боту"})
			if err != nil {
				t.Fatal(err)
			}
			c.change(&conn)
			if err := r.svc.SetConnection(conn); err != nil {
				t.Fatal(err)
			}
			r.start()
			eventually(t, "failed", func() bool { return r.delivery(m.ID).State == inbox.Failed })
			if d := r.delivery(m.ID); d.Reason != c.reason {
				t.Errorf("failure reason %q; want %s", d.Reason, c.reason)
			}
			eventually(t, "the bot chat's reply sent", func() bool { return r.delivery(other.ID).State == inbox.Sent })
			for _, o := range r.fake(a.ID).Sent() {
				if o.Message.ID == m.ID {
					t.Error("the refused message was handed to the connector")
				}
			}
		})
	}
}

// The manager's sink is a BusinessSink bound to its account.
func TestManager_BusinessSink(t *testing.T) {
	r := newRig(t, nil)
	r.start()
	a := r.addAccount("good")
	bs, ok := r.fake(a.ID).Sink().(inbox.BusinessSink)
	if !ok {
		t.Fatal("the sink is not an inbox.BusinessSink")
	}
	if err := bs.SetConnection(inbox.Connection{ID: "bc1", UserID: "777", Enabled: true, CanReply: true}); err != nil {
		t.Fatal(err)
	}
	conns, err := bs.Connections()
	if err != nil || len(conns) != 1 || conns[0].Account != a.ID || conns[0].UserID != "777" {
		t.Fatalf("Connections = %+v, %v; want the one of account %d", conns, err, a.ID)
	}
	res, err := r.fake(a.ID).Deliver(inbox.Inbound{Peer: "bc1:42", Via: "bc1", ExternalID: "5", Text: "Отмените запись"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)
	if err := bs.Deleted("bc1:42", []inbox.ExternalID{"5", "6"}, at); err != nil {
		t.Fatal(err)
	}
	m, err := r.svc.Message(res.Message)
	if err != nil || !m.Deleted.Equal(at) || m.Text != "Отмените запись" {
		t.Errorf("deleted message = %+v, %v; want marked at %v with its text", m, err, at)
	}
}

// A send in flight when SalonChat quits finishes and is recorded: cut off, it could
// reach the client and still be sent again at the next start.
func TestOutbox_QuitLetsASendInFlightFinish(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	r := newRig(t, func(c *inboxtest.Connector) {
		c.SendContextFunc = func(ctx context.Context, _ inbox.Outbound) (inbox.ExternalID, error) {
			close(started)
			select {
			case <-release:
				return "out-late", nil
			case <-ctx.Done():
				return "", ctx.Err()
			}
		}
	})
	r.start()
	a := r.addAccount("good")
	res, _ := r.fake(a.ID).Deliver(inbox.Inbound{Peer: "1", ExternalID: "1", Text: "?"})
	m, err := r.svc.Send(r.anna.ID, inbox.Outgoing{Chat: res.Chat, Text: "Ответ"})
	if err != nil {
		t.Fatal(err)
	}
	<-started
	closed := make(chan struct{})
	go func() { r.mgr.Close(); close(closed) }()
	time.Sleep(50 * time.Millisecond) // Close has cancelled by now
	close(release)
	<-closed
	if d := r.delivery(m.ID); d.State != inbox.Sent || d.ExternalID != "out-late" {
		t.Errorf("delivery after quit = %+v; want the send that was in flight recorded as sent", d)
	}
}
