package storage_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
	"salonchat/storage"
	"salonchat/storage/storagetest"
)

// TestStore_Backup_WhileReceiving takes a hot backup while goroutines call
// Service.Receive, and checks that the copy is consistent and holds every message whose
// Receive returned before the backup began.
func TestStore_Backup_WhileReceiving(t *testing.T) {
	s := storagetest.Open(t)
	svc := inbox.NewService(s)
	acc, err := svc.AddAccount(inbox.Account{Network: inbox.Telegram, Title: "@lotos_bot"})
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		acked []inbox.ReceiveResult
		stop  = make(chan struct{})
		wg    sync.WaitGroup
	)
	for w := range 6 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				r, err := svc.Receive(inbox.Inbound{Account: acc.ID, Peer: inbox.PeerID(fmt.Sprint(w*10 + i%10)),
					ChatName: "Клиент", ExternalID: inbox.ExternalID(fmt.Sprintf("w%d-%d", w, i)), Text: "Запишите меня на стрижку"})
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				acked = append(acked, r)
				mu.Unlock()
			}
		})
	}
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(acked) >= 200 })
	mu.Lock()
	before := append([]inbox.ReceiveResult(nil), acked...) // all returned before Backup is called
	mu.Unlock()
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(path); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(acked) >= len(before)+100 })
	close(stop)
	wg.Wait()

	if v, err := storage.Verify(path); err != nil || v == 0 {
		t.Fatalf("Verify(backup) = %d, %v", v, err)
	}
	c, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	n := checkConsistent(t, c)
	for _, r := range before {
		if _, err := inbox.NewService(c).Message(r.Message); err != nil {
			t.Errorf("acknowledged message %d missing from the backup: %v", r.Message, err)
		}
	}
	if n < len(before) || n > len(acked) {
		t.Errorf("backup holds %d messages; %d were acknowledged before it, %d in all", n, len(before), len(acked))
	}
	t.Logf("backup holds %d messages; %d acknowledged before it began, %d in all", n, len(before), len(acked))
}

// checkConsistent checks that every message of the store is found through its
// indexes (its dialog, its external id) and that the "Все" counters add up to the
// dialogs listed; it returns the number of messages.
func checkConsistent(t *testing.T, s *storage.Store) (messages int) {
	t.Helper()
	if err := s.Check(); err != nil {
		t.Fatalf("bbolt check: %v", err)
	}
	dialogs := 0
	err := s.View(func(tx inbox.ReadTx) error {
		err := tx.WalkChats(func(c inbox.Chat) error {
			ds, err := tx.DialogsOfChat(c.ID)
			if err != nil {
				return err
			}
			dialogs += len(ds)
			return tx.WalkMessages(c.ID, func(m inbox.Message) error {
				messages++
				if _, err := tx.Dialog(m.Dialog); err != nil {
					return fmt.Errorf("message %d: dialog %d: %w", m.ID, m.Dialog, err)
				}
				if id, ok, err := tx.MessageByExternal(c.ID, m.ExternalID); err != nil || !ok || id != m.ID {
					return fmt.Errorf("message %d by external id %q: %d, %v, %v", m.ID, m.ExternalID, id, ok, err)
				}
				return nil
			})
		})
		if err != nil {
			return err
		}
		counts, err := tx.ClassCounts(inbox.AllOwners)
		if err != nil {
			return err
		}
		total := 0
		for _, n := range counts {
			total += n
		}
		if total != dialogs {
			return fmt.Errorf("counters say %d dialogs, chats have %d", total, dialogs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return messages
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestVerify_RefusesWhatCannotBeRestored(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("это не база данных, а список покупок"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.Verify(junk); !errors.Is(err, storage.ErrNotStore) {
		t.Errorf("Verify(text file) = %v; want ErrNotStore", err)
	}
	if _, err := storage.Verify(filepath.Join(dir, "missing.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Verify(missing) = %v; want not exist", err)
	}
	s := storagetest.Open(t)
	path := filepath.Join(dir, "good.db")
	if err := s.Backup(path); err != nil {
		t.Fatal(err)
	}
	want, _ := s.SchemaVersion()
	if v, err := storage.Verify(path); err != nil || v != want {
		t.Errorf("Verify(fresh backup) = %d, %v; want schema %d", v, err, want)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".backup-*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestVerify_RefusesANewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "salonchat.db")
	s, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("version"), []byte{0, 0, 0, 0, 0, 0, 0, 99})
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if v, err := storage.Verify(path); !errors.Is(err, storage.ErrNewerSchema) || v != 99 {
		t.Errorf("Verify(schema 99) = %d, %v; want ErrNewerSchema", v, err)
	}
}
