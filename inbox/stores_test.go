package inbox_test

import (
	"path/filepath"
	"testing"

	"salonchat/inbox"
	"salonchat/storage"
)

// The rules are checked on the real bbolt store too: indexes and counters that drift
// from the records would show here as wrong tabs and counts.
func init() {
	storeMakers["bbolt"] = func(t testing.TB) inbox.Store {
		s, err := storage.Open(filepath.Join(t.TempDir(), "salonchat.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := s.Check(); err != nil {
				t.Errorf("bbolt check: %v", err)
			}
			s.Close()
		})
		return s
	}
}
