package main

import (
	"time"

	"fyne.io/fyne/v2"

	"salonchat/backup"
	"salonchat/inbox"
)

// restore replaces the salon's data with the backup at from, from the window (see
// ui.Options.Restore). The store must be closed before its file is replaced (on
// Windows an open file cannot be), so the current session stops completely — its
// window stays, waiting, so that the program is never without one — then backup.Restore
// runs, with all its guarantees, and the folder opens again as a new session whose
// window replaces the old one and tells how it went. A copy that cannot be restored
// changes nothing: the data as it was opens again and the new window shows why.
func (d *desk) restore(from string, done func(error)) {
	if d.switching || d.cur == nil {
		done(&inbox.Error{Code: inbox.CodeUnavailable, Key: "restore.busy"})
		return
	}
	d.switching = true
	old := d.cur
	old.ui.Close() // its store is about to close: no more events applied to the window
	d.closing.Add(1)
	go func() {
		defer d.closing.Done()
		old.stop()
		res, restoreErr := backup.Restore(d.e.cfg.DataDir, from, time.Now(), d.e.cfg.LockWait)
		if restoreErr != nil {
			old.log.Error("restore", "from", from, "err", restoreErr)
		} else {
			old.log.Info("restored", "from", from, "kept", res.Kept, "copied", res.Copied)
		}
		store, err := d.openStore(false)
		fyne.Do(func() {
			d.switching = false
			switch {
			case err != nil:
			case d.cur != old: // quit while restoring
				store.Close()
			default:
				err = d.replace(old, store, false)
			}
			if err != nil {
				done(&inbox.Error{Code: inbox.CodeUnavailable, Key: "restore.reopen_failed",
					Args: map[string]any{"Dir": d.e.cfg.DataDir}, Err: err})
				return
			}
			if d.cur != old && d.cur != nil {
				d.cur.ui.Restored(res, restoreErr)
			}
			done(nil)
		})
	}()
}
