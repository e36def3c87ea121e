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
	if got, ok := st.Records["msgs"]; !ok || got != 0 {
		t.Errorf(`Stats().Records["msgs"] = %d, %v; want 0, present`, got, ok)
	}
	info, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if st.FileSize != info.Size() {
		t.Errorf("Stats().FileSize = %d; want the file's %d", st.FileSize, info.Size())
	}
}
