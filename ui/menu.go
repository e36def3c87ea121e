package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"

	"salonchat/i18n"
)

// mainMenu is the window's menu: Главное → Мессенджер, switching operator, language.
func (u *UI) mainMenu() *fyne.MainMenu {
	messenger := fyne.NewMenuItem(u.tr.T("menu.messenger"), func() { u.win.Show(); u.win.RequestFocus() })
	switchOp := fyne.NewMenuItem(u.tr.T("menu.switch_operator"), func() { u.askOperator(true) })
	clients := fyne.NewMenuItem(u.tr.T("menu.clients"), u.showClients)
	leads := fyne.NewMenuItem(u.tr.T("menu.leads"), u.showLeads)
	templates := fyne.NewMenuItem(u.tr.T("menu.templates"), u.showTemplates)
	staff := fyne.NewMenuItem(u.tr.T("menu.staff"), u.showStaff)
	var langs []*fyne.MenuItem
	for _, l := range i18n.Languages {
		item := fyne.NewMenuItem(u.tr.T("language."+l), func() { u.setLanguage(l) })
		item.Checked = u.tr.Lang() == l
		langs = append(langs, item)
	}
	accounts := fyne.NewMenuItem(u.tr.T("menu.accounts"), func() { u.showAccounts(0) })
	language := fyne.NewMenuItem(u.tr.T("menu.language"), nil)
	language.ChildMenu = fyne.NewMenu("", langs...)
	about := fyne.NewMenuItem(u.tr.T("menu.about"), func() {
		dialog.ShowInformation(u.tr.T("menu.about"), u.tr.T("about.text", map[string]any{"Version": u.opts.Version, "Data": u.opts.DataDir}), u.win)
	})
	general := fyne.NewMenuItem(u.tr.T("menu.general"), u.showSettings)
	settings := fyne.NewMenu(u.tr.T("menu.settings"), general, accounts, templates, staff, language)
	if u.opts.Backups != nil {
		settings.Items = append(settings.Items, fyne.NewMenuItem(u.tr.T("menu.backups"), u.showBackups))
	}
	main := []*fyne.MenuItem{messenger, clients, leads, fyne.NewMenuItemSeparator(), switchOp}
	main = append(main, u.demoItems()...)
	main = append(main, fyne.NewMenuItemSeparator(), u.quitItem())
	return fyne.NewMainMenu(
		fyne.NewMenu(u.tr.T("menu.main"), main...),
		settings,
		fyne.NewMenu(u.tr.T("menu.help"), u.helpItems(about)...),
	)
}

// setLanguage switches the interface language at once, remembering the choice, by
// rebuilding the window's content in the new language.
func (u *UI) setLanguage(lang string) {
	open := u.dialog.current()
	if changed, err := u.useLanguage(lang); !changed {
		u.showError(err)
		return
	}
	u.build()
	u.chats.operatorChanged()
	u.dialog.operatorChanged()
	if open != 0 {
		u.openDialog(open)
	}
}

// useLanguage loads lang's translations, remembers the choice and makes them current;
// changed is false when lang is already in use or cannot be loaded (err).
func (u *UI) useLanguage(lang string) (changed bool, err error) {
	if u.opts.Translations == nil || lang == u.tr.Lang() {
		return false, nil
	}
	tr, err := u.opts.Translations(lang)
	if err != nil {
		return false, err
	}
	u.app.Preferences().SetString(prefLanguage, lang)
	u.tr = tr
	return true, nil
}

// Language returns the language to start in: the saved choice, else the system's.
func Language(a fyne.App, system string) string {
	if l := a.Preferences().String(prefLanguage); l != "" {
		return l
	}
	return i18n.Pick(system)
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }
