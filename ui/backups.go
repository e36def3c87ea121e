package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"salonchat/backup"
)

// backupsWindow is Настройки → Резервные копии: when the last copy was made, the kept
// copies, "Сделать копию сейчас", the extra folder with its warning, and how to restore:
// «Восстановить…» at a copy (see restore.go), or, for a copy to be restored on another
// computer, with SalonChat closed, by a command this window copies.
type backupsWindow struct {
	u        *UI
	sched    *backup.Scheduler
	last     *widget.Label
	failure  *widget.Label
	now      *widget.Button
	extra    *widget.Label
	warning  *widget.Label
	clear    *widget.Button
	list     *fyne.Container
	notice   *widget.Label
	dlg      *dialog.CustomDialog
	unsubscr func()
}

// showBackups opens Настройки → Резервные копии.
func (u *UI) showBackups() { u.openBackups() }

// openBackups is showBackups returning the window, for tests.
func (u *UI) openBackups() *backupsWindow {
	if u.opts.Backups == nil {
		return nil
	}
	tr := u.tr
	w := &backupsWindow{u: u, sched: u.opts.Backups}
	w.last = widget.NewLabel("")
	w.last.TextStyle.Bold = true
	w.failure = backupsWarning()
	w.now = widget.NewButton(tr.T("backups.now"), w.backupNow)
	w.now.Importance = widget.HighImportance
	w.extra = wrappedLabel("")
	w.warning = backupsWarning()
	w.clear = widget.NewButton(tr.T("backups.extra_clear"), func() { w.setExtra("") })
	w.list = container.NewVBox()
	w.notice = wrappedLabel("")
	w.notice.Hide()

	schedule := wrappedLabel(tr.T("backups.schedule", map[string]any{"Dir": w.sched.Folder()}))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, w.now, w.last), w.failure, schedule,
		backupsHeading(tr.T("backups.extra_title")), w.extra, w.warning,
		container.NewHBox(widget.NewButton(tr.T("backups.extra_choose"), w.chooseExtra), w.clear),
		backupsHeading(tr.T("backups.kept_title")))
	how := tr.T("backups.restore_how")
	if u.opts.Restore != nil {
		how = tr.T("restore.how")
	}
	restore := container.NewVBox(backupsHeading(tr.T("backups.restore_title")), wrappedLabel(how))
	if file := w.fileButton(); file != nil {
		restore.Add(container.NewHBox(file))
	}
	restore.Add(w.notice)
	// One scroll for all: with a dozen copies the list needs more than what is left.
	content := container.NewVScroll(container.NewVBox(top, w.list, restore))
	w.dlg = dialog.NewCustom(tr.T("backups.title"), tr.T("leads.close"), content, u.win)
	w.dlg.Resize(fyne.NewSize(820, 640))
	w.unsubscr = w.sched.Subscribe(func() { fyne.Do(w.refresh) })
	w.dlg.SetOnClosed(func() { w.unsubscr() })
	w.refresh()
	w.dlg.Show()
	return w
}

func backupsHeading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

