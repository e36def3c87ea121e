package storage_test

import (
	"errors"
	"path/filepath"
	"testing"

	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
	"salonchat/storage"
	"salonchat/storage/storagetest"
)

func TestStore_StoreSuite(t *testing.T) {
	inboxtest.RunStoreSuite(t, func(t testing.TB) inbox.Store { return storagetest.Open(t) })
}

func TestStore_ReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "salonchat.db")
	s, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	c := inbox.Chat{Account: 1, Peer: "p", Name: "Анна Иванова", Phone: "79123456789"}
	d := inbox.Dialog{Status: inbox.DialogOpen, Awaiting: true}
	m := inbox.Message{Direction: inbox.DirInbound, Text: "здравствуйте", ExternalID: "e1"}
	err = s.Update(func(tx inbox.Tx) error {
		if err := tx.PutChat(&c); err != nil {
			return err
		}
		d.Chat, m.Chat = c.ID, c.ID
		if err := tx.PutDialog(&d); err != nil {
			return err
		}
		return tx.AppendMessage(&m)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(); err != nil || v != 4 {
		t.Errorf("SchemaVersion = %d, %v; want 4", v, err)
	}
	err = s.View(func(tx inbox.ReadTx) error {
		got, ok, err := tx.ChatByPeer(1, "p")
		if err != nil || !ok || got.Name != c.Name {
			t.Errorf("ChatByPeer after reopen = %+v, %v, %v", got, ok, err)
		}
		ids, err := tx.SearchChats("иванова", 5)
		if err != nil || len(ids) != 1 {
			t.Errorf("SearchChats after reopen = %v, %v", ids, err)
		}
		counts, err := tx.ClassCounts(inbox.AllOwners)
		if err != nil || counts[inbox.ClassOpenAwaiting] != 1 {
			t.Errorf("ClassCounts after reopen = %v, %v", counts, err)
		}
		msg, err := tx.Message(m.ID)
		if err != nil || msg.Text != m.Text {
			t.Errorf("Message after reopen = %+v, %v", msg, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// New ids continue after the old ones.
	c2 := inbox.Chat{Account: 1, Peer: "p2"}
	if err := s.Update(func(tx inbox.Tx) error { return tx.PutChat(&c2) }); err != nil || c2.ID <= c.ID {
		t.Errorf("chat id after reopen = %d, %v; want above %d", c2.ID, err, c.ID)
	}
}

func TestStore_AppendMessage_UnknownChat(t *testing.T) {
	s := storagetest.Open(t)
	err := s.Update(func(tx inbox.Tx) error {
		return tx.AppendMessage(&inbox.Message{Chat: 99, Direction: inbox.DirInbound})
	})
	if !errors.Is(err, inbox.ErrNotFound) {
		t.Errorf("AppendMessage to a missing chat = %v; want ErrNotFound", err)
	}
}
