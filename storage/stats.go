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
	// Records counts the keys of each bucket, by bucket name (doc.go lists them); msgs
	// counts messages only, and the chats' ranges' dialogs and network ids are counted
	// as "msgs/dialogs" and "msgs/ext".
	Records map[string]int
}

// Stats counts the records of every bucket in one read snapshot. It walks every page of
// the file, so it takes a moment on a large store: call it off the UI goroutine.
func (s *Store) Stats() (Stats, error) {
	st := Stats{Records: map[string]int{}}
	err := s.db.View(func(tx *bolt.Tx) error {
		st.Schema = fileVersion(tx)
		err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			st.Records[string(name)] = b.Stats().KeyN
			return nil
		})
		if err != nil {
			return err
		}
		n := map[string]int{}
		c := tx.Bucket(bucketNames[bMsgs]).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			switch {
			case isMessageKey(k):
				n["msgs"]++
			case k[16] == rangeDialog:
				n["msgs/dialogs"]++
			default:
				n["msgs/ext"]++
			}
		}
		for _, name := range []string{"msgs", "msgs/dialogs", "msgs/ext"} {
			st.Records[name] = n[name]
		}
		return nil
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
