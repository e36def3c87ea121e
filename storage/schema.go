package storage

import (
	"bytes"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

// schemaVersion is the layout this code reads and writes.
const schemaVersion = 4

// migrations brings a file from version v-1 to v. A new layout adds an entry here and
// bumps schemaVersion; each step runs in the same transaction as the version write, so a
// crash leaves the file at the old version or the new one.
//
//	1  the buckets of the first release
//	2  the client list and its name and phone searches, client history, the lead list
//	   by status and its counts: new buckets, built from the client and lead records
//	   (whose JSON only gained fields, read as zero from older records)
//	3  Telegram Business: the connections, deleted and lastin buckets, empty at first;
//	   chat values gained Via and message values Elsewhere at their end, which values
//	   written before decode as empty and false (records.go), so nothing is rewritten
//	4  chat-scoped ids and the chat's range (chatrange.go): new messages, their network
//	   ids and new dialogs go into the chat's range of msgs; what is there stays where it
//	   is, found by ids below the bounds this step records. "Все" merges every owner's
//	   act ranges instead of keeping its own: its entries and counters are deleted
var migrations = map[uint64]func(*bolt.Tx) error{
	1: createBuckets,
	2: indexClientsAndLeads,
	3: createBuckets,
	4: func(tx *bolt.Tx) error {
		if err := recordLegacyBounds(tx); err != nil {
			return err
		}
		return dropAllOwnersIndex(tx)
	},
}

// dropAllOwnersIndex deletes the act entries and counters kept under inbox.AllOwners
// until schema 4. AllOwners is the largest owner key, so they are the tail of each
// bucket.
func dropAllOwnersIndex(tx *bolt.Tx) error {
	for _, b := range []bucket{bAct, bCounters} {
		c := tx.Bucket(bucketNames[b]).Cursor()
		prefix := u64key(inbox.AllOwners)
		for k, _ := c.Seek(prefix); hasPrefix(k, prefix); k, _ = c.Seek(prefix) {
			if err := c.Delete(); err != nil {
				return fmt.Errorf("drop %s entries of every owner: %w", b, err)
			}
		}
	}
	return nil
}

func createBuckets(tx *bolt.Tx) error {
	for _, name := range bucketNames {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// fileVersion reads the schema version; 0 means a new, empty file.
func fileVersion(tx *bolt.Tx) uint64 {
	b := tx.Bucket(bucketNames[bMeta])
	if b == nil {
		return 0
	}
	v := b.Get(kVersion)
	if len(v) != 8 {
		return 0
	}
	return keyU64(v)
}

// migrate runs the migrations a file lacks. It is called only when the version read in
// a read transaction differs, so opening an up-to-date file writes nothing.
func migrate(db *bolt.DB) error {
	return db.Update(func(tx *bolt.Tx) error {
		v := fileVersion(tx)
		if v > schemaVersion {
			return fmt.Errorf("%w: schema version %d, this SalonChat reads up to %d", ErrNewerSchema, v, schemaVersion)
		}
		for v < schemaVersion {
			v++
			if err := migrations[v](tx); err != nil {
				return fmt.Errorf("migrate to %d: %w", v, err)
			}
			if err := tx.Bucket(bucketNames[bMeta]).Put(kVersion, u64key(v)); err != nil {
				return fmt.Errorf("migrate to %d: %w", v, err)
			}
		}
		return nil
	})
}

// indexClientsAndLeads creates the buckets of version 2 and indexes every client and
// lead already in the file. The entries are put in key order: a bbolt node splits only
// at commit, so random inserts into one big transaction would move ever longer arrays.
func indexClientsAndLeads(btx *bolt.Tx) error {
	if err := createBuckets(btx); err != nil {
		return err
	}
	t := newTx(btx)
	entries := map[bucket][]kv{}
	clients, err := t.Clients()
	if err != nil {
		return err
	}
	listed := 0
	for i := range clients {
		k := keysOfClient(&clients[i])
		if k.order == nil {
			continue
		}
		listed++
		entries[bClientOrder] = append(entries[bClientOrder], kv{k.order, []byte{}})
		for _, n := range k.names {
			entries[bClientNames] = append(entries[bClientNames], kv{n, k.order})
		}
		for _, p := range k.phones {
			entries[bClientPhones] = append(entries[bClientPhones], kv{p, k.order})
		}
	}
	leads, err := allJSON[inbox.Lead](t, bLeads)
	if err != nil {
		return err
	}
	counts := map[inbox.LeadStatus]int64{}
	for _, l := range leads {
		// The clientleads entry exists since version 1.
		entries[bLeadStatus] = append(entries[bLeadStatus], kv{leadStatusKey(l.Status, uint64(l.ID)), []byte{}})
		counts[l.Status]++
	}
	for b, kvs := range entries {
		if err := putSorted(t.bucket(b), kvs); err != nil {
			return fmt.Errorf("index %s: %w", b, err)
		}
	}
	for st, n := range counts {
		if err := incr(t.bucket(bLeadCounts), append([]byte(st), 0), n); err != nil {
			return err
		}
	}
	return incr(t.bucket(bMeta), kClients, int64(listed))
}

// putSorted puts entries in key order.
func putSorted(b *bolt.Bucket, entries []kv) error {
	slices.SortFunc(entries, func(x, y kv) int { return bytes.Compare(x.k, y.k) })
	for _, e := range entries {
		if err := b.Put(e.k, e.v); err != nil {
			return err
		}
	}
	return nil
}
