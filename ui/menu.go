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
	return fyne.NewMainMenu(
		fyne.NewMenu(u.tr.T("menu.main"), messenger, clients, leads, fyne.NewMenuItemSeparator(), switchOp),
		fyne.NewMenu(u.tr.T("menu.settings"), accounts, templates, staff, language),
		fyne.NewMenu(u.tr.T("menu.help"), u.helpItems(about)...),
	)
}

// setLanguage switches the interface language at once, remembering the choice, by
// rebuilding the window's content in the new language.
func (u *UI) setLanguage(lang string) {
	if u.opts.Translations == nil || lang == u.tr.Lang() {
		return
	}
	tr, err := u.opts.Translations(lang)
	if err != nil {
		u.showError(err)
		return
	}
	u.app.Preferences().SetString(prefLanguage, lang)
	open := u.dialog.current()
	u.tr = tr
	u.build()
	u.chats.operatorChanged()
	u.dialog.operatorChanged()
	if open != 0 {
		u.openDialog(open)
	}
}

// Language returns the language to start in: the saved choice, else the system's.
func Language(a fyne.App, system string) string {
	if l := a.Preferences().String(prefLanguage); l != "" {
		return l
	}
	return i18n.Pick(system)
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }
