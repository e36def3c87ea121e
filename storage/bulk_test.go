package storage_test

import (
	"testing"

	"salonchat/demo"
	"salonchat/inbox"
	"salonchat/inbox/inboxtest"
	"salonchat/storage/storagetest"
)

func TestBulkLoad_Scale(t *testing.T) {
	s := storagetest.Open(t) // checks the file at cleanup
	if err := demo.Scale(s, 2000, 12000, 1); err != nil {
		t.Fatal(err)
	}
	inboxtest.CheckCounts(t, s)
	var msgs int
	err := s.View(func(tx inbox.ReadTx) error {
		return tx.WalkChats(func(c inbox.Chat) error {
			return tx.WalkMessages(c.ID, func(inbox.Message) error { msgs++; return nil })
		})
	})
	if err != nil || msgs != 12000 {
		t.Errorf("after bulk load: %d messages, %v; want 12000", msgs, err)
	}
	// The store takes ordinary writes after a bulk load.
	c := inbox.Chat{Account: 1, Peer: "after-bulk", Name: "Новая"}
	if err := s.Update(func(tx inbox.Tx) error { return tx.PutChat(&c) }); err != nil || c.ID != 2001 {
		t.Errorf("PutChat after bulk load: id %d, %v; want 2001", c.ID, err)
	}
}
