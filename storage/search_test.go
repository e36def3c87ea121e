package storage_test

import (
	"slices"
	"testing"

	"salonchat/inbox"
	"salonchat/storage/storagetest"
)

// Behaviour of this Store beyond the shared suite.

func TestSearchChats_Words(t *testing.T) {
	s := storagetest.Open(t)
	var a, b inbox.Chat
	update(t, s, func(tx inbox.Tx) error {
		a = inbox.Chat{Account: 1, Peer: "a", Name: "Семён Ёлкин", Username: "sema_elk"}
		b = inbox.Chat{Account: 1, Peer: "b", Name: "Анна Семёнова"}
		return firstErr(tx.PutChat(&a), tx.PutChat(&b))
	})
	cases := []struct {
		q    string
		want []inbox.ChatID
	}{
		{"семен", []inbox.ChatID{a.ID, b.ID}},
		{"елкин", []inbox.ChatID{a.ID}},
		{"Ёлк", []inbox.ChatID{a.ID}},
		{"анна сем", []inbox.ChatID{b.ID}},
		{"сем анна", []inbox.ChatID{b.ID}},
		{"elk", []inbox.ChatID{a.ID}},
		{"  ", nil},
	}
	view(t, s, func(tx inbox.ReadTx) error {
		for _, c := range cases {
			got, err := tx.SearchChats(c.q, 10)
			if err != nil {
				return err
			}
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("SearchChats(%q) = %v; want %v", c.q, got, c.want)
			}
		}
		return nil
	})
}

func TestPutChat_PeerTaken(t *testing.T) {
	s := storagetest.Open(t)
	err := s.Update(func(tx inbox.Tx) error {
		a, b := inbox.Chat{Account: 1, Peer: "p"}, inbox.Chat{Account: 1, Peer: "p"}
		return firstErr(tx.PutChat(&a), tx.PutChat(&b))
	})
	if err == nil {
		t.Error("two chats with one peer on one account: nil error")
	}
}

func TestSetDelivery_IndexesNetworkID(t *testing.T) {
	s := storagetest.Open(t)
	var m inbox.Message
	update(t, s, func(tx inbox.Tx) error {
		c := inbox.Chat{Account: 1, Peer: "p"}
		if err := tx.PutChat(&c); err != nil {
			return err
		}
		m = inbox.Message{Chat: c.ID, Direction: inbox.DirOutbound, Delivery: &inbox.Delivery{State: inbox.Queued}}
		if err := tx.AppendMessage(&m); err != nil {
			return err
		}
		return tx.SetDelivery(m.ID, inbox.Delivery{State: inbox.Sent, ExternalID: "wamid.1"})
	})
	view(t, s, func(tx inbox.ReadTx) error {
		id, ok, err := tx.MessageByExternal(m.Chat, "wamid.1")
		if !ok || id != m.ID {
			t.Errorf("MessageByExternal(sent id) = %d, %v; want %d", id, ok, m.ID)
		}
		return err
	})
}

func TestDialogs_MineWithoutOperator(t *testing.T) {
	s := storagetest.Open(t)
	update(t, s, func(tx inbox.Tx) error {
		c := inbox.Chat{Account: 1, Peer: "p"}
		if err := tx.PutChat(&c); err != nil {
			return err
		}
		return tx.PutDialog(&inbox.Dialog{Chat: c.ID, Status: inbox.DialogOpen, Awaiting: true})
	})
	view(t, s, func(tx inbox.ReadTx) error {
		rows, _, err := tx.Dialogs(inbox.Filter{Owner: inbox.OwnerMine}, inbox.ListCursor{}, 10)
		if len(rows) != 0 {
			t.Errorf("Мои without an operator lists %d rows; want none", len(rows))
		}
		return err
	})
}

func update(t testing.TB, s inbox.Store, fn func(inbox.Tx) error) {
	t.Helper()
	if err := s.Update(fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

func view(t testing.TB, s inbox.Store, fn func(inbox.ReadTx) error) {
	t.Helper()
	if err := s.View(fn); err != nil {
		t.Fatalf("View: %v", err)
	}
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
