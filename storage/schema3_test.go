package storage

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

// writeV2 makes a file as schema version 2 left it: a chat and two messages in the
// layouts of that time (no Via, no Elsewhere at their ends) and no business buckets.
func writeV2(t *testing.T, path string) (inbox.Chat, []inbox.Message) {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	c := inbox.Chat{Account: 1, Network: inbox.Telegram, Peer: "42", Name: "Анна", Created: at}
	ms := []inbox.Message{
		{Direction: inbox.DirInbound, At: at, ExternalID: "1", Text: "Здравствуйте"},
		{Direction: inbox.DirSystem, At: at, System: &inbox.SystemEvent{Kind: inbox.SysTaken, Operator: 1, OperatorName: "Марина"}},
	}
	err = s.Update(func(tx inbox.Tx) error {
		if err := tx.PutChat(&c); err != nil {
			return err
		}
		d := inbox.Dialog{Chat: c.ID, Status: inbox.DialogOpen, LastActivity: at}
		if err := tx.PutDialog(&d); err != nil {
			return err
		}
		for i := range ms {
			ms[i].Chat, ms[i].Dialog = c.ID, d.ID
			if err := tx.AppendMessage(&ms[i]); err != nil {
				return err
			}
		}
		return nil
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(btx *bolt.Tx) error {
		// Both new fields were written as one byte (an empty string, false): cut it off.
		cut := func(b bucket, k []byte) error {
			bk := btx.Bucket(bucketNames[b])
			v := bk.Get(k)
			return bk.Put(k, append([]byte(nil), v[:len(v)-1]...))
		}
		errs := []error{cut(bChats, u64key(uint64(c.ID)))}
		for _, m := range ms {
			errs = append(errs, cut(bMsgs, pair(uint64(c.ID), uint64(m.ID))))
		}
		for _, b := range []bucket{bConnections, bDeleted, bLastIn} {
			errs = append(errs, btx.DeleteBucket(bucketNames[b]))
		}
		errs = append(errs, btx.Bucket(bucketNames[bMeta]).Put(kVersion, u64key(2)))
		return errors.Join(errs...)
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, ms
}

// openMigrated opens an older file, which migrates it, and checks it reached the
// current schema version.
func openMigrated(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if v, err := s.SchemaVersion(); err != nil || v != schemaVersion {
		t.Fatalf("SchemaVersion after migration = %d, %v; want %d", v, err, schemaVersion)
	}
	return s
}

func TestOpen_MigratesVersion2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "salonchat.db")
	c, ms := writeV2(t, path)
	s := openMigrated(t, path)
	err := s.View(func(tx inbox.ReadTx) error {
		got, err := tx.Chat(c.ID)
		if err != nil || got.Name != "Анна" || got.Via != "" || !got.Created.Equal(c.Created) {
			t.Errorf("old chat after migration = %+v, %v", got, err)
		}
		page, err := tx.Messages(c.ID, 0, 10)
		if err != nil || len(page) != 2 || page[0].Text != "Здравствуйте" || page[0].Elsewhere ||
			page[1].System == nil || page[1].System.OperatorName != "Марина" || page[1].Elsewhere {
			t.Errorf("old messages after migration = %+v, %v", page, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The new buckets exist and take records.
	err = s.Update(func(tx inbox.Tx) error {
		return errors.Join(tx.PutConnection(inbox.Connection{Account: 1, ID: "bc", Enabled: true}),
			tx.MarkDeleted(ms[0].ID, time.Now()), tx.SetLastInbound(c.ID, time.Now()))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(func(tx inbox.ReadTx) error {
		m, err := tx.Message(ms[0].ID)
		if err != nil || m.Deleted.IsZero() || m.Text != "Здравствуйте" {
			t.Errorf("marked old message = %+v, %v", m, err)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(); err != nil {
		t.Error(err)
	}
}
