package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

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

// switchDemo opens the demo salon or leaves it, saying so while it takes (the first
// visit fills the demo folder); this window is replaced on success.
func (u *UI) switchDemo(demo bool) {
	key := "demo.leaving"
	if demo {
		key = "demo.opening"
	}
	wait := dialog.NewCustomWithoutButtons(u.tr.T(key), container.NewVBox(widget.NewProgressBarInfinite()), u.win)
	wait.Resize(fyne.NewSize(420, 120))
	wait.Show()
	u.opts.SwitchDemo(demo, func(err error) {
		wait.Hide()
		u.showError(err)
	})
}
