package ui

import (
	"log/slog"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"salonchat/backup"
	"salonchat/i18n"
)

// RecoveryOptions configure the window shown when the data cannot be opened.
type RecoveryOptions struct {
	// DataDir is the data folder; its backups/ folder is where the kept copies are.
	DataDir string
	// Reason says, translated, why the data could not be opened.
	Reason string
	// Restore restores the copy at path and opens its store; it runs off the UI
	// goroutine. The show it returns runs on the UI goroutine and opens the messenger
	// over the store; when it returns nil this window closes. An error from either is
	// shown here, and the window stays.
	Restore func(path string) (show func() error, err error)
	Log     *slog.Logger
}

// Recovery is the window shown instead of the messenger when the data file cannot be
// read: it says why, lists the copies kept in backups/ newest first with
// «Восстановить…» beside each, offers «Восстановить из файла…» for a copy brought on a
// USB stick, and Выход. An administrator so gets the salon's data back without a
// terminal; the damaged file is kept aside by the restore, never deleted.
type Recovery struct {
	tr   *i18n.Translator
	opts RecoveryOptions
	win  fyne.Window
	busy bool
	// background runs work off the UI goroutine and what it returns on it (offUI); tests
	// run both at once, as Fyne's test driver runs fyne.Do on the caller's goroutine.
	background func(work func() (apply func()))
}

// offUI runs work on its own goroutine and applies its result on the UI goroutine.
func offUI(work func() (apply func())) {
	go func() {
		apply := work()
		fyne.Do(apply)
	}()
}

// ShowRecovery shows the recovery window. Closing it quits SalonChat: there is nothing
// else open.
func ShowRecovery(a fyne.App, tr *i18n.Translator, opts RecoveryOptions) *Recovery {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	r := &Recovery{tr: tr, opts: opts, win: a.NewWindow("SalonChat"), background: offUI}
	title := widget.NewLabelWithStyle(tr.T("window.error_title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	box := container.NewVBox(title, wrappedLabel(opts.Reason), widget.NewSeparator())
	copies, err := backup.Kept(opts.DataDir)
	if err != nil {
		opts.Log.Error("list backups", "err", err)
	}
	dir := map[string]any{"Dir": filepath.Join(opts.DataDir, backup.Dir)}
	if len(copies) == 0 {
		box.Add(wrappedLabel(tr.T("recovery.no_copies", dir)))
	} else {
		box.Add(wrappedLabel(tr.T("recovery.copies", dir)))
		for _, b := range copies {
			text := tr.T("recovery.copy", map[string]any{"Time": dateTime(tr, b.Created)})
			box.Add(container.NewBorder(nil, nil, nil,
				widget.NewButton(tr.T("restore.button"), func() { r.confirm(b.Path, b.Created) }), widget.NewLabel(text)))
		}
	}
	box.Add(widget.NewSeparator())
	box.Add(container.NewHBox(widget.NewButton(tr.T("restore.from_file"), r.chooseFile),
		widget.NewButton(tr.T("recovery.quit"), a.Quit)))
	r.win.SetContent(container.NewVScroll(container.NewPadded(box)))
	r.win.Resize(fyne.NewSize(760, 520))
	r.win.SetCloseIntercept(a.Quit)
	r.win.Show()
	return r
}

// Window is the recovery window.
func (r *Recovery) Window() fyne.Window { return r.win }

// confirm says what restoring the copy made at created does, and restores it when the
// administrator agrees.
func (r *Recovery) confirm(path string, created time.Time) {
	text := r.tr.T("recovery.confirm", map[string]any{"Time": dateTime(r.tr, created)})
	askRestore(r.tr, r.win, text, func() { r.restore(path) })
}

// chooseFile restores a copy brought on a USB stick, after reading which day it is of
// (off the UI goroutine: the stick may be slow); a file that is no copy is refused.
func (r *Recovery) chooseFile() {
	pickBackupFile(r.tr, r.win, func(path string) {
		r.background(func() func() {
			m, err := backup.Inspect(path)
			return func() {
				if err != nil {
					r.showError(err)
					return
				}
				r.confirm(path, m.Created)
			}
		})
	}, r.showError)
}

// restore runs the caller's restore off the UI goroutine, saying so meanwhile; a
// failure is explained here and nothing else changes.
func (r *Recovery) restore(path string) {
	if r.busy {
		return
	}
	r.busy = true
	wait := dialog.NewCustomWithoutButtons(r.tr.T("restore.working"), container.NewVBox(widget.NewProgressBarInfinite()), r.win)
	wait.Resize(fyne.NewSize(420, 120))
	wait.Show()
	r.background(func() func() {
		show, err := r.opts.Restore(path)
		return func() {
			r.busy = false
			wait.Hide()
			if err == nil {
				err = show()
			}
			if err != nil {
				r.opts.Log.Error("restore", "from", path, "err", err)
				r.showError(err)
				return
			}
			r.win.Close()
		}
	})
}

func (r *Recovery) showError(err error) {
	dialog.ShowError(errorText{r.tr.Err(err)}, r.win)
}
