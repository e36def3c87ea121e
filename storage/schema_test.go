package storage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

// writeV1 makes a file as schema version 1 left it: its buckets only, a client and two
// leads in the JSON of that time.
func writeV1(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(btx *bolt.Tx) error {
		for _, name := range bucketNames[:bClientOrder] {
			if _, err := btx.CreateBucket(name); err != nil {
				return err
			}
		}
		put := func(b bucket, k []byte, v string) error { return btx.Bucket(bucketNames[b]).Put(k, []byte(v)) }
		for _, err := range []error{
			put(bClients, u64key(1), `{"ID":1,"Name":"Иванова Мария","Surname":"Иванова","FirstName":"Мария","Phones":["79123456789"],"Email":"","Birthday":"0001-01-01T00:00:00Z","Notes":"","Created":"2025-01-01T00:00:00Z"}`),
			put(bLeads, u64key(1), `{"ID":1,"Client":1,"Name":"Мария","Phone":"","Channel":"telegram","Want":"Маникюр","Desired":"0001-01-01T00:00:00Z","Status":"working","Reason":"","Operator":0,"Created":"2025-01-02T00:00:00Z"}`),
			put(bClientLeads, pair(1, 1), ""),
			put(bLeads, u64key(2), `{"ID":2,"Client":0,"Name":"Дарья","Phone":"79261112233","Channel":"vk","Want":"","Desired":"0001-01-01T00:00:00Z","Status":"rejected","Reason":"Дорого","Operator":0,"Created":"2025-01-03T00:00:00Z"}`),
			put(bClientLeads, pair(0, 2), ""),
			put(bMeta, kVersion, string(u64key(1))),
		} {
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestOpen_MigratesVersion1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "salonchat.db")
	writeV1(t, path)
	s := openMigrated(t, path)
	err := s.View(func(tx inbox.ReadTx) error {
		for _, q := range []string{"", "иванова", "мар", "8 912 345"} {
			p, err := tx.ListClients(q, inbox.ClientCursor{}, 10)
			if err != nil {
				return err
			}
			if p.Total != 1 || len(p.Clients) != 1 || p.Clients[0].Name != "Иванова Мария" {
				t.Errorf("ListClients(%q) after migration = %+v", q, p)
			}
		}
		byPhone, err := tx.ClientsByPhone("79123456789")
		if err != nil || len(byPhone) != 1 {
			t.Errorf("ClientsByPhone after migration = %v, %v", byPhone, err)
		}
		counts, err := tx.LeadCounts()
		if err != nil || counts[inbox.LeadWorking] != 1 || counts[inbox.LeadRejected] != 1 || counts.Total() != 2 {
			t.Errorf("LeadCounts after migration = %v, %v", counts, err)
		}
		rejected, _, err := tx.Leads(inbox.LeadRejected, 0, 10)
		if err != nil || len(rejected) != 1 || rejected[0].Reason != "Дорого" {
			t.Errorf("rejected leads after migration = %+v, %v", rejected, err)
		}
		of, err := tx.LeadsOf(1)
		if err != nil || len(of) != 1 {
			t.Errorf("LeadsOf(1) after migration = %+v, %v", of, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The migrated file takes the new fields and keeps its indexes in step.
	err = s.Update(func(tx inbox.Tx) error {
		c, err := tx.Client(1)
		if err != nil {
			return err
		}
		c.Gender, c.Consent, c.Name = inbox.GenderFemale, true, "Смирнова Мария"
		return tx.PutClient(&c)
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.View(func(tx inbox.ReadTx) error {
		p, err := tx.ListClients("смирнова", inbox.ClientCursor{}, 10)
		if len(p.Clients) != 1 || !p.Clients[0].Consent || p.Clients[0].Gender != inbox.GenderFemale {
			t.Errorf("client after an edit = %+v", p)
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

// TestOpen_MigratesManyClients migrates a file with many clients and leads in one go, as
// a salon's years of cards, and checks the list, a search and the counts.
func TestOpen_MigratesManyClients(t *testing.T) {
	const n = 20_000
	path := filepath.Join(t.TempDir(), "salonchat.db")
	writeV1(t, path)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	surnames := []string{"Иванова", "Петрова", "Сидорова", "Кузнецова"}
	err = db.Update(func(btx *bolt.Tx) error {
		t := newTx(btx)
		for i := range n {
			c := inbox.Client{ID: inbox.ClientID(i + 2), Name: fmt.Sprintf("%s %d", surnames[i%4], i),
				Phones: []string{fmt.Sprintf("79%09d", i*7919)}}
			l := inbox.Lead{ID: inbox.LeadID(i + 3), Client: c.ID, Status: inbox.LeadStatuses[i%4]}
			// Written as version 1 did: the records and the clientleads entry only.
			if err := errors.Join(t.putJSON(bClients, uint64(c.ID), c), t.putJSON(bLeads, uint64(l.ID), l),
				t.bucket(bClientLeads).Put(pair(uint64(c.ID), uint64(l.ID)), []byte{})); err != nil {
				return err
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t.Logf("migrated %d clients and leads in %v", n, time.Since(start))
	err = s.View(func(tx inbox.ReadTx) error {
		all, err := tx.ListClients("", inbox.ClientCursor{}, 3)
		if err != nil || all.Total != n+1 || all.Clients[0].Name != "Иванова 0" {
			t.Errorf("list after migration: total %d, first %+v, %v", all.Total, all.Clients, err)
		}
		found, err := tx.ListClients("сидорова", inbox.ClientCursor{}, 10)
		if err != nil || found.Total != n/4 {
			t.Errorf("search after migration: total %d, %v; want %d", found.Total, err, n/4)
		}
		byPhone, err := tx.ClientsByPhone(fmt.Sprintf("79%09d", 1234*7919))
		if err != nil || len(byPhone) != 1 || byPhone[0].ID != 1236 {
			t.Errorf("ClientsByPhone after migration = %+v, %v", byPhone, err)
		}
		counts, err := tx.LeadCounts()
		if err != nil || counts.Total() != n+2 || counts[inbox.LeadBooked] != n/4 {
			t.Errorf("LeadCounts after migration = %v, %v", counts, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOpen_RefusesNewerAndUnreadableFiles: a file from a newer SalonChat is left as it is
// with ErrNewerSchema, and a file bbolt cannot read (garbage, a truncated copy) with
// ErrDamaged, so the window can say which one it is.
func TestOpen_RefusesNewerAndUnreadableFiles(t *testing.T) {
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	s, err := Open(newer)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketNames[bMeta]).Put(kVersion, u64key(schemaVersion+1))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(newer); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("Open of a file at schema %d = %v; want ErrNewerSchema", schemaVersion+1, err)
	}
	db, err := bolt.Open(newer, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.View(func(tx *bolt.Tx) error {
		if v := fileVersion(tx); v != schemaVersion+1 {
			t.Errorf("the newer file's version became %d; want it untouched", v)
		}
		return nil
	})
	db.Close()

	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, bytes.Repeat([]byte("не база данных "), 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(garbage); !errors.Is(err, ErrDamaged) {
		t.Errorf("Open of a file that is not bbolt = %v; want ErrDamaged", err)
	}
}
