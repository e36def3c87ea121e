package storage

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

// tx implements inbox.Tx (and so inbox.ReadTx) over one bbolt transaction. The methods
// below are the helpers the Store's exported methods run inside the transaction they own.
type tx struct {
	b *bolt.Tx
	// fill is the FillPercent for buckets written in a bulk load (0: bbolt's default).
	fill float64
	// A read-only bbolt transaction opens a bucket anew at every Tx.Bucket call, and
	// Bucket.Get makes a cursor per lookup: both allocate. These are opened once.
	buckets [nBuckets]*bolt.Bucket
	getters [nBuckets]*bolt.Cursor
	// The schema-4 id bounds (chatrange.go), read at first use.
	msgBound, dialogBound uint64
}

func newTx(b *bolt.Tx) *tx { return &tx{b: b} }

// bucket returns a bucket created by the schema; setting FillPercent on the handle holds
// for every write through it in this transaction.
func (t *tx) bucket(name bucket) *bolt.Bucket {
	if b := t.buckets[name]; b != nil {
		return b
	}
	b := t.b.Bucket(bucketNames[name])
	if t.fill != 0 {
		b.FillPercent = t.fill
	}
	t.buckets[name] = b
	return b
}

// get looks a key up through the bucket's shared cursor (see cursor).
func (t *tx) get(name bucket, key []byte) []byte { return get(t.cursor(name), key) }

// cursor returns the bucket's shared cursor, for point lookups and for walks that call
// nothing else on the same bucket until they end (no callbacks): a point lookup holds no
// position, so one cursor serves them all.
func (t *tx) cursor(name bucket) *bolt.Cursor {
	c := t.getters[name]
	if c == nil {
		c = t.bucket(name).Cursor()
		t.getters[name] = c
	}
	return c
}

// nextID returns id when set, else the bucket's next sequence. An explicit id above the
// sequence moves the sequence up, so imported ids are never handed out again.
func (t *tx) nextID(b *bolt.Bucket, id uint64) (uint64, error) {
	if id != 0 {
		if id > b.Sequence() {
			if err := b.SetSequence(id); err != nil {
				return 0, err
			}
		}
		return id, nil
	}
	return b.NextSequence()
}

// notFound wraps inbox.ErrNotFound with what was looked for.
func notFound(what string, id uint64) error {
	return fmt.Errorf("%s %d: %w", what, id, inbox.ErrNotFound)
}

// getJSON reads a JSON record by id.
func (t *tx) getJSON(name bucket, id uint64, v any) error {
	raw := t.get(name, u64key(id))
	if raw == nil {
		return notFound(name.String(), id)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%s %d: %w", name, id, err)
	}
	return nil
}

// putJSON writes a JSON record by id.
func (t *tx) putJSON(name bucket, id uint64, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("put %s %d: %w", name, id, err)
	}
	if err := t.bucket(name).Put(u64key(id), raw); err != nil {
		return fmt.Errorf("put %s %d: %w", name, id, err)
	}
	return nil
}

// allJSON decodes every record of a JSON bucket, in id order.
func allJSON[T any](t *tx, name bucket) ([]T, error) {
	var out []T
	err := t.bucket(name).ForEach(func(k, v []byte) error {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("%s %d: %w", name, keyU64(k), err)
		}
		out = append(out, rec)
		return nil
	})
	return out, err
}

// incr adds delta to a counter stored as 8 bytes, deleting it at zero so that the bucket
// holds only live counts.
func incr(b *bolt.Bucket, key []byte, delta int64) error {
	var n int64
	if v := b.Get(key); len(v) == 8 {
		n = int64(keyU64(v))
	}
	n += delta
	if n < 0 {
		return fmt.Errorf("counter %x below zero", key)
	}
	if n == 0 {
		return b.Delete(key)
	}
	return b.Put(key, u64key(uint64(n)))
}
