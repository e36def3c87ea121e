package storage_test

import (
	"os"
	"testing"

	"salonchat/inbox"
	"salonchat/storage/storagetest"
)

func TestStore_Stats(t *testing.T) {
	s := storagetest.Open(t)
	err := s.Update(func(tx inbox.Tx) error {
		for _, title := range []string{"Telegram", "VK"} {
			if err := tx.PutAccount(&inbox.Account{Network: inbox.Telegram, Title: title}); err != nil {
				return err
			}
		}
		c := inbox.Chat{Account: 1, Network: inbox.Telegram, Peer: "42"}
		if err := tx.PutChat(&c); err != nil {
			return err
		}
		d := inbox.Dialog{Chat: c.ID, Status: inbox.DialogOpen}
		if err := tx.PutDialog(&d); err != nil {
			return err
		}
		for _, ext := range []inbox.ExternalID{"1", "2"} {
			if err := tx.AppendMessage(&inbox.Message{Chat: c.ID, Dialog: d.ID, Direction: inbox.DirInbound, ExternalID: ext, Text: "привет"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := s.SchemaVersion()
	if st.Schema != want || st.Schema == 0 {
		t.Errorf("Stats().Schema = %d; want %d", st.Schema, want)
	}
	if got := st.Records["accounts"]; got != 2 {
		t.Errorf(`Stats().Records["accounts"] = %d; want 2`, got)
	}
	// msgs holds the chats' ranges too: its records are told apart.
	for name, want := range map[string]int{"msgs": 2, "msgs/ext": 2, "msgs/dialogs": 1, "dialogs": 0} {
		if got, ok := st.Records[name]; !ok || got != want {
			t.Errorf(`Stats().Records[%q] = %d, %v; want %d, present`, name, got, ok, want)
		}
	}
	info, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if st.FileSize != info.Size() {
		t.Errorf("Stats().FileSize = %d; want the file's %d", st.FileSize, info.Size())
	}
}
