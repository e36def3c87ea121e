package ui

import (
	"fyne.io/fyne/v2"

	"salonchat/inbox"
)

// Tray is the part of a desktop app that shows SalonChat in the system tray
// (fyne.io/fyne/v2/driver/desktop.App has both methods). Defined here so that tests
// can check the menu with Fyne's test driver, which has no tray.
type Tray interface {
	// SetSystemTrayMenu shows menu when the tray icon is clicked; a later call
	// replaces it.
	SetSystemTrayMenu(menu *fyne.Menu)
	// SetSystemTrayWindow makes clicking the tray icon show w (and closing w hide it,
	// which closeWindow overrides).
	SetSystemTrayWindow(w fyne.Window)
}

// Preference keys of the tray.
const (
	// prefCloseToTray: closing the window hides it in the tray (true, the default) or
	// quits SalonChat.
	prefCloseToTray = "tray.close_to_tray"
	// prefTrayTold: the administrator was told once that SalonChat keeps running in the
	// tray after its window was closed.
	prefTrayTold = "tray.told"
)

// setupTray puts SalonChat in the tray and makes closing the window hide it there, so
// that connectors keep receiving and notifications keep coming. Without a tray
// closing the window quits, as there would be no way to bring it back.
func (u *UI) setupTray() {
	if u.opts.Tray == nil {
		return
	}
	u.opts.Tray.SetSystemTrayWindow(u.win) // the menu itself was set by build's updateTitle
	u.win.SetCloseIntercept(u.closeWindow)
}

// closeWindow is what the window's close button does when there is a tray.
func (u *UI) closeWindow() {
	if !u.closesToTray() {
		u.quit()
		return
	}
	u.win.Hide()
	if u.live != nil {
		u.live.focused = false // not every system reports a hidden window as unfocused
	}
	prefs := u.app.Preferences()
	if !prefs.Bool(prefTrayTold) {
		prefs.SetBool(prefTrayTold, true)
		u.app.SendNotification(fyne.NewNotification(u.tr.T("notify.title"), u.tr.T("tray.still_running")))
	}
}

// closesToTray reports whether closing the window hides it rather than quits.
func (u *UI) closesToTray() bool {
	return u.opts.Tray != nil && u.app.Preferences().BoolWithFallback(prefCloseToTray, true)
}

// updateTray shows the unanswered count in the tray menu. The menu is replaced only
// when its text changes: every replacement rebuilds the tray's native menu.
func (u *UI) updateTray(unanswered int) {
	if u.opts.Tray == nil {
		return
	}
	label := u.tr.T("tray.none_unanswered")
	if unanswered > 0 {
		label = u.tr.N("tray.unanswered", unanswered)
	}
	if label == u.trayLabel {
		return
	}
	u.trayLabel = label
	count := fyne.NewMenuItem(label, u.showWindow)
	open := fyne.NewMenuItem(u.tr.T("tray.open"), u.showWindow)
	u.opts.Tray.SetSystemTrayMenu(fyne.NewMenu("SalonChat", count, open, fyne.NewMenuItemSeparator(), u.quitItem()))
}

// quitItem is Выход: last in its menu and marked as the quit item, so that Fyne adds
// no second one of its own.
func (u *UI) quitItem() *fyne.MenuItem {
	item := fyne.NewMenuItem(u.tr.T("menu.quit"), u.quit)
	item.IsQuit = true
	return item
}

// ShowWindow brings the window forward, from the tray too: a second start of
// SalonChat on the same data asks for it.
func (u *UI) ShowWindow() { u.showWindow() }

// showWindow brings the window back from the tray.
func (u *UI) showWindow() {
	u.win.Show()
	u.win.RequestFocus()
}

// quit stops SalonChat: the caller of the app's Run closes the connectors and the store.
func (u *UI) quit() {
	if u.opts.Quit != nil {
		u.opts.Quit()
		return
	}
	u.app.Quit()
}

// unanswered is the number of dialogs waiting for the salon's answer, or 0 when it
// cannot be read (the error is logged).
func (u *UI) unanswered() int {
	counts, err := u.svc.Counts(u.me.ID)
	if err != nil {
		u.log.Error("counts", "err", err)
		return 0
	}
	return counts.All.Tab(inbox.StatusUnanswered)
}
