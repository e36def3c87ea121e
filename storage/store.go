package storage

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"salonchat/inbox"
)

var _ inbox.Store = (*Store)(nil)

// Store is the bbolt implementation of inbox.Store: one file, one writer at a time,
// readers on consistent snapshots alongside it.
type Store struct {
	db    *bolt.DB
	cfg   config // how the file was opened, for Compact's reopen
	group groupCommit
}

// Option changes how Open opens the file.
type Option func(*config)

type config struct {
	bolt       bolt.Options
	batchDelay time.Duration
	batchSize  int
}

// WithTimeout sets how long Open waits for another process to release the file
// (default one second, so a second SalonChat fails fast instead of hanging).
func WithTimeout(d time.Duration) Option { return func(c *config) { c.bolt.Timeout = d } }

// WithNoSync skips fsync on commit: much faster, and a power loss may lose or corrupt the
// file. Only for tests and throwaway stores.
func WithNoSync() Option { return func(c *config) { c.bolt.NoSync = true } }

// WithBatchDelay sets how long a group commit waits at most for as many callers as its
// previous group had (default defaultBatchDelay; 0 commits what is queued at once; see
// groupCommit).
func WithBatchDelay(d time.Duration) Option { return func(c *config) { c.batchDelay = d } }

// WithBatchSize sets how many callers one Batch transaction takes at most (default
// defaultBatchSize); the rest go in the next one.
func WithBatchSize(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.batchSize = n
		}
	}
}

// Group commit defaults. The size bounds one transaction, so that a burst of callers is
// cut into transactions of a few hundred dirty pages each; the delay only runs while
// fewer callers queue than the previous group had (see groupCommit).
const (
	defaultBatchDelay = 2 * time.Millisecond
	defaultBatchSize  = 64
)

// mmapReserveGiB is the address space the file is mapped with from the start. bbolt maps
// the file anew whenever it outgrows its mapping (doubling up to 1 GiB, then by 1 GiB),
// and the new mapping waits for every read transaction to end: a receive waited 3.5 s for
// the daily backup's read of a 577 MB store. Address space costs no memory (pages are
// mapped as they are read, RSS does not change) on 64-bit Unix, so the file can grow to
// this size without a remap. On Windows bbolt makes the file as big as its mapping, so
// there the mapping keeps bbolt's default; 32-bit systems have no such address space.
const mmapReserveGiB = 8

// Open opens or creates the store file at path and brings its schema up to date. When
// another process holds the file, it fails after the timeout with an error wrapping
// inbox.ErrInUse; a file bbolt cannot read wraps ErrDamaged, and one written by a newer
// SalonChat ErrNewerSchema.
func Open(path string, opts ...Option) (*Store, error) {
	// The array freelist loads in a third of the time of the hashmap one (no maps to
	// build), which matters for the first frame; its slower allocation does not show at
	// the few thousand free pages a store has.
	cfg := config{bolt: bolt.Options{Timeout: time.Second, FreelistType: bolt.FreelistArrayType}, batchDelay: defaultBatchDelay, batchSize: defaultBatchSize}
	if runtime.GOOS != "windows" && math.MaxInt > math.MaxUint32 {
		gib := 1 << 30 // a variable: the product overflows int on 32-bit, where it is not used
		cfg.bolt.InitialMmapSize = mmapReserveGiB * gib
	}
	for _, opt := range opts {
		opt(&cfg)
	}
	db, err := openBolt(path, &cfg)
	if err != nil {
		return nil, err
	}
	return &Store{db: db, cfg: cfg}, nil
}

// openBolt opens the file and brings its schema up to date.
func openBolt(path string, cfg *config) (*bolt.DB, error) {
	db, err := bolt.Open(path, 0o600, &cfg.bolt)
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("open %s: %w (%w)", path, inbox.ErrInUse, err)
	}
	if errors.Is(err, bolterrors.ErrInvalid) || errors.Is(err, bolterrors.ErrChecksum) || errors.Is(err, bolterrors.ErrVersionMismatch) {
		return nil, fmt.Errorf("open %s: %w (%w)", path, ErrDamaged, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	var v uint64
	_ = db.View(func(tx *bolt.Tx) error { v = fileVersion(tx); return nil })
	if v != schemaVersion {
		if err := migrate(db); err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
	}
	return db, nil
}

// Path returns the file the store lives in.
func (s *Store) Path() string { return s.db.Path() }

// Close waits for running transactions and releases the file.
func (s *Store) Close() error { return s.db.Close() }

// View runs fn in a read-only snapshot.
func (s *Store) View(fn func(inbox.ReadTx) error) error {
	return s.db.View(func(btx *bolt.Tx) error { return fn(newTx(btx)) })
}

// Update runs fn in one durable read-write transaction.
func (s *Store) Update(fn func(inbox.Tx) error) error {
	return s.db.Update(func(btx *bolt.Tx) error { return fn(newTx(btx)) })
}

// SchemaVersion returns the schema version recorded in the file.
func (s *Store) SchemaVersion() (v uint64, err error) {
	err = s.db.View(func(tx *bolt.Tx) error { v = fileVersion(tx); return nil })
	return v, err
}

// Check verifies the file's page structure (bbolt's consistency check) and returns every
// problem found, joined.
func (s *Store) Check() error {
	return s.db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
}
