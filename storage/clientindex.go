package storage

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

// The client list (clientorder), its name and phone searches (clientnames,
// clientphones) and the count in meta are derived from client records: PutClient moves
// a client's entries from the old record's to the new one's in the same transaction. A
// merged client has none. The name and phone entries hold the client's clientorder key
// as their value, so a search sorts its matches without reading a client.

// clientKeys are the index entries of one client.
type clientKeys struct {
	order  []byte   // ClientSortKey ‖ 0 ‖ id; nil for no client or a merged one
	names  [][]byte // word ‖ 0 ‖ id
	phones [][]byte // digits ‖ 0 ‖ id
}

func keysOfClient(c *inbox.Client) clientKeys {
	if c == nil || c.MergedInto != 0 {
		return clientKeys{}
	}
	id := uint64(c.ID)
	k := clientKeys{order: wordKey(inbox.ClientSortKey(*c), id)}
	for _, w := range inbox.ClientWords(*c) {
		k.names = append(k.names, wordKey(w, id))
	}
	for _, p := range c.Phones {
		if pk := wordKey(p, id); p != "" && !containsKey(k.phones, pk) {
			k.phones = append(k.phones, pk)
		}
	}
	return k
}

func containsKey(ks [][]byte, k []byte) bool {
	for _, x := range ks {
		if string(x) == string(k) {
			return true
		}
	}
	return false
}

// reindexClient replaces old's index entries (old may be nil) by c's.
func (t *tx) reindexClient(old, c *inbox.Client) error {
	before, after := keysOfClient(old), keysOfClient(c)
	if string(before.order) != string(after.order) {
		if err := t.moveOrderKey(before.order, after.order); err != nil {
			return err
		}
	}
	for _, ix := range []struct {
		b             bucket
		before, after [][]byte
	}{{bClientNames, before.names, after.names}, {bClientPhones, before.phones, after.phones}} {
		if err := syncValued(t.bucket(ix.b), ix.before, ix.after, before.order, after.order); err != nil {
			return fmt.Errorf("index %s: %w", ix.b, err)
		}
	}
	return nil
}

// moveOrderKey replaces a client's list entry and keeps the count.
func (t *tx) moveOrderKey(before, after []byte) error {
	b, count := t.bucket(bClientOrder), int64(0)
	if before != nil {
		if err := b.Delete(before); err != nil {
			return err
		}
		count--
	}
	if after != nil {
		if err := b.Put(after, []byte{}); err != nil {
			return err
		}
		count++
	}
	return incr(t.bucket(bMeta), kClients, count)
}

// syncValued is syncKeys for an index whose values are a client's order key: when the
// value changed, every key is written again.
func syncValued(b *bolt.Bucket, before, after [][]byte, oldVal, newVal []byte) error {
	if string(oldVal) == string(newVal) {
		return syncKeys(b, before, after, newVal)
	}
	for _, k := range before {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	for _, k := range after {
		if err := b.Put(k, newVal); err != nil {
			return err
		}
	}
	return nil
}

// clientCount is the number of clients in the list.
func (t *tx) clientCount() int {
	if v := t.bucket(bMeta).Get(kClients); len(v) == 8 {
		return int(keyU64(v))
	}
	return 0
}
