// Package storagetest opens throwaway bbolt stores for tests.
package storagetest

import (
	"path/filepath"
	"testing"

	"salonchat/storage"
)

// Open creates a store in a new temporary folder. At cleanup it runs bbolt's
// consistency check (tx.Check) on the file and closes it.
func Open(t testing.TB, opts ...storage.Option) *storage.Store {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "salonchat.db"), opts...)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Check(); err != nil {
			t.Errorf("bbolt check of %s: %v", s.Path(), err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("close %s: %v", s.Path(), err)
		}
	})
	return s
}
