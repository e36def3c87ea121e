package main

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"salonchat/backup"
	"salonchat/inbox"
	"salonchat/storage"
)

// Config is what SalonChat needs to start.
type Config struct {
	// DataDir holds the store and, later, downloaded files.
	DataDir string
	// LockWait is how long to wait for another SalonChat to let go of the store before
	// saying that the folder is in use.
	LockWait time.Duration
	// Demo opens the demo salon's folder (next to DataDir) instead of the salon's own.
	Demo bool
	// Hidden starts the window hidden in the tray: how a start with the system login
	// comes up.
	Hidden bool
}

// storeFile is the store's file name inside the data folder.
const storeFile = "salonchat.db"

// DefaultConfig keeps the data in the user's configuration folder: %APPDATA%\SalonChat
// on Windows, ~/.config/SalonChat on Linux, ~/Library/Application Support/SalonChat on
// macOS.
func DefaultConfig() Config {
	base, err := os.UserConfigDir()
	if err != nil {
		base = "."
	}
	return Config{DataDir: filepath.Join(base, "SalonChat"), LockWait: 900 * time.Millisecond}
}

// StorePath is the store file of the configured data folder.
func (c Config) StorePath() string { return filepath.Join(c.DataDir, storeFile) }

// openStore creates the data folder (readable by this user only) and opens the store in
// it. A store held by another running SalonChat fails after LockWait with an error that
// wraps inbox.ErrInUse.
func openStore(c Config) (*storage.Store, error) {
	if err := os.MkdirAll(c.DataDir, 0o700); err != nil {
		return nil, &inbox.Error{Code: inbox.CodeUnavailable, Key: "data.folder_create",
			Args: map[string]any{"Dir": c.DataDir}, Err: err}
	}
	s, err := storage.Open(c.StorePath(), storage.WithTimeout(c.LockWait))
	switch {
	case errors.Is(err, storage.ErrNewerSchema):
		err = &inbox.Error{Code: inbox.CodeInvalid, Key: "data.newer", Args: map[string]any{"File": c.StorePath()}, Err: err}
	case errors.Is(err, storage.ErrDamaged):
		err = &inbox.Error{Code: inbox.CodeInvalid, Key: "data.damaged",
			Args: map[string]any{"File": c.StorePath(), "Backups": filepath.Join(c.DataDir, backup.Dir)}, Err: err}
	}
	return s, err
}
