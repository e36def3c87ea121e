package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"salonchat/assets"
	"salonchat/connectors"
	"salonchat/inbox"
)

// showAdd asks which messenger to connect. Only the networks this SalonChat can run are
// offered; WhatsApp and VK appear here when their connectors exist.
func (w *accountsWindow) showAdd() {
	tr := w.u.tr
	w.leave()
	tiles := container.NewGridWrap(fyne.NewSize(200, 56))
	for _, n := range inbox.Networks {
		net, ok := w.u.opts.Networks[n]
		if !ok {
			continue
		}
		b := widget.NewButtonWithIcon(accountNetwork(tr, n), assets.ChannelIcon(string(n)), func() { w.showNew(net) })
		tiles.Add(b)
	}
	body := container.NewVBox(accountHeading(tr.T("accounts.choose.title")),
		accountWrapped(tr.T("accounts.choose.hint")), tiles)
	var bottom fyne.CanvasObject
	if len(w.accounts) > 0 { // with none, this choice is the window's starting point
		bottom = container.NewPadded(container.NewHBox(widget.NewButton(tr.T("common.cancel"), w.showHint)))
	}
	w.setRight(container.NewBorder(nil, bottom, nil, nil, container.NewPadded(body)), nil)
}

// showNew is the form that connects a new account of net.
func (w *accountsWindow) showNew(net connectors.Network) {
	if w.linksWhatsApp(net.Network) { // no token to type: the number is linked by its phone
		w.showLinkWhatsApp(inbox.Account{})
		return
	}
	tr := w.u.tr
	f := newAccountForm(w, inbox.Account{Network: net.Network}, net, true)
	title := accountHeading(tr.T("accounts.new.title", map[string]any{"Network": accountNetwork(tr, net.Network)}))
	body := container.NewVBox(accountHeader(net.Network, title, tr.T("accounts.new.hint")))
	if note := accountNote(w.u, net.Network); note != nil {
		body.Add(note)
	}
	body.Add(widget.NewSeparator())
	body.Add(f.fields())
	f.pane = container.NewBorder(nil, f.actions(), nil, nil, container.NewVScroll(container.NewPadded(body)))
	w.setRight(f.pane, f)
	w.win.Canvas().Focus(f.first())
}

// showHint is the right pane while no account is selected. A salon with no account
// yet is offered the messengers to connect straight away.
func (w *accountsWindow) showHint() {
	if len(w.accounts) == 0 && len(w.u.opts.Networks) > 0 {
		w.showAdd()
		return
	}
	w.leave()
	key := "accounts.pick_hint"
	if len(w.accounts) == 0 {
		key = "accounts.no_networks"
	}
	hint := accountWrapped(w.u.tr.T(key))
	hint.Alignment = fyne.TextAlignCenter
	hint.Importance = widget.LowImportance
	w.setRight(container.NewPadded(container.NewVBox(hint)), nil)
}

// leave unselects the account shown, for a pane that is about no account.
func (w *accountsWindow) leave() {
	w.selected, w.detail = 0, nil
	w.list.UnselectAll()
}

// accountNote is what an administrator must know about a network before relying on it
// (for Telegram: the bot only receives while SalonChat runs, and Telegram keeps
// undelivered messages a day), or nil when there is nothing to say.
func accountNote(u *UI, n inbox.Network) fyne.CanvasObject {
	key := "accounts.note." + string(n)
	if !u.tr.Has(key) {
		return nil
	}
	icon := widget.NewIcon(theme.InfoIcon())
	return container.NewBorder(nil, nil, container.NewVBox(icon), nil, accountWrapped(u.tr.T(key)))
}

// first is the input to type in first: the first setting, else the title.
func (f *accountForm) first() fyne.Focusable {
	if len(f.entries) > 0 {
		return f.entries[0]
	}
	return f.title
}