func backupsWarning() *widget.Label {
	l := wrappedLabel("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// showOrHide shows text in l, or hides l when text is empty.
func showOrHide(l *widget.Label, text string) {
	l.SetText(text)
	l.Hidden = text == ""
	l.Refresh()
}

// refresh shows the scheduler's status and the kept copies.
func (w *backupsWindow) refresh() {
	tr := w.u.tr
	st := w.sched.Status()
	switch {
	case st.Running:
		w.last.SetText(tr.T("backups.running"))
	case st.Last.IsZero():
		w.last.SetText(tr.T("backups.none"))
	default:
		w.last.SetText(tr.T("backups.last", map[string]any{"Time": w.u.clientDateTime(st.Last)}))
	}
	if st.Running {
		w.now.Disable()
	} else {
		w.now.Enable()
	}
	failure := ""
	if st.Err != nil {
		failure = tr.Err(st.Err)
	}
	showOrHide(w.failure, failure)
	w.refreshExtra(st)
	w.refreshList()
}

func (w *backupsWindow) refreshExtra(st backup.Status) {
	tr := w.u.tr
	if st.ExtraDir == "" {
		w.extra.SetText(tr.T("backups.extra_none"))
		w.clear.Hide()
	} else {
		w.extra.SetText(tr.T("backups.extra_dir", map[string]any{"Dir": st.ExtraDir}))
		w.clear.Show()
	}
	warning := ""
	switch {
	case st.ExtraErr != nil:
		warning = tr.Err(st.ExtraErr)
		w.warning.Importance = widget.DangerImportance
	case st.ExtraDir != "" && !st.ExtraLast.IsZero():
		warning = tr.T("backups.extra_ok", map[string]any{"Time": w.u.clientDateTime(st.ExtraLast)})
		w.warning.Importance = widget.SuccessImportance
	}
	showOrHide(w.warning, warning)
}

// refreshList lists the kept copies, newest first, each with «Восстановить…» and its
// restore command.
func (w *backupsWindow) refreshList() {
	tr := w.u.tr
	w.list.RemoveAll()
	bs, err := w.sched.List()
	if err != nil {
		w.list.Add(wrappedLabel(tr.Err(err)))
		return
	}
	if len(bs) == 0 {
		w.list.Add(widget.NewLabel(tr.T("backups.empty")))
	}
	for _, b := range bs {
		text := tr.T("backups.row", map[string]any{"Time": w.u.clientDateTime(b.Created), "Size": w.u.dialog.fileSize(b.Size)})
		buttons := container.NewHBox()
		if restore := w.restoreButton(b); restore != nil {
			buttons.Add(restore)
		}
		buttons.Add(widget.NewButton(tr.T("backups.copy_command"), func() { w.copyCommand(b) }))
		w.list.Add(container.NewBorder(nil, nil, nil, buttons, widget.NewLabel(text)))
	}
}

// backupNow makes a copy off the UI goroutine; the status follows through Subscribe.
func (w *backupsWindow) backupNow() {
	w.now.Disable()
	w.u.background(func() func() {
		_, err := w.sched.BackupNow()
		return func() {
			if err != nil {
				w.u.log.Error("backup now", "err", err)
			}
			w.refresh()
		}
	})
}

func (w *backupsWindow) chooseExtra() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			w.u.showError(err)
			return
		}
		if dir != nil {
			w.setExtra(dir.Path())
		}
	}, w.u.win)
	d.SetTitleText(w.u.tr.T("backups.extra_dialog")) // Fyne's own reads "Открыть Папка"
	d.SetConfirmText(w.u.tr.T("backups.extra_pick"))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// setExtra saves the extra folder and copies there at once (off the UI goroutine: a
// network drive may be slow); the result shows as the folder's warning.
func (w *backupsWindow) setExtra(dir string) {
	w.u.background(func() func() {
		err := w.sched.SetExtraDir(dir)
		return func() {
			w.u.showError(err)
			w.refresh()
		}
	})
}

// copyCommand puts the command that restores b into the clipboard and says what to do
// with it: restoring replaces the store, so it runs with SalonChat closed.
func (w *backupsWindow) copyCommand(b backup.Info) {
	cmd := restoreCommand(w.u.opts.DataDir, b.Path)
	w.u.app.Clipboard().SetContent(cmd)
	showOrHide(w.notice, w.u.tr.T("backups.command_copied", map[string]any{"Command": cmd}))
}

// restoreCommand is the command line that restores the backup at from into dataDir,
// naming this very program so that it can be pasted into a terminal as it is.
func restoreCommand(dataDir, from string) string {
	exe, err := os.Executable()
	if err != nil {
		exe = "salonchat"
		if runtime.GOOS == "windows" {
			exe = "SalonChat.exe"
		}
	}
	if abs, err := filepath.Abs(dataDir); err == nil {
		dataDir = abs // the terminal opens elsewhere
	}
	if abs, err := filepath.Abs(from); err == nil {
		from = abs
	}
	// Plain double quotes: what both cmd.exe and a POSIX shell take for paths with spaces
	// (Go's %q would double Windows' backslashes).
	return fmt.Sprintf(`"%s" restore --data "%s" --from "%s"`, filepath.Clean(exe), dataDir, from)
}
