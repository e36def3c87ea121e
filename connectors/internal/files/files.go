// Package files keeps the files of clients' messages on disk for every connector: where
// an account's received files go, safe file names, downloads that never leave a
// half-written file under the final name, and finding an outbound attachment's file.
//
// Received files live in <DataDir>/files/<network>-<account id>/; inbox.Attachment.Path
// holds their path relative to DataDir, with forward slashes.
package files

import (
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"

	"salonchat/atomicfile"
	"salonchat/inbox"
)

// ErrTooBig: the file is over the download limit.
var ErrTooBig = errors.New("file is over the download limit")

// Dir is an account's folder for received files, relative to DataDir with forward
// slashes: "files/telegram-12".
func Dir(network inbox.Network, acc inbox.AccountID) string {
	return path.Join("files", string(network)+"-"+strconv.FormatUint(uint64(acc), 10))
}

// Abs is the path on disk of a stored path: absolute as it is, or relative to dataDir
// with forward slashes (as inbox.Attachment.Path keeps it).
func Abs(dataDir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dataDir, filepath.FromSlash(p))
}

// Stat finds an outbound attachment's file (see Abs) and returns its path on disk. A
// missing file or a folder is an error.
func Stat(dataDir, p string) (string, os.FileInfo, error) {
	p = Abs(dataDir, p)
	st, err := os.Stat(p)
	if err == nil && st.IsDir() {
		err = errors.New("is a folder")
	}
	return p, st, err
}

// Save writes a downloaded file to dst through a temporary file in the same folder, so
// that a half-written file never has the final name; a redelivered file replaces its
// earlier copy. The folder is made readable by this user only: clients' files are
// personal data. fill writes the content; when it or closing the file fails, nothing is
// left on disk and the error is returned as it is.
func Save(dst string, fill func(f *os.File) error) error { return atomicfile.Write(dst, fill) }

// Copy saves what r yields to dst as Save does and returns its size. limit > 0 refuses a
// longer file with ErrTooBig, reading at most one byte past the limit.
func Copy(dst string, r io.Reader, limit int64) (int64, error) {
	if limit > 0 {
		r = io.LimitReader(r, limit+1)
	}
	var n int64
	err := Save(dst, func(f *os.File) error {
		var err error
		n, err = io.Copy(f, r)
		if err == nil && limit > 0 && n > limit {
			err = ErrTooBig
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
