package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"salonchat/assets"
	"salonchat/inbox"
)

// appID is the Fyne application id (FyneApp.toml); preferences are kept under it.
const appID = "ru.salonchat.app"

// runWindow opens the store and shows the SalonChat window until it is closed. For now
// the window is a placeholder that shows the data folder and its dialog counts.
func runWindow(e *env) int {
	store, err := openStore(e.cfg)
	if err != nil {
		code := e.fail("open store", err)
		showText("SalonChat", e.tr.T("window.error_title"), e.tr.Err(err)) // a GUI start has no console
		return code
	}
	defer store.Close()
	counts, err := inbox.NewService(store, inbox.WithLogger(e.log)).Counts(0)
	if err != nil {
		return e.fail("count dialogs", err)
	}
	all := counts.All
	showText("SalonChat", e.tr.T("window.placeholder"),
		e.tr.T("window.data_folder", map[string]any{"Dir": e.cfg.DataDir}),
		e.tr.N("window.dialogs", all.Live()+all[inbox.ClassClosed]),
		e.tr.T("window.counts", map[string]any{"Unanswered": all.Tab(inbox.StatusUnanswered),
			"Open": all.Tab(inbox.StatusOpen), "Postponed": all.Tab(inbox.StatusPostponed), "Closed": all.Tab(inbox.StatusClosed)}))
	return exitOK
}

// showText shows a window of centred, wrapped lines, the first in bold, until it is
// closed.
func showText(title string, lines ...string) {
	if err := assets.LoadTranslations(); err != nil { // for Fyne-side lang lookups
		fyne.LogError("load translations", err)
	}
	a := app.NewWithID(appID)
	a.SetIcon(assets.Icon)
	w := a.NewWindow(title)
	box := container.NewVBox(layout.NewSpacer())
	for i, s := range lines {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignCenter, fyne.TextStyle{Bold: i == 0})
		l.Wrapping = fyne.TextWrapWord
		box.Add(l)
	}
	box.Add(layout.NewSpacer())
	w.SetContent(container.NewVScroll(box)) // gives wrapped lines the window's width
	w.Resize(fyne.NewSize(900, 560))
	w.ShowAndRun()
}
