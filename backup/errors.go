package backup

import (
	"errors"
	"io/fs"

	"salonchat/inbox"
	"salonchat/storage"
)

// The errors a person sees are inbox.Errors with keys in backup.*.json; the cause is
// wrapped for the log.

func notBackup(file string, err error) error {
	return &inbox.Error{Code: inbox.CodeInvalid, Key: "backup.not_backup", Args: map[string]any{"File": file}, Err: err}
}

// badStore explains why a backup's database cannot be restored.
func badStore(file string, err error) error {
	key := "backup.damaged"
	switch {
	case errors.Is(err, storage.ErrNewerSchema):
		key = "backup.newer"
	case errors.Is(err, storage.ErrNotStore):
		key = "backup.not_backup"
	}
	return &inbox.Error{Code: inbox.CodeInvalid, Key: key, Args: map[string]any{"File": file}, Err: err}
}

// extraError explains a failure to copy into the extra folder in words an
// administrator can act on: connect the drive, pick a folder they may write to, free
// some space.
func extraError(dir string, err error) error {
	key := "backup.extra_failed"
	switch {
	case errors.Is(err, fs.ErrNotExist):
		key = "backup.extra_missing"
	case errors.Is(err, fs.ErrPermission):
		key = "backup.extra_denied"
	case diskFull(err):
		key = "backup.extra_full"
	}
	return &inbox.Error{Code: inbox.CodeUnavailable, Key: key, Args: map[string]any{"Dir": dir}, Err: err}
}

// localError explains a failed backup into the data folder.
func localError(dir string, err error) error {
	key := "backup.failed"
	if diskFull(err) {
		key = "backup.full"
	}
	return &inbox.Error{Code: inbox.CodeUnavailable, Key: key, Args: map[string]any{"Dir": dir}, Err: err}
}
