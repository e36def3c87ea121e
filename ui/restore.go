package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"salonchat/backup"
	"salonchat/i18n"
)

// restoreButton is a kept copy's «Восстановить…»; nil when the caller cannot restore
// in the window (Options.Restore nil).
func (w *backupsWindow) restoreButton(b backup.Info) *widget.Button {
	if w.u.opts.Restore == nil {
		return nil
	}
	return widget.NewButton(w.u.tr.T("restore.button"), func() { w.confirmRestore(b.Path, b.Created) })
}

// confirmRestore says in plain words what restoring the copy at path, made at created,
// does before it does it: the data becomes the copy's, the current data is kept aside,
// messages that came after the copy stay only in the kept file, and SalonChat reopens
// by itself.
func (w *backupsWindow) confirmRestore(path string, created time.Time) {
	text := w.u.tr.T("restore.confirm", map[string]any{"Time": w.u.clientDateTime(created)})
	askRestore(w.u.tr, w.u.win, text, func() {
		w.dlg.Hide()
		w.u.restore(path)
	})
}

// askRestore asks, in text, whether to restore a copy, and calls yes when the answer is
// Восстановить.
func askRestore(tr *i18n.Translator, win fyne.Window, text string, yes func()) {
	d := dialog.NewConfirm(tr.T("restore.confirm_title"), text, func(ok bool) {
		if ok {
			yes()
		}
	}, win)
	d.SetConfirmText(tr.T("restore.confirm_yes"))
	d.SetDismissText(tr.T("restore.confirm_no"))
	d.Resize(fyne.NewSize(620, 300))
	d.Show()
}

// fileButton is «Восстановить из файла…», for a copy brought on a USB stick or kept in
// the extra folder; nil without Options.Restore.
func (w *backupsWindow) fileButton() *widget.Button {
	if w.u.opts.Restore == nil {
		return nil
	}
	return widget.NewButton(w.u.tr.T("restore.from_file"), w.chooseFile)
}

func (w *backupsWindow) chooseFile() {
	pickBackupFile(w.u.tr, w.u.win, w.restoreFile, w.u.showError)
}

// pickBackupFile lets the administrator choose a backup zip (a copy on a USB stick, or
// in the extra folder) and calls picked with its path, or failed when it cannot be read.
func pickBackupFile(tr *i18n.Translator, win fyne.Window, picked func(path string), failed func(error)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			failed(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		picked(path)
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".zip"}))
	d.SetTitleText(tr.T("restore.file_dialog"))
	d.SetConfirmText(tr.T("restore.file_pick"))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// restoreFile reads which day the chosen file is a copy of (off the UI goroutine: a
// USB stick may be slow) and asks to restore it; a file that is no copy is refused
// here, before anything is stopped.
func (w *backupsWindow) restoreFile(path string) {
	w.u.background(func() func() {
		m, err := backup.Inspect(path)
		return func() {
			if err != nil {
				w.u.showError(err)
				return
			}
			w.confirmRestore(path, m.Created)
		}
	})
}

// restore asks the caller to restore the backup at path, saying so while it works;
// this window is replaced by a new one over the restored data (or, when the copy
// cannot be restored, over the data as it was), which tells how it went.
func (u *UI) restore(path string) {
	wait := dialog.NewCustomWithoutButtons(u.tr.T("restore.working"), container.NewVBox(widget.NewProgressBarInfinite()), u.win)
	wait.Resize(fyne.NewSize(420, 120))
	wait.Show()
	u.opts.Restore(path, func(err error) {
		wait.Hide()
		u.showError(err)
	})
}

// Restored tells the administrator, in the window that replaced the one where a
// restore was asked for, how it went: with err nil the data is now the copy's (res
// says where the replaced data was kept); otherwise the translated reason the copy
// was not restored, and that the data is as it was — or, when the database was
// replaced and only adding the message files failed, where the old one was kept.
func (u *UI) Restored(res backup.RestoreResult, err error) {
	tr := u.tr
	if err != nil {
		u.log.Error("restore", "err", err)
		text := tr.Err(err) + "\n\n"
		if res.Kept == "" {
			text += tr.T("restore.unchanged")
		} else { // the database was replaced, then adding the message files failed
			text += tr.T("restore.kept", map[string]any{"File": res.Kept})
		}
		dialog.ShowError(errorText{text}, u.win)
		return
	}
	text := tr.T("restore.done", map[string]any{"Time": u.clientDateTime(res.Manifest.Created)})
	if res.Kept != "" {
		text += "\n\n" + tr.T("restore.kept", map[string]any{"File": res.Kept})
	}
	if len(res.KeptFiles) > 0 {
		text += "\n\n" + tr.N("restore.kept_files", len(res.KeptFiles))
	}
	d := dialog.NewCustom(tr.T("restore.done_title"), tr.T("leads.close"), wrappedLabel(text), u.win)
	d.Resize(fyne.NewSize(620, 280))
	d.Show()
}
