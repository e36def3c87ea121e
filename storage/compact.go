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

// Compact rewrites the store into a new file whose pages are full and which has no free
// pages, and puts it in the place of the old one. bbolt writes its whole freelist at
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

// copyCompacted writes every bucket into a new file at tmp with pages filled to 100 %,
// unsynced until the end (it is not the store until renamed), then syncs it.
func (s *Store) copyCompacted(tmp string) error {
	opts := s.cfg.bolt
	opts.NoSync = true
	dst, err := bolt.Open(tmp, 0o600, &opts)
	if err != nil {
		return err
	}
	if err := bolt.Compact(dst, s.db, compactTxSize); err != nil {
		dst.Close()
		return err
	}
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
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
