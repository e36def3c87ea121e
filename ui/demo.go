package ui

import "fyne.io/fyne/v2"

// demoItems are the Главное menu's way into the demo salon and back out of it; none
// when the caller offers no demo.
func (u *UI) demoItems() []*fyne.MenuItem {
	if u.opts.SwitchDemo == nil {
		return nil
	}
	if u.opts.Demo {
		return []*fyne.MenuItem{fyne.NewMenuItem(u.tr.T("demo.leave"), func() { u.switchDemo(false) })}
	}
	return []*fyne.MenuItem{fyne.NewMenuItem(u.tr.T("demo.open"), func() { u.switchDemo(true) })}
}

// switchDemo opens the demo salon or leaves it; this window is replaced on success.
func (u *UI) switchDemo(demo bool) {
	if err := u.opts.SwitchDemo(demo); err != nil {
		u.showError(err)
	}
}
