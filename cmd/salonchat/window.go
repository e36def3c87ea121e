package main

import (
	"context"
	"io/fs"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"salonchat/assets"
	"salonchat/connectors"
	"salonchat/connectors/whatsapp"
	"salonchat/i18n"
	"salonchat/support"
	"salonchat/ui"
)

// appID is the Fyne application id (FyneApp.toml); preferences are kept under it.
const appID = "ru.salonchat.app"

// postponeCheck is how often expired postponements are returned to open.
const postponeCheck = 30 * time.Second

// runWindow opens the store and shows the messenger until the window is closed.
func runWindow(e *env) int {
	defer e.logToFile("window")()
	store, err := openStore(e.cfg)
	if err != nil {
		code := e.fail("open store", err)
		showText("SalonChat", e.tr.T("window.error_title"), e.tr.Err(err)) // a GUI start has no console
		return code
	}
	defer store.Close()
	nets := networks(e.cfg, e.log)
	svc := service(store, nets, e.log)

	a := app.NewWithID(appID)
	a.SetIcon(assets.Icon)
	// Fyne's own widgets (the date chooser) read its lang package; our files also carry
	// fixes to Fyne's Russian texts (its ru.json swaps Tuesday and Thursday).
	if err := lang.AddTranslationsFS(assets.Translations, assets.TranslationsDir); err != nil {
		e.log.Warn("fyne translations", "err", err)
	}
	tr, err := uiTranslator(ui.Language(a, systemLocale()))
	if err != nil {
		return e.fail("load translations", err)
	}
	mgr := connectors.NewManager(svc, nets, e.log)
	v, _ := readVersion()
	w, err := ui.New(a, svc, tr, ui.Options{DataDir: e.cfg.DataDir, Translations: uiTranslator, Log: e.log, Networks: nets,
		Version: v.String(), Report: support.Report{App: e.supportVersion(), DataDir: e.cfg.DataDir, Store: store},
		WhatsAppLinking: whatsapp.NewLinking(whatsapp.Options{DataDir: e.cfg.DataDir, Log: e.log, FetchVersion: true}),
		NumberChecker:   mgr.NumberChecker})
	if err != nil {
		return e.fail("open messenger", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := mgr.Start(ctx); err != nil {
		cancel()
		return e.fail("start connectors", err)
	}
	done := make(chan struct{})
	go func() { defer close(done); svc.Run(ctx, postponeCheck) }()
	w.Start()
	a.Run()
	cancel()
	mgr.Close()
	<-done
	w.Close()
	return exitOK
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
func showText(title string, lines ...string) {
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
