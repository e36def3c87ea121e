package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"salonchat/backup"
	"salonchat/inbox"
	"salonchat/storage"
)

// runBackup makes a backup of the data folder now: with --out one self-contained zip
// (the store and every message file) to carry elsewhere, without it a backup like the
// daily ones, into backups/ and the extra folder. bbolt admits one process per file, so
// while SalonChat runs on the folder this refuses, and says that the running app makes
// its own backups.
func runBackup(e *env, args []string) int {
	fs := e.flags("backup")
	out := fs.String("out", "", e.tr.T("backup.flag.out"))
	if code, ok := e.parse(fs, args, false); !ok {
		return code
	}
	if err := e.storeExists(); err != nil {
		return e.fail("backup", err)
	}
	store, err := openStore(e.cfg)
	if errors.Is(err, inbox.ErrInUse) {
		fmt.Fprintln(e.stderr, e.tr.Err(err))
		fmt.Fprintln(e.stderr, e.tr.T("backup.app_makes_own", map[string]any{"Dir": filepath.Join(e.cfg.DataDir, backup.Dir)}))
		return exitError
	}
	if err != nil {
		return e.fail("open store", err)
	}
	defer store.Close()
	if *out != "" {
		if err := backup.WriteFile(*out, store, e.cfg.DataDir, time.Now()); err != nil {
			return e.fail("backup", err)
		}
		fmt.Fprintln(e.stdout, e.tr.T("backup.written", map[string]any{"File": *out}))
		return exitOK
	}
	sc := e.backups(store)
	info, err := sc.BackupNow()
	if err != nil {
		return e.fail("backup", err)
	}
	fmt.Fprintln(e.stdout, e.tr.T("backup.written", map[string]any{"File": info.Path}))
	if err := sc.Status().ExtraErr; err != nil {
		fmt.Fprintln(e.stderr, e.tr.Err(err))
	}
	return exitOK
}

// runRestore replaces the data folder's store with a backup (see backup.Restore: it
// refuses while SalonChat runs on the folder and keeps what it replaces), then opens
// the restored store and says what it holds.
func runRestore(e *env, args []string) int {
	fs := e.flags("restore")
	from := fs.String("from", "", e.tr.T("backup.flag.from"))
	if code, ok := e.parse(fs, args, false); !ok {
		return code
	}
	if *from == "" {
		fmt.Fprintln(e.stderr, e.tr.T("cli.setting_required", map[string]any{"Flag": "from"}))
		return exitUsage
	}
	res, err := backup.Restore(e.cfg.DataDir, *from, time.Now(), e.cfg.LockWait)
	if err != nil {
		return e.fail("restore", err)
	}
	if res.Kept != "" {
		fmt.Fprintln(e.stdout, e.tr.T("backup.kept", map[string]any{"File": res.Kept}))
	}
	fmt.Fprintln(e.stdout, e.tr.T("backup.restored", map[string]any{"File": *from, "Dir": e.cfg.DataDir, "Copied": res.Copied}))
	for _, f := range res.KeptFiles {
		fmt.Fprintln(e.stdout, e.tr.T("backup.kept_file", map[string]any{"File": f}))
	}
	store, err := openStore(e.cfg) // brings an older schema up to date
	if err != nil {
		return e.fail("open restored store", err)
	}
	defer store.Close()
	return e.summary(store)
}

// backups is the backup scheduler of the data folder (for the window and serve).
func (e *env) backups(store *storage.Store) *backup.Scheduler {
	return backup.New(store, backup.Options{DataDir: e.cfg.DataDir, Log: e.log.With("part", "backup")})
}

// goRun runs fn(ctx) on a goroutine of its own; wait returns once fn has.
func goRun(ctx context.Context, fn func(context.Context)) (wait func()) {
	done := make(chan struct{})
	go func() { defer close(done); fn(ctx) }()
	return func() { <-done }
}

// storeExists refuses a data folder without a store: a mistyped --data would otherwise
// be backed up as a new, empty store.
func (e *env) storeExists() error {
	if _, err := os.Stat(e.cfg.StorePath()); errors.Is(err, fs.ErrNotExist) {
		return &inbox.Error{Code: inbox.CodeNotFound, Key: "backup.no_store", Args: map[string]any{"Dir": e.cfg.DataDir}, Err: err}
	}
	return nil
}
