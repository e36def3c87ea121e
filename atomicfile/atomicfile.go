// Package atomicfile writes a file so that it is never seen half-written: the content
// goes to a temporary file beside it, is synced, and is renamed into place. A reader
// finds the old content or the whole new one; a crash leaves at most a hidden
// ".<name>-….partial" file, which the backups skip.
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write fills a temporary file in path's folder with fill and, when fill and the sync
// succeed, renames it to path (replacing what was there; os.Rename replaces on Windows
// too). The folder is created readable by this user only: SalonChat's files are clients'
// personal data. On any error nothing is left behind and path is unchanged.
func Write(path string, fill func(*os.File) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*.partial")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // nothing left to remove after a successful rename
	err = fill(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// WriteBytes writes data to path as Write does.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}
