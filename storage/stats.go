package storage

import (
	"os"

	bolt "go.etcd.io/bbolt"
)

// Stats is the store's shape without its content: what a support report says about it.
type Stats struct {
	// Schema is the schema version recorded in the file.
	Schema uint64
	// FileSize is the size of the file in bytes.
	FileSize int64
	// Records counts the keys of each bucket, by bucket name (doc.go lists them).
	Records map[string]int
}

// Stats counts the records of every bucket in one read snapshot. It walks every page of
// the file, so it takes a moment on a large store: call it off the UI goroutine.
func (s *Store) Stats() (Stats, error) {
	st := Stats{Records: map[string]int{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		st.Schema = fileVersion(tx)
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			st.Records[string(name)] = b.Stats().KeyN
			return nil
		})
	})
	if err != nil {
		return st, err
	}
	// The file, not tx.Size: bbolt grows the file ahead of the data it holds.
	info, err := os.Stat(s.Path())
	if err != nil {
		return st, err
	}
	st.FileSize = info.Size()
	return st, nil
}
