package backup

import (
	"archive/zip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"salonchat/inbox"
	"salonchat/storage"
)

// StoreFile is the store's file name in the data folder.
const StoreFile = "salonchat.db"

// RestoreResult says what Restore did.
type RestoreResult struct {
	// Kept is where the replaced database went; empty when the folder had none.
	Kept string
	// Copied is how many message files were added to the data folder; KeptFiles lists
	// the existing files that differed and were moved aside for them.
	Copied    int
	KeptFiles []string
	Manifest  Manifest
}

// Restore puts the backup from into the data folder dataDir. It refuses, within wait,
// a folder that a running SalonChat holds; it checks the whole backup before it
// changes anything; the replaced database is kept as salonchat.db.before-restore-<now>;
// message files are added, and a different file of the same name is moved aside, never
// overwritten. Errors are inbox.Errors with translation keys.
func Restore(dataDir, from string, now time.Time, wait time.Duration) (RestoreResult, error) {
	var res RestoreResult
	dbPath := filepath.Join(dataDir, StoreFile)
	if err := storage.CheckFree(dbPath, wait); err != nil {
		return res, err
	}
	a, err := openArchive(from)
	if err != nil {
		return res, err
	}
	defer a.Close()
	res.Manifest = a.m
	if err := a.checkCRC(); err != nil {
		return res, badStore(from, err)
	}
	mirrorDir := filepath.Dir(from)
	if a.m.Files == filesBeside && !hasMirror(mirrorDir) {
		return res, &inbox.Error{Code: inbox.CodeInvalid, Key: "backup.no_files_beside", Args: map[string]any{"File": from, "Dir": mirrorDir}}
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return res, &inbox.Error{Code: inbox.CodeUnavailable, Key: "data.folder_create", Args: map[string]any{"Dir": dataDir}, Err: err}
	}
	tmp := filepath.Join(dataDir, ".restore-"+now.Format(nameLayout)+".db")
	defer os.Remove(tmp) // renamed away on success
	if err := extract(a.db, tmp); err != nil {
		return res, badStore(from, err)
	}
	if _, err := storage.Verify(tmp); err != nil {
		return res, badStore(from, err)
	}
	// Checked again: the copy took a while, and someone may have started SalonChat.
	if err := storage.CheckFree(dbPath, wait); err != nil {
		return res, err
	}
	if res.Kept, err = swapIn(tmp, dbPath, now); err != nil {
		return res, err
	}
	stamp := ".before-restore-" + now.Format(nameLayout)
	if a.m.Files == filesInside {
		err = mergeZip(a.files(), dataDir, stamp, &res)
	} else {
		err = mergeDir(mirrorDir, dataDir, stamp, &res)
	}
	if err != nil {
		return res, &inbox.Error{Code: inbox.CodeUnavailable, Key: "backup.files_restore_failed", Args: map[string]any{"Dir": dataDir}, Err: err}
	}
	return res, nil
}

// hasMirror reports whether dir has the message-file folders a scheduled backup
// mirrors beside itself.
func hasMirror(dir string) bool {
	for _, d := range fileDirs {
		if st, err := os.Stat(filepath.Join(dir, d)); err != nil || !st.IsDir() {
			return false
		}
	}
	return true
}

// swapIn moves the current database aside (when there is one) and the restored one
// into its place; if the second step fails the first is undone.
func swapIn(restored, dbPath string, now time.Time) (kept string, err error) {
	if _, err := os.Stat(dbPath); err == nil {
		kept = freePath(dbPath + ".before-restore-" + now.Format(nameLayout))
		if err := os.Rename(dbPath, kept); err != nil {
			return "", &inbox.Error{Code: inbox.CodeUnavailable, Key: "backup.keep_failed", Args: map[string]any{"File": dbPath}, Err: err}
		}
	}
	if err := os.Rename(restored, dbPath); err != nil {
		if kept != "" {
			_ = os.Rename(kept, dbPath)
		}
		return "", &inbox.Error{Code: inbox.CodeUnavailable, Key: "backup.keep_failed", Args: map[string]any{"File": dbPath}, Err: err}
	}
	return kept, nil
}

// freePath is p, or p-2, p-3… when p exists.
func freePath(p string) string {
	for i, q := 2, p; ; i++ {
		if _, err := os.Lstat(q); errors.Is(err, fs.ErrNotExist) {
			return q
		}
		q = fmt.Sprintf("%s-%d", p, i)
	}
}

// mergeZip adds the archive's message files to dataDir (see place).
func mergeZip(files []*zip.File, dataDir, stamp string, res *RestoreResult) error {
	for _, f := range files {
		dst := filepath.Join(dataDir, filepath.FromSlash(f.Name))
		ok, err := place(dst, int64(f.UncompressedSize64), stamp, res)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := extract(f, dst); err != nil {
			return err
		}
		_ = os.Chtimes(dst, f.Modified, f.Modified)
		res.Copied++
	}
	return nil
}

// mergeDir adds the mirrored message files under dir to dataDir (see place).
func mergeDir(dir, dataDir, stamp string, res *RestoreResult) error {
	return walkFiles(dir, func(rel, abs string, st fs.FileInfo) error {
		dst := filepath.Join(dataDir, filepath.FromSlash(rel))
		ok, err := place(dst, st.Size(), stamp, res)
		if err != nil || !ok {
			return err
		}
		res.Copied++
		return copyFile(abs, dst, st.ModTime())
	})
}

// place makes room for a restored file of size at dst: ok is false when dst already
// holds a file of that size (the same file: stored names carry the message's id);
// a file of another size is moved aside with stamp added to its name.
func place(dst string, size int64, stamp string, res *RestoreResult) (ok bool, err error) {
	st, err := os.Stat(dst)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return true, nil
	case err != nil:
		return false, err
	case st.Size() == size:
		return false, nil
	}
	kept := freePath(dst + stamp)
	if err := os.Rename(dst, kept); err != nil {
		return false, err
	}
	res.KeptFiles = append(res.KeptFiles, kept)
	return true, nil
}
