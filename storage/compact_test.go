package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

// TestCompact_DropsFreePagesKeepsData builds a store whose bulk transactions leave free
// pages behind, compacts it, and checks that the free pages are gone, the data shrank,
// every record and sequence is kept, pages have room where keys arrive between others,
// and the store takes writes on the same path.
func TestCompact_DropsFreePagesKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "salonchat.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	// Each transaction rewrites the pages of the previous ones that its keys fall in.
	var last inbox.Message
	for round := range 20 {
		err := s.BulkLoad(func(tx inbox.Tx) error {
			for i := range 200 {
				c := inbox.Chat{Account: 1, Peer: inbox.PeerID(fmt.Sprintf("p%d-%d", i, round)), Name: fmt.Sprintf("Анна %d", i*7919%200)}
				if err := tx.PutChat(&c); err != nil {
					return err
				}
				last = inbox.Message{Chat: c.ID, Direction: inbox.DirInbound, Text: "здравствуйте", ExternalID: inbox.ExternalID(fmt.Sprint(round))}
				if err := tx.AppendMessage(&last); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// The file grows in steps of bbolt's AllocSize (16 MiB, sparse), so what shrinks is
	// the size its pages reach (Tx.Size).
	before := dataSize(t, s)
	st := s.db.Stats()
	free := st.FreePageN + st.PendingPageN
	if free < 20 {
		t.Fatalf("%d free pages before Compact; the test needs more", free)
	}
	if err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	after := dataSize(t, s)
	// The copy's own commits free a page or two (old roots and freelists).
	if st := s.db.Stats(); st.FreePageN+st.PendingPageN > 4 {
		t.Errorf("%d free pages after Compact (%d before); want at most 4", st.FreePageN+st.PendingPageN, free)
	}
	if after >= before {
		t.Errorf("pages reach %d bytes after Compact, %d before; want fewer", after, before)
	}
	if _, err := os.Stat(path + ".compact"); !os.IsNotExist(err) {
		t.Errorf("the copy is left beside the store: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
	// Pages that take keys between others keep room for them; append-only ones are full.
	err = s.db.View(func(btx *bolt.Tx) error {
		for _, want := range []struct {
			b        bucket
			min, max float64
		}{{bMsgs, 0.8, 0.92}, {bExt, 0.8, 0.92}, {bMsgChat, 0.97, 1}} {
			st := btx.Bucket(bucketNames[want.b]).Stats()
			if fill := float64(st.LeafInuse) / float64(st.LeafAlloc); fill < want.min || fill > want.max {
				t.Errorf("%s pages %.0f %% full after Compact; want %.0f–%.0f %%", want.b, 100*fill, 100*want.min, 100*want.max)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	m := inbox.Message{Chat: last.Chat, Direction: inbox.DirInbound, Text: "ещё", ExternalID: "after"}
	err = s.Update(func(tx inbox.Tx) error {
		n := 0
		if err := tx.WalkChats(func(inbox.Chat) error { n++; return nil }); err != nil {
			return err
		}
		ids, err := tx.SearchChats("анна 7", 100)
		if n != 4000 || err != nil || len(ids) == 0 {
			return fmt.Errorf("after Compact: %d chats, search %v, %v; want 4000 and matches", n, ids, err)
		}
		got, ok, err := tx.MessageByExternal(last.Chat, last.ExternalID)
		if err != nil || !ok || got != last.ID {
			return fmt.Errorf("MessageByExternal after Compact = %d, %v, %v; want %d", got, ok, err, last.ID)
		}
		return tx.AppendMessage(&m)
	})
	if err != nil {
		t.Fatal(err)
	}
	if seqOfID(uint64(m.ID)) != seqOfID(uint64(last.ID))+1 {
		t.Errorf("first message after Compact has id %d; want %d (the sequence kept)", m.ID, last.ID+1)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(path); err != nil {
		t.Fatalf("reopen after Compact: %v", err)
	}
}

// dataSize is how far into the file the store's pages reach.
func dataSize(t *testing.T, s *Store) (n int64) {
	t.Helper()
	if err := s.db.View(func(btx *bolt.Tx) error { n = btx.Size(); return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}
