package main

import (
	"errors"
	"io/fs"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"salonchat/assets"
	"salonchat/i18n"
	"salonchat/inbox"
	"salonchat/storage"
	"salonchat/ui"
)

// appID is the Fyne application id (FyneApp.toml); preferences are kept under it.
const appID = "ru.salonchat.app"

// postponeCheck is how often expired postponements are returned to open.
const postponeCheck = 30 * time.Second

// runWindow opens the data folder (or the demo salon's with --demo) and shows the
// messenger — hidden in the tray with --tray — until SalonChat is quit.
func runWindow(e *env) int {
	dir := e.cfg.DataDir
	if e.cfg.Demo {
		dir = demoDir(dir)
	}
	if !e.cfg.Hidden && askToShow(dir, time.Second) {
		e.log.Info("SalonChat already runs on this folder: its window was brought forward", "data", dir)
		return exitOK
	}
	defer e.logToFile("window")() // after the check: the running copy owns the log file
	a := app.NewWithID(appID)
	fontsReady := quickStart(a)
	a.SetIcon(assets.Icon)
	// Fyne's own widgets (the date chooser) read its lang package; our files also carry
	// fixes to Fyne's Russian texts (its ru.json swaps Tuesday and Thursday).
	if err := lang.AddTranslationsFS(assets.Translations, assets.TranslationsDir); err != nil {
		e.log.Warn("fyne translations", "err", err)
	}
	d := &desk{e: e, app: a, tray: systemTray(a, e.log), auto: autostartEntry(e), beforeWidgets: fontsReady}
	code := exitOK
	var rescue *ui.Recovery // shown instead of the messenger over an unreadable store
	s, err := d.open(e.cfg.Demo)
	switch {
	case err == nil:
		d.cur = s
	case e.cfg.Hidden && errors.Is(err, inbox.ErrInUse):
		return e.fail("open store", err) // started at login while a copy already runs: nothing to show
	case !e.cfg.Demo && errors.Is(err, storage.ErrDamaged):
		code = e.fail("open store", err)
		rescue = d.recover() // the messenger opens once a copy is restored
	default:
		code = e.fail("open store", err)
		showText(a, "SalonChat", e.tr.T("window.error_title"), e.tr.Err(err)) // a GUI start has no console
		return code
	}
	b, err := listenBeacon(dir, func() {
		fyne.Do(func() {
			switch {
			case d.cur != nil:
				d.cur.ui.ShowWindow()
			case rescue != nil:
				rescue.Window().Show()
				rescue.Window().RequestFocus()
			}
		})
	}, e.log)
	if err != nil {
		e.log.Warn("a second start will not bring this window forward", "err", err)
	} else {
		defer b.Close()
	}
	switch {
	case d.cur == nil: // the recovery window is shown
	case e.cfg.Hidden:
		s.ui.StartHidden()
	default:
		s.ui.Start()
	}
	a.Run()
	if d.cur != nil {
		code = exitOK // a restored copy opened
	}
	d.close()
	return code
}

// uiTranslator loads the bundled translations in a language.
func uiTranslator(lang string) (*i18n.Translator, error) {
	files, err := fs.Sub(assets.Translations, assets.TranslationsDir)
	if err != nil {
		return nil, err
	}
	return i18n.New(files, lang)
}

// showText shows a window of centred, wrapped lines, the first in bold, until it is
// closed: how a start that failed tells a person who double-clicked the app why.
func showText(a fyne.App, title string, lines ...string) {
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
