package backup

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"salonchat/atomicfile"
)

// mtimeSlack is how far two modification times may differ and still be the same file:
// FAT32 USB sticks keep them to two seconds.
const mtimeSlack = 2 * time.Second

// mirror copies the message files of dataDir (fileDirs) into the same folders under
// dst, only those missing there or differing in size or modification time, and never
// deletes anything from dst. It returns how many files it copied. The folders are
// created even when empty, so that a restore can tell a mirror that was not carried
// along from one that has nothing in it.
func mirror(dataDir, dst string) (copied int, err error) {
	for _, d := range fileDirs {
		if err := os.MkdirAll(filepath.Join(dst, d), 0o700); err != nil {
			return copied, err
		}
	}
	err = walkFiles(dataDir, func(rel, abs string, st fs.FileInfo) error {
		target := filepath.Join(dst, filepath.FromSlash(rel))
		if same(target, st) {
			return nil
		}
		if err := copyFile(abs, target, st.ModTime()); err != nil {
			return err
		}
		copied++
		return nil
	})
	return copied, err
}

// same reports whether the file at p looks like the one st describes.
func same(p string, st fs.FileInfo) bool {
	have, err := os.Stat(p)
	if err != nil {
		return false
	}
	d := have.ModTime().Sub(st.ModTime())
	return have.Size() == st.Size() && d < mtimeSlack && d > -mtimeSlack
}

// copyFile copies src to dst through a synced temporary file and gives it mod as its
// modification time (how the next mirror recognises it).
func copyFile(src, dst string, mod time.Time) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	err = atomicfile.Write(dst, func(f *os.File) error {
		_, err := io.Copy(f, in)
		return err
	})
	if err != nil {
		return err
	}
	if err := os.Chtimes(dst, mod, mod); err != nil && !errors.Is(err, fs.ErrPermission) {
		return err // some network shares refuse to set times: the file is copied anyway
	}
	return nil
}
