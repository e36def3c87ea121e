package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Autostart starts SalonChat with the system login (package autostart).
type Autostart interface {
	// Enable makes SalonChat start at login.
	Enable() error
	// Disable stops it starting at login; nothing to disable is not an error.
	Disable() error
	// Enabled reports whether SalonChat starts at login now.
	Enabled() (bool, error)
}

// settingsWindow is Настройки → Общие: starting with the system, closing to the tray,
// and where the data lives.
type settingsWindow struct {
	u         *UI
	autostart *widget.Check // nil when the system cannot start SalonChat at login
	toTray    *widget.Check // nil without a tray
	dlg       *dialog.CustomDialog
}

// showSettings opens Настройки → Общие.
func (u *UI) showSettings() { u.openSettings() }

// openSettings is showSettings returning the window, for tests.
func (u *UI) openSettings() *settingsWindow {
	w := &settingsWindow{u: u}
	tr := u.tr
	box := container.NewVBox(sectionTitle(tr.T("settings.running")))
	if u.opts.Autostart != nil {
		w.autostart = widget.NewCheck(tr.T("settings.autostart"), nil)
		on, err := u.opts.Autostart.Enabled()
		if err != nil {
			u.log.Error("autostart state", "err", err)
		}
		w.autostart.SetChecked(on)
		w.autostart.OnChanged = w.setAutostart
		box.Add(w.autostart)
	}
	if u.opts.Tray != nil {
		w.toTray = widget.NewCheck(tr.T("settings.close_to_tray"), func(on bool) {
			u.app.Preferences().SetBool(prefCloseToTray, on)
		})
		w.toTray.SetChecked(u.closesToTray())
		box.Add(w.toTray)
		box.Add(wrappedLabel(tr.T("settings.tray_note")))
	} else {
		box.Add(wrappedLabel(tr.T("settings.no_tray")))
	}
	box.Add(wrappedLabel(tr.T("settings.keep_running")))
	path := widget.NewLabel(u.opts.DataDir)
	path.Selectable = true // to copy it into a file manager or a message to support
	path.Wrapping = fyne.TextWrapBreak
	box.Add(sectionTitle(tr.T("settings.data_folder")))
	box.Add(path)
	w.dlg = dialog.NewCustom(tr.T("settings.title"), tr.T("leads.close"), box, u.win)
	w.dlg.Resize(fyne.NewSize(640, 480))
	w.dlg.Show()
	return w
}

// setAutostart switches starting at login; on failure the box goes back to what is
// true and the administrator reads why.
func (w *settingsWindow) setAutostart(on bool) {
	change := w.u.opts.Autostart.Disable
	if on {
		change = w.u.opts.Autostart.Enable
	}
	err := change()
	if err == nil {
		return
	}
	w.u.log.Error("autostart", "on", on, "err", err)
	dialog.ShowError(errorText{w.u.tr.T("settings.autostart_failed")}, w.u.win)
	now, _ := w.u.opts.Autostart.Enabled()
	w.autostart.OnChanged = nil
	w.autostart.SetChecked(now)
	w.autostart.OnChanged = w.setAutostart
}

// sectionTitle is a bold heading inside a settings window.
func sectionTitle(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}
