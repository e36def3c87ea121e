package backup

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// syncExtra brings the extra folder up to date with the local backups: every kept
// local backup missing there (or of another size) is copied, the message files are
// mirrored, and the folder's own backups are rotated. The folder must exist; it is
// never created (see the package doc).
func syncExtra(extra, local, dataDir string, loc *time.Location) error {
	st, err := os.Stat(extra)
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s: not a folder: %w", extra, os.ErrNotExist)
	}
	bs, err := list(local, loc)
	if err != nil {
		return err
	}
	// Oldest first: if the disk fills up halfway, the older copies are there and the
	// newest is what the next attempt brings.
	for i := len(bs) - 1; i >= 0; i-- {
		b := bs[i]
		dst := filepath.Join(extra, b.Name)
		if have, err := os.Stat(dst); err == nil && have.Size() == b.Size {
			continue
		}
		src, err := os.Stat(b.Path)
		if errors.Is(err, os.ErrNotExist) {
			continue // rotated away meanwhile
		}
		if err != nil {
			return err
		}
		if err := copyFile(b.Path, dst, src.ModTime()); err != nil {
			return err
		}
	}
	if _, err := mirror(dataDir, extra); err != nil {
		return err
	}
	_, err = prune(extra, loc)
	return err
}
