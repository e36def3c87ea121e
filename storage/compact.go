package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	bolt "go.etcd.io/bbolt"
)

// compactTxSize is how many bytes of keys and values Compact copies per transaction:
// large enough that the copy commits rarely, small enough that its dirty pages stay a
// few times this in memory.
const compactTxSize = 64 << 20

// Compact rewrites the store into a new file that has no free pages and whose pages are
// full but for room for the next writes (compactFill), and puts it in the place of the
// old one. bbolt writes its whole freelist at
// every commit: a store built by several BulkLoad transactions keeps thousands of free
// pages (5 700 on the 1 000 000-message store, 22 MiB) and each durable receive then
// wrote 10–12 pages of freelist beside its own 20. Compact also gives back the space.
//
// The copy is synced before it replaces the file, so a crash leaves either the old file
// or the new one, complete (and maybe a stale copy, removed by the next Compact). No
// other transaction may run meanwhile and no other goroutine may use the Store until it
// returns: it closes and reopens the file. When the reopen fails the Store is closed.
func (s *Store) Compact() error {
	path := s.db.Path()
	tmp := path + ".compact"
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("compact %s: %w", path, err)
	}
	if err := s.copyCompacted(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("compact %s: %w", path, err)
	}
	if err := s.db.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("compact %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		err = fmt.Errorf("compact %s: %w", path, err)
		// The old file is untouched: keep working on it.
		db, rerr := openBolt(path, &s.cfg)
		if rerr != nil {
			return errors.Join(err, rerr)
		}
		s.db = db
		os.Remove(tmp)
		return err
	}
	syncDir(filepath.Dir(path))
	db, err := openBolt(path, &s.cfg)
	if err != nil {
		return fmt.Errorf("compact %s: reopen: %w", path, err)
	}
	s.db = db
	return nil
}

// copyCompacted writes every bucket into a new file at tmp (see compactFill), unsynced
// until the end (it is not the store until renamed), then syncs it.
func (s *Store) copyCompacted(tmp string) error {
	opts := s.cfg.bolt
	opts.NoSync = true
	dst, err := bolt.Open(tmp, 0o600, &opts)
	if err != nil {
		return err
	}
	if err := copyBuckets(dst, s.db, compactTxSize); err != nil {
		dst.Close()
		return err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// compactRoom is the share of each page Compact leaves free in a bucket that takes keys
// between existing ones or values that grow: a chat's next message, its external id, its
// dialog's new preview. bbolt's own Compact fills every page to 100 %, and then the first
// receive into each page split it: about two splits, each a page more to write, per
// received message, until the touched pages were half empty. A tenth of a page holds one
// or two messages or a dozen index keys.
const compactRoom = 0.1

// compactFull are the buckets whose new keys only ever come after the last one (ids from
// a sequence, never rewritten): room in their pages would never be used.
var compactFull = map[string]bool{bMsgChat.String(): true}

func compactFill(name []byte) float64 {
	if compactFull[string(name)] {
		return 1.0
	}
	return 1 - compactRoom
}

// copyBuckets copies every bucket of src into dst in key order, with each bucket's
// sequence, committing about every txSize bytes of keys and values. Pages are filled as
// compactFill says.
func copyBuckets(dst, src *bolt.DB, txSize int) error {
	return src.View(func(stx *bolt.Tx) error {
		c := &copier{db: dst, max: txSize}
		var err error
		if c.tx, err = dst.Begin(true); err != nil {
			return err
		}
		defer func() { _ = c.tx.Rollback() }()
		err = stx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return c.bucket([][]byte{name}, b)
		})
		if err != nil {
			return err
		}
		return c.tx.Commit()
	})
}

// copier is a write transaction on the copy that commits and begins anew as it fills.
type copier struct {
	db        *bolt.DB
	tx        *bolt.Tx
	size, max int
}

// bucket creates the bucket at path in the copy and copies src's keys into it (nested
// buckets too, though the schema has none).
func (c *copier) bucket(path [][]byte, src *bolt.Bucket) error {
	var parent interface {
		CreateBucket([]byte) (*bolt.Bucket, error)
	} = c.tx
	if len(path) > 1 {
		parent = c.open(path[:len(path)-1])
	}
	b, err := parent.CreateBucket(path[len(path)-1])
	if err != nil {
		return fmt.Errorf("bucket %s: %w", path[len(path)-1], err)
	}
	if err := b.SetSequence(src.Sequence()); err != nil {
		return err
	}
	fill := compactFill(path[0])
	return src.ForEach(func(k, v []byte) error {
		if v == nil {
			return c.bucket(append(path[:len(path):len(path)], k), src.Bucket(k))
		}
		if c.size += len(k) + len(v); c.size > c.max {
			if err := c.tx.Commit(); err != nil {
				return err
			}
			var err error
			if c.tx, err = c.db.Begin(true); err != nil {
				return err
			}
			c.size = len(k) + len(v)
		}
		// A handle's FillPercent lasts for its transaction only, and a commit ends it.
		b := c.open(path)
		b.FillPercent = fill
		return b.Put(k, v)
	})
}

// open returns the copy's bucket at path in the current transaction.
func (c *copier) open(path [][]byte) *bolt.Bucket {
	b := c.tx.Bucket(path[0])
	for _, name := range path[1:] {
		b = b.Bucket(name)
	}
	return b
}

// syncDir makes a rename in dir durable. Windows cannot sync a directory (its rename
// is durable once it returns), so an error is ignored there.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
