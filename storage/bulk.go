package storage

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"salonchat/inbox"
)

// BulkLoad runs fn in one large write transaction tuned for imports: pages are filled to
// 100 % instead of split at half (keys written in order then pack densely) and the commit
// skips fsync; the file is synced once at the end. A crash during BulkLoad may lose what
// it wrote, so use it for imports and generated data that can be redone, and run no other
// writer meanwhile (NoSync is a property of the whole DB).
//
// demo.Scale finds this method by type assertion, so generators stay Store-agnostic.
func (s *Store) BulkLoad(fn func(inbox.Tx) error) error {
	s.db.NoSync = true
	err := s.db.Update(func(btx *bolt.Tx) error {
		t := newTx(btx)
		t.fill = 1.0
		return fn(t)
	})
	s.db.NoSync = false
	if err != nil {
		return err
	}
	if err := s.db.Sync(); err != nil {
		return fmt.Errorf("bulk load sync: %w", err)
	}
	return nil
}
