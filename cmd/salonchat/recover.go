package main

import (
	"time"

	"salonchat/backup"
	"salonchat/ui"
)

// recover shows, instead of the messenger, why the salon's data cannot be read and the
// copies it can be restored from (ui.ShowRecovery). A restored copy opens as usual,
// and the messenger says how the restore went and where the damaged file was kept.
func (d *desk) recover() *ui.Recovery {
	reason := d.e.tr.T("recovery.reason", map[string]any{"File": d.e.cfg.StorePath()})
	return ui.ShowRecovery(d.app, d.e.tr, ui.RecoveryOptions{DataDir: d.e.cfg.DataDir, Reason: reason,
		Log: d.e.log, Restore: d.restoreDamaged})
}

// restoreDamaged restores the copy at from over an unreadable data folder and opens its
// store (off the UI goroutine); show then starts the session and its window on the UI
// goroutine.
func (d *desk) restoreDamaged(from string) (show func() error, err error) {
	res, err := backup.Restore(d.e.cfg.DataDir, from, time.Now(), d.e.cfg.LockWait)
	if err != nil {
		return nil, err
	}
	d.e.log.Info("restored over unreadable data", "from", from, "kept", res.Kept, "copied", res.Copied)
	store, err := d.openStore(false)
	if err != nil {
		return nil, err
	}
	return func() error {
		s, err := d.start(d.config(false), store, false)
		if err != nil {
			store.Close()
			return err
		}
		d.cur = s
		s.ui.Start()
		s.ui.Restored(res, nil)
		return nil
	}, nil
}
