package inbox_test

import (
	"strconv"
	"testing"
	"time"

	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
)

// t0 is the fixed moment every test starts at.
var t0 = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// env is a Service over a fresh store with a fake clock, two operators and one account
// per network.
type env struct {
	t       testing.TB
	svc     *inbox.Service
	store   inbox.Store
	clock   *inboxtest.Clock
	anna    inbox.Operator
	olga    inbox.Operator
	tg, wa  inbox.Account
	lastExt int
}

// storeMakers are the Stores every rule is checked on.
var storeMakers = map[string]func(t testing.TB) inbox.Store{
	"mem": func(testing.TB) inbox.Store { return inboxtest.NewMemStore() },
}

// forEachStore runs a test once per Store implementation.
func forEachStore(t *testing.T, test func(t *testing.T, e *env)) {
	for name, mk := range storeMakers {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, mk(t))
			test(t, e)
			e.checkCounters()
		})
	}
}

func newEnv(t testing.TB, store inbox.Store) *env {
	t.Helper()
	clock := inboxtest.NewClock(t0)
	e := &env{t: t, store: store, clock: clock, svc: inbox.NewService(store, inbox.WithClock(clock))}
	e.anna = e.must1(e.svc.AddOperator("Анна Петрова"))
	e.olga = e.must1(e.svc.AddOperator("Ольга Смирнова"))
	tg, err := e.svc.AddAccount(inbox.Account{Network: inbox.Telegram, Title: "@lotos_bot"})
	e.must(err)
	wa, err := e.svc.AddAccount(inbox.Account{Network: inbox.WhatsApp, Title: "+7 900 000-00-00"})
	e.must(err)
	e.tg, e.wa = tg, wa
	e.must(e.svc.SetHealth(tg.ID, inbox.Health{State: inbox.HealthOK}))
	e.must(e.svc.SetHealth(wa.ID, inbox.Health{State: inbox.HealthOK}))
	return e
}

func (e *env) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) must1(op inbox.Operator, err error) inbox.Operator {
	e.t.Helper()
	e.must(err)
	return op
}

// receive delivers a client's message from peer on the Telegram account.
func (e *env) receive(peer, text string) inbox.ReceiveResult {
	e.t.Helper()
	e.lastExt++
	return e.receiveExt(inbox.Inbound{Account: e.tg.ID, Peer: inbox.PeerID(peer), ChatName: "Клиент " + peer,
		ExternalID: inbox.ExternalID("m" + strconv.Itoa(e.lastExt)), Text: text})
}

func (e *env) receiveExt(in inbox.Inbound) inbox.ReceiveResult {
	e.t.Helper()
	e.clock.Advance(time.Minute)
	r, err := e.svc.Receive(in)
	e.must(err)
	return r
}

func (e *env) send(op inbox.Operator, chat inbox.ChatID, text string) inbox.Message {
	e.t.Helper()
	e.clock.Advance(time.Minute)
	m, err := e.svc.Send(op.ID, inbox.Outgoing{Chat: chat, Text: text})
	e.must(err)
	return m
}

func (e *env) dialog(id inbox.DialogID) inbox.Dialog {
	e.t.Helper()
	row, err := e.svc.Row(id)
	e.must(err)
	return row.Dialog
}

func (e *env) thread(chat inbox.ChatID) []inbox.Message {
	e.t.Helper()
	ms, err := e.svc.Messages(chat, 0, 1000)
	e.must(err)
	return ms
}

// systemKinds lists the kinds of the system messages of a chat, in order.
func (e *env) systemKinds(chat inbox.ChatID) []inbox.SystemKind {
	var out []inbox.SystemKind
	for _, m := range e.thread(chat) {
		if m.Direction == inbox.DirSystem {
			out = append(out, m.System.Kind)
		}
	}
	return out
}

// tab returns the dialog ids a filter shows, reading every page.
func (e *env) tab(f inbox.Filter) []inbox.DialogID {
	e.t.Helper()
	var ids []inbox.DialogID
	var cur inbox.ListCursor
	for {
		rows, next, err := e.svc.Dialogs(f, cur, 2)
		e.must(err)
		for _, r := range rows {
			ids = append(ids, r.Dialog.ID)
		}
		if next == (inbox.ListCursor{}) {
			return ids
		}
		cur = next
	}
}

// checkCounters compares the store's maintained filter counts with a full recount of
// every dialog, and the lead counts and client list total with a recount of theirs:
// each rule must move both in the same transaction.
func (e *env) checkCounters() {
	e.t.Helper()
	inboxtest.CheckClientCounts(e.t, e.store)
	want := map[uint64]inbox.ClassCounts{inbox.AllOwners: {}, 0: {}, uint64(e.anna.ID): {}, uint64(e.olga.ID): {}}
	err := e.store.View(func(tx inbox.ReadTx) error {
		return tx.WalkChats(func(c inbox.Chat) error {
			ds, err := tx.DialogsOfChat(c.ID)
			for _, d := range ds {
				want[inbox.AllOwners][d.Class()]++
				want[uint64(d.Assignee)][d.Class()]++
			}
			return err
		})
	})
	e.must(err)
	for owner, w := range want {
		var got inbox.ClassCounts
		e.must(e.store.View(func(tx inbox.ReadTx) (err error) {
			got, err = tx.ClassCounts(owner)
			return err
		}))
		for _, cl := range inbox.Classes {
			if got[cl] != w[cl] {
				e.t.Errorf("owner %d class %d: counter %d, recount %d", owner, cl, got[cl], w[cl])
			}
		}
	}
}
