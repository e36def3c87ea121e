package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"salonchat/atomicfile"
	"salonchat/inbox"
)

// Errors of Verify, for telling a person why a file cannot be restored.
var (
	// ErrNotStore: the file is not a SalonChat store (not bbolt, or no schema version).
	ErrNotStore = errors.New("not a SalonChat store")
	// ErrNewerSchema: the store was written by a newer SalonChat than this one.
	ErrNewerSchema = errors.New("store is from a newer SalonChat")
	// ErrDamaged: bbolt cannot read the file, or its consistency check found broken pages.
	ErrDamaged = errors.New("store file is damaged")
)

// WriteTo writes a consistent copy of the whole store to w: the state as of the moment
// its read transaction begins, while writers go on (bbolt's Tx.WriteTo). Every
// transaction committed before the call is in the copy; none begun after it is.
func (s *Store) WriteTo(w io.Writer) (n int64, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// Backup writes a consistent copy of the store (see WriteTo) to path. The copy goes to
// a temporary file beside path, is synced, and only then renamed to path, so a file at
// path is always complete. The read transaction lasts only as long as the plain copy;
// compress or ship the file afterwards.
func (s *Store) Backup(path string) error {
	err := atomicfile.Write(path, func(f *os.File) error {
		_, err := s.WriteTo(f)
		return err
	})
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// Verify checks, without changing it, that the file at path is a SalonChat store this
// version can open: a bbolt file, a schema version from 1 to the current one, and pages
// that pass bbolt's consistency check. It returns the file's schema version. The errors
// wrap ErrNotStore, ErrNewerSchema or ErrDamaged; a file held by a running SalonChat
// wraps inbox.ErrInUse.
func Verify(path string) (schema uint64, err error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	switch {
	case errors.Is(err, bolterrors.ErrTimeout):
		return 0, fmt.Errorf("verify %s: %w (%w)", path, inbox.ErrInUse, err)
	case errors.Is(err, os.ErrNotExist):
		return 0, fmt.Errorf("verify %s: %w", path, err)
	case err != nil:
		return 0, fmt.Errorf("verify %s: %w (%w)", path, ErrNotStore, err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		schema = fileVersion(tx)
		switch {
		case schema == 0:
			return ErrNotStore
		case schema > schemaVersion:
			return fmt.Errorf("%w: version %d, this SalonChat reads up to %d", ErrNewerSchema, schema, schemaVersion)
		}
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return fmt.Errorf("%w: %w", ErrDamaged, errors.Join(errs...))
		}
		return nil
	})
	if err != nil {
		return schema, fmt.Errorf("verify %s: %w", path, err)
	}
	return schema, nil
}

// CheckFree returns an error wrapping inbox.ErrInUse when another process has the store
// file at path open, after waiting up to wait for it to let go; nil when nobody holds
// it, the file is missing, or it is not a store at all (a damaged file is what a
// restore replaces). It takes a shared lock for a moment and changes nothing.
func CheckFree(path string, wait time.Duration) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: wait})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("open %s: %w (%w)", path, inbox.ErrInUse, err)
	}
	if err == nil {
		db.Close()
	}
	return nil
}
