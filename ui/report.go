package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"salonchat/inbox"
)

// helpItems is the Справка menu: Сохранить отчёт (when the program can write one), then
// О программе.
func (u *UI) helpItems(about *fyne.MenuItem) []*fyne.MenuItem {
	if u.opts.Report == nil {
		return []*fyne.MenuItem{about}
	}
	return []*fyne.MenuItem{fyne.NewMenuItem(u.tr.T("menu.save_report"), u.saveReport), about}
}

// saveReport asks where to save the support report, offering
// SalonChat-report-<date>.zip, and writes it there.
func (u *UI) saveReport() {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(reportError(err))
			return
		}
		if w == nil {
			return // the administrator cancelled
		}
		go u.writeReport(w)
	}, u.win)
	save.SetFileName(u.opts.Report.FileName(time.Now()))
	save.Show()
}

// writeReport writes the report into w off the UI goroutine (counting a large store's
// records takes a moment), then says where it went; a report that failed half-way is
// removed rather than left as a broken zip.
func (u *UI) writeReport(w fyne.URIWriteCloser) {
	err := u.opts.Report.Write(w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		if rerr := storage.Delete(w.URI()); rerr != nil {
			u.log.Warn("remove unfinished report", "err", rerr)
		}
	}
	fyne.Do(func() {
		if err != nil {
			u.showError(reportError(err))
			return
		}
		dialog.ShowInformation(u.tr.T("report.title"),
			u.tr.T("report.saved", map[string]any{"Path": w.URI().Path()}), u.win)
	})
}

func reportError(err error) error {
	return &inbox.Error{Code: inbox.CodeUnavailable, Key: "report.failed", Err: err}
}
